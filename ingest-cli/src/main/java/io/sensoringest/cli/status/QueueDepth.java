package io.sensoringest.cli.status;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.QueueTopology;

/**
 * Reads how many messages wait in the work queue and in the dead-letter queue, with a
 * passive declare: ready messages only, not those a consumer holds unacked. A read that
 * fails because the broker went away closes the connection, and the next read opens a new
 * one, so a caller that asks again after a broker restart gets its answer.
 */
public final class QueueDepth implements AutoCloseable {

	private final BrokerNodes nodes;

	private final QueueTopology topology;

	private final String name;

	private Connection connection;

	private Channel channel;

	/**
	 * Connects and declares the queues, which are then sure to exist.
	 * @param purpose names the connection in the broker's list ({@code run},
	 * {@code status})
	 */
	public QueueDepth(BrokerNodes nodes, QueueTopology topology, String purpose) throws IOException, TimeoutException {
		this.nodes = nodes;
		this.topology = topology;
		this.name = "sensor-ingest-" + purpose;
		topology.declare(channel());
	}

	/** Returns the messages ready in the work queue. */
	public long ready() throws IOException {
		return count(this.topology.queueName());
	}

	/** Returns the messages in the dead-letter queue. */
	public long deadLettered() throws IOException {
		return count(this.topology.deadLetterQueue());
	}

	private long count(String queue) throws IOException {
		try {
			return channel().queueDeclarePassive(queue).getMessageCount();
		}
		catch (IOException | ShutdownSignalException ex) {
			close();
			throw (ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
		}
		catch (TimeoutException ex) {
			close();
			throw new IOException("RabbitMQ did not answer in time", ex);
		}
	}

	private Channel channel() throws IOException, TimeoutException {
		if (this.channel == null || !this.channel.isOpen()) {
			close();
			this.connection = this.nodes.connect(this.name);
			this.channel = this.connection.createChannel();
		}
		return this.channel;
	}

	@Override
	public void close() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (IOException | ShutdownSignalException ex) {
				// gone already
			}
			this.connection = null;
			this.channel = null;
		}
	}

}
