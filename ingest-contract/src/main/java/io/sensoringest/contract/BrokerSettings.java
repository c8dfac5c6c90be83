package io.sensoringest.contract;

import com.rabbitmq.client.ConnectionFactory;

/**
 * Where RabbitMQ is and who to be there, from the {@code RABBITMQ_*} settings.
 *
 * @param host {@code RABBITMQ_HOST}
 * @param port {@code RABBITMQ_PORT}
 * @param username {@code RABBITMQ_USERNAME}
 * @param password {@code RABBITMQ_PASSWORD}; never shown
 */
public record BrokerSettings(String host, int port, String username, String password) {

	/** Reads the settings. */
	public static BrokerSettings from(Settings settings) {
		return new BrokerSettings(settings.get("RABBITMQ_HOST"), settings.port("RABBITMQ_PORT"),
				settings.get("RABBITMQ_USERNAME"), settings.get("RABBITMQ_PASSWORD"));
	}

	/**
	 * Returns a factory for connections to the broker. Automatic recovery is off: the
	 * apps reconnect themselves, so that they know what was in flight when the link
	 * broke.
	 */
	public ConnectionFactory connectionFactory() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(host);
		factory.setPort(port);
		factory.setUsername(username);
		factory.setPassword(password);
		factory.setAutomaticRecoveryEnabled(false);
		factory.setConnectionTimeout(10_000);
		return factory;
	}

	/** Returns where the broker is, for messages: {@code user@host:port}. */
	public String describe() {
		return username + "@" + host + ":" + port;
	}

	@Override
	public String toString() {
		return "BrokerSettings[" + describe() + ", password=******]";
	}

}
