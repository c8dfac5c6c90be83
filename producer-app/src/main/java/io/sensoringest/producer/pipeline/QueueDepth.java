package io.sensoringest.producer.pipeline;

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
final class QueueDepth implements AutoCloseable {

	private final Connection connection;

	private final Channel channel;

	private final QueueTopology topology;

	QueueDepth(ConnectionFactory factory, QueueTopology topology) throws IOException, TimeoutException {
		this.connection = factory.newConnection("sensor-ingest-run");
		this.channel = this.connection.createChannel();
		this.topology = topology;
		topology.declare(this.channel);
	}

	long ready() throws IOException {
		return this.channel.queueDeclarePassive(this.topology.queueName()).getMessageCount();
	}

	long deadLettered() throws IOException {
		return this.channel.queueDeclarePassive(this.topology.deadLetterQueue()).getMessageCount();
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

}
