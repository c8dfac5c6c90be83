package io.sensoringest.testing;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.QueueTopology;

/**
 * A RabbitMQ broker that tests may declare queues on.
 *
 * @param host where it listens
 * @param port its AMQP port
 * @param username a user with configure, write and read rights on the default vhost
 * @param password that user's password
 */
public record RabbitServer(String host, int port, String username, String password) {

	/**
	 * Returns the settings, by their environment names, that point an app at this broker
	 * and a queue.
	 */
	public Map<String, String> settings(String queue) {
		return Map.of("RABBITMQ_HOST", host, "RABBITMQ_PORT", Integer.toString(port), "RABBITMQ_USERNAME", username,
				"RABBITMQ_PASSWORD", password, "RABBITMQ_QUEUE_NAME", queue);
	}

	/** Returns a connection factory for this broker. */
	public ConnectionFactory connectionFactory() {
		return new BrokerSettings(host, port, username, password).connectionFactory();
	}

	/** Deletes a queue, its dead-letter queue and exchange, as a test's clean-up. */
	public void deleteTopology(String queue) throws IOException, TimeoutException {
		try (Connection connection = connectionFactory().newConnection("test-cleanup")) {
			Channel channel = connection.createChannel();
			QueueTopology topology = new QueueTopology(queue, QueueTopology.QueueType.QUORUM, 1,
					QueueTopology.DEFAULT_QUORUM_SIZE);
			channel.queueDelete(queue);
			channel.queueDelete(topology.deadLetterQueue());
			channel.exchangeDelete(topology.deadLetterExchange());
		}
	}

	/** Returns a queue name no other test uses. */
	public static String uniqueQueueName(String hint) {
		return "it." + hint.toLowerCase(Locale.ROOT) + "." + UUID.randomUUID().toString().substring(0, 8);
	}

	void checkReachable(String origin) {
		try (Connection connection = connectionFactory().newConnection("test-servers-check")) {
			connection.getServerProperties();
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException(
					"RabbitMQ at " + host + ":" + port + " (" + origin + ") refused user " + username + ": "
							+ ex.getMessage() + ". Start it, or run .ci/run, which starts it and creates the user.",
					ex);
		}
	}

}
