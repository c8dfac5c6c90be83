package io.sensoringest.contract;

import java.util.List;

/**
 * TLS to RabbitMQ, as both apps are told it: the server's certificate and host name are
 * verified.
 *
 * @param enabled {@code RABBITMQ_SSL_ENABLED}
 * @param trustStore {@code RABBITMQ_SSL_TRUSTSTORE}: a PKCS#12 or JKS file of trusted
 * certificates; blank for the Java runtime's
 * @param trustStorePassword {@code RABBITMQ_SSL_TRUSTSTORE_PASSWORD}; never shown
 */
public record BrokerTls(Boolean enabled, String trustStore, String trustStorePassword) {

	/**
	 * Returns where the broker is, with who to be there, and this TLS.
	 * @param addresses the nodes as {@code host:port}, one for each
	 * @throws InvalidSettingException when no user is named: the broker would refuse an
	 * empty one with a message that does not say which setting is missing; or when an
	 * address is no {@code host:port}
	 */
	public BrokerSettings broker(List<String> addresses, String username, String password) {
		if (SettingText.blankToNull(username) == null) {
			throw new InvalidSettingException("RABBITMQ_USERNAME", null, "is not set");
		}
		return new BrokerSettings(BrokerSettings.parseAddresses(String.join(",", addresses)), username, password,
				Boolean.TRUE.equals(this.enabled), SettingText.blankToNull(this.trustStore),
				SettingText.blankToNull(this.trustStorePassword));
	}

	@Override
	public String toString() {
		return "BrokerTls[enabled=" + this.enabled + ", trustStore=" + this.trustStore + ", trustStorePassword=******]";
	}

}
