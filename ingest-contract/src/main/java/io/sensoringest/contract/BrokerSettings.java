package io.sensoringest.contract;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;

/**
 * Where RabbitMQ is and who to be there, from the {@code RABBITMQ_*} settings.
 *
 * @param addresses the nodes, {@code RABBITMQ_ADDRESSES}, or the one of
 * {@code RABBITMQ_HOST} and {@code RABBITMQ_PORT} (5671 is the usual TLS port)
 * @param username {@code RABBITMQ_USERNAME}
 * @param password {@code RABBITMQ_PASSWORD}; never shown
 * @param ssl {@code RABBITMQ_SSL_ENABLED}: TLS, with the server's certificate and host
 * name verified
 * @param trustStore {@code RABBITMQ_SSL_TRUSTSTORE}: a PKCS#12 or JKS file of trusted
 * certificates, or {@code null} for the Java runtime's
 * @param trustStorePassword {@code RABBITMQ_SSL_TRUSTSTORE_PASSWORD}, or {@code null};
 * never shown
 */
public record BrokerSettings(List<Address> addresses, String username, String password, boolean ssl, String trustStore,
		String trustStorePassword) {

	public BrokerSettings {
		if (addresses.isEmpty()) {
			throw new IllegalArgumentException("a broker needs at least one address");
		}
		addresses = List.copyOf(addresses);
	}

	/** Settings for a connection to one node without TLS. */
	public BrokerSettings(String host, int port, String username, String password) {
		this(List.of(new Address(host, port)), username, password, false, null, null);
	}

	/**
	 * Returns the nodes that {@code host:port,host:port} names; a node without a port
	 * listens on the default one.
	 * @throws InvalidSettingException naming {@code RABBITMQ_ADDRESSES} if it cannot be
	 * read so
	 */
	public static List<Address> parseAddresses(String addresses) {
		try {
			List<Address> parsed = new ArrayList<>();
			for (String address : addresses.split(",", -1)) {
				if (address.isBlank()) {
					throw new IllegalArgumentException("no host");
				}
				parsed.add(Address.parseAddress(address.strip()));
			}
			return parsed;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException("RABBITMQ_ADDRESSES", addresses, "is not host:port,host:port,…");
		}
	}

	/**
	 * Returns the nodes, reached through a factory configured already (Spring Boot's,
	 * given {@link #configure}).
	 */
	public BrokerNodes nodes(ConnectionFactory configured) {
		return new BrokerNodes(configured, this);
	}

	/** Returns the nodes, reached through a factory made from these settings. */
	public BrokerNodes nodes() {
		return nodes(connectionFactory());
	}

	/**
	 * Returns a factory for connections to the broker's first node; {@link #nodes()}
	 * reaches any. Automatic recovery is off: the apps reconnect themselves, so that they
	 * know what was in flight when the link broke.
	 * @throws InvalidSettingException if TLS is on and the trust store cannot be used
	 */
	public ConnectionFactory connectionFactory() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(addresses.get(0).getHost());
		if (addresses.get(0).getPort() > 0) {
			factory.setPort(addresses.get(0).getPort());
		}
		factory.setUsername(username);
		factory.setPassword(password);
		factory.setConnectionTimeout(10_000);
		configure(factory);
		return factory;
	}

	/**
	 * Gives a factory that knows where the broker is (Spring Boot's, say) what these
	 * settings add: no automatic recovery, quiet driver errors, and TLS when it is on.
	 * @throws InvalidSettingException if TLS is on and the trust store cannot be used
	 */
	public void configure(ConnectionFactory factory) {
		factory.setAutomaticRecoveryEnabled(false);
		factory.setExceptionHandler(new QuietDriverErrors());
		if (ssl) {
			factory.useSslProtocol(sslContext());
			factory.enableHostnameVerification();
		}
	}

	private SSLContext sslContext() {
		try {
			KeyStore trusted = null;
			if (trustStore != null) {
				char[] secret = (trustStorePassword != null) ? trustStorePassword.toCharArray() : null;
				trusted = KeyStore.getInstance(new File(trustStore), secret);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new InvalidSettingException("RABBITMQ_SSL_TRUSTSTORE", trustStore,
					"cannot be used: " + Failures.rootMessage(ex));
		}
	}

	/**
	 * Returns where the broker is, for messages: {@code user@host:port}, with each node
	 * of a cluster, and {@code (TLS)} when it is.
	 */
	public String describe() {
		return username + "@" + where() + (ssl ? " (TLS)" : "");
	}

	/** Returns the nodes, for messages: {@code host:port,host:port}. */
	public String where() {
		return addresses.stream()
			.map((address) -> address.getHost() + ":" + ((address.getPort() > 0) ? address.getPort() : defaultPort()))
			.collect(Collectors.joining(","));
	}

	private int defaultPort() {
		return ssl ? ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT : ConnectionFactory.DEFAULT_AMQP_PORT;
	}

	@Override
	public String toString() {
		return "BrokerSettings[" + describe() + ", password=******]";
	}

	/**
	 * Leaves a refused or dropped connection to the apps, which report it in one line
	 * that names the broker, instead of the client's warning with the exception's name.
	 */
	private static final class QuietDriverErrors extends ForgivingExceptionHandler {

		@Override
		public void handleUnexpectedConnectionDriverException(Connection connection, Throwable exception) {
			// reported by the app that used the connection
		}

	}

}
