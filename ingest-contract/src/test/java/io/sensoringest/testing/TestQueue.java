package io.sensoringest.testing;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A work queue of one test class's own on the test broker, with a channel to look at it:
 * connected before each test; after it the connection is dropped and the queue, its
 * dead-letter queue and exchange are deleted. Register it with
 * {@code @RegisterExtension}.
 */
public final class TestQueue implements BeforeEachCallback, AfterEachCallback {

	private final String name;

	private Connection connection;

	private Channel channel;

	/** A queue named after the hint, unique to this run. */
	public TestQueue(String hint) {
		this.name = RabbitServer.uniqueQueueName(hint);
	}

	/** Returns the queue's name. */
	public String name() {
		return this.name;
	}

	/** Returns the channel of this test. */
	public Channel channel() {
		return this.channel;
	}

	/** Opens another channel on this test's connection, for example to probe. */
	public Channel newChannel() throws IOException {
		return this.connection.createChannel();
	}

	/** Drops the connection, as a broken link would, and connects again. */
	public void reconnect() throws IOException, TimeoutException {
		this.connection.abort();
		connect();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException, TimeoutException {
		connect();
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException, TimeoutException {
		this.connection.abort();
		TestServers.rabbit().deleteTopology(this.name);
	}

	private void connect() throws IOException, TimeoutException {
		this.connection = TestServers.rabbit().connectionFactory().newConnection();
		this.channel = this.connection.createChannel();
	}

}
