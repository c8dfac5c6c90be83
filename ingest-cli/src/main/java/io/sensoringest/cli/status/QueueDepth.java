package io.sensoringest.cli.status;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.sensoringest.contract.QueueTopology;

/**
 * Reads how many messages wait in the work queue and in the dead-letter queue, with a
 * passive declare: ready messages only, not those a consumer holds unacked.
 */
public final class QueueDepth implements AutoCloseable {

	private final Connection connection;

	private final Channel channel;

	private final QueueTopology topology;

	/**
	 * Connects and declares the queues, which are then sure to exist.
	 * @param purpose names the connection in the broker's list ({@code run},
	 * {@code status})
	 */
	public QueueDepth(ConnectionFactory factory, QueueTopology topology, String purpose)
			throws IOException, TimeoutException {
		this.connection = factory.newConnection("sensor-ingest-" + purpose);
		this.channel = this.connection.createChannel();
		this.topology = topology;
		topology.declare(this.channel);
	}

	/** Returns the messages ready in the work queue. */
	public long ready() throws IOException {
		return this.channel.queueDeclarePassive(this.topology.queueName()).getMessageCount();
	}

	/** Returns the messages in the dead-letter queue. */
	public long deadLettered() throws IOException {
		return this.channel.queueDeclarePassive(this.topology.deadLetterQueue()).getMessageCount();
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

}
