package io.sensoringest.cli.status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.DeadLetter;
import io.sensoringest.contract.QueueTopology;

/**
 * The dead-letter queue, for an operator: what is in it, and putting it back into the
 * work queue once the cause is fixed.
 */
public final class DeadLetters implements AutoCloseable {

	private static final int CONFIRM_EVERY = 100;

	private static final long CONFIRM_TIMEOUT_MILLIS = 30_000;

	private final Connection connection;

	private final Channel channel;

	private final QueueTopology topology;

	private volatile boolean returned;

	/** Connects and declares the queues. */
	public DeadLetters(ConnectionFactory factory, QueueTopology topology) throws IOException, TimeoutException {
		this.connection = factory.newConnection("sensor-ingest-dlq");
		this.channel = this.connection.createChannel();
		this.topology = topology;
		topology.declare(this.channel);
	}

	/** Returns how many messages the dead-letter queue holds. */
	public long count() throws IOException {
		return this.channel.queueDeclarePassive(this.topology.deadLetterQueue()).getMessageCount();
	}

	/**
	 * Lists the first messages of the dead-letter queue and leaves them there: they are
	 * taken without an ack and go back when the connection closes.
	 * @param limit the most to list
	 */
	public List<Entry> list(int limit) throws IOException {
		List<Entry> entries = new ArrayList<>();
		GetResponse response;
		while (entries.size() < limit
				&& (response = this.channel.basicGet(this.topology.deadLetterQueue(), false)) != null) {
			entries.add(Entry.of(response.getProps()));
		}
		return entries;
	}

	/**
	 * Moves the messages the dead-letter queue holds now back to the work queue, each as
	 * the producer sent it; a message leaves the dead-letter queue only once the broker
	 * confirmed its copy in the work queue.
	 * @return how many it moved
	 */
	public long replay() throws IOException, InterruptedException, TimeoutException {
		long waiting = count();
		this.channel.confirmSelect();
		this.channel.addReturnListener((message) -> this.returned = true);
		long moved = 0;
		long lastTag = -1;
		int unconfirmed = 0;
		GetResponse response;
		while (moved + unconfirmed < waiting
				&& (response = this.channel.basicGet(this.topology.deadLetterQueue(), false)) != null) {
			AMQP.BasicProperties original = response.getProps();
			AMQP.BasicProperties properties = original.builder()
				.headers(DeadLetter.withoutDeadLetterHeaders(original.getHeaders()))
				.build();
			this.channel.basicPublish("", this.topology.queueName(), true, properties, response.getBody());
			lastTag = response.getEnvelope().getDeliveryTag();
			if (++unconfirmed == CONFIRM_EVERY) {
				settle(lastTag);
				moved += unconfirmed;
				unconfirmed = 0;
			}
		}
		if (unconfirmed > 0) {
			settle(lastTag);
			moved += unconfirmed;
		}
		return moved;
	}

	/** Waits for the confirms of the copies, then acks their originals. */
	private void settle(long lastTag) throws IOException, InterruptedException, TimeoutException {
		this.channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
		if (this.returned) {
			throw new IOException("RabbitMQ could not route a message to " + this.topology.queueName()
					+ "; the messages not confirmed stay in " + this.topology.deadLetterQueue());
		}
		this.channel.basicAck(lastTag, true);
	}

	@Override
	public void close() throws IOException {
		this.connection.close();
	}

	/**
	 * One dead-lettered message.
	 *
	 * @param messageId its id, or {@code null}
	 * @param sourceFile the file its rows came from, or {@code null}
	 * @param firstLine the line of its first row, or -1
	 * @param rowCount its rows, or -1
	 * @param reason why it was set aside
	 * @param deliveries how often it was delivered before, if recorded
	 */
	public record Entry(String messageId, String sourceFile, long firstLine, int rowCount, String reason,
			Optional<Long> deliveries) {

		static Entry of(AMQP.BasicProperties properties) {
			ChunkMetadata metadata = ChunkMetadata.from(properties.getMessageId(), properties.getHeaders());
			return new Entry(metadata.messageId(), metadata.sourceFile(), metadata.firstLine(), metadata.rowCount(),
					DeadLetter.reason(properties.getHeaders()), DeadLetter.recordedDeliveries(properties.getHeaders()));
		}

	}

}
