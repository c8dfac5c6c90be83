package io.sensoringest.cli.status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.DeadLetter;
import io.sensoringest.contract.Envelope;
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

	private boolean listening;

	/** Connects and declares the queues. */
	public DeadLetters(BrokerNodes nodes, QueueTopology topology) throws IOException, TimeoutException {
		this.connection = nodes.connect("sensor-ingest-dlq");
		this.channel = this.connection.createChannel();
		this.topology = topology;
		topology.declare(this.channel);
	}

	/** Returns how many messages the dead-letter queue holds. */
	public long count() throws IOException {
		return this.channel.queueDeclarePassive(this.topology.deadLetterQueue()).getMessageCount();
	}

	/**
	 * Lists the first messages of the dead-letter queue and leaves every message there,
	 * in its order: each message it holds now is taken, copied to its tail, and acked
	 * once the broker confirmed the copy. Giving them back unacked instead would count as
	 * a failed delivery, and a quorum queue drops a message past its delivery limit (20
	 * by default since RabbitMQ 4.0), so looking would in the end lose dead letters.
	 * @param limit the most to list
	 */
	public List<Entry> list(int limit) throws IOException, InterruptedException, TimeoutException {
		List<Entry> entries = new ArrayList<>();
		move(this.topology.deadLetterQueue(), (original) -> original, (response) -> {
			if (entries.size() < limit) {
				entries.add(Entry.of(response.getProps()));
			}
		});
		return entries;
	}

	/**
	 * Moves the messages the dead-letter queue holds now back to the work queue, each as
	 * the producer sent it; a message leaves the dead-letter queue only once the broker
	 * confirmed its copy in the work queue.
	 * @return how many it moved
	 */
	public long replay() throws IOException, InterruptedException, TimeoutException {
		return move(this.topology.queueName(),
				(original) -> original.builder()
					.headers(DeadLetter.withoutDeadLetterHeaders(original.getHeaders()))
					.build(),
				(response) -> {
				});
	}

	/**
	 * Copies each message the dead-letter queue holds now to a queue, and acks it once
	 * the broker confirmed the copy; shows each to {@code seen} first.
	 */
	private long move(String to, UnaryOperator<AMQP.BasicProperties> properties, Consumer<GetResponse> seen)
			throws IOException, InterruptedException, TimeoutException {
		long waiting = count();
		this.channel.confirmSelect();
		if (!this.listening) {
			this.listening = true;
			this.channel.addReturnListener((message) -> this.returned = true);
		}
		long moved = 0;
		long lastTag = -1;
		int unconfirmed = 0;
		GetResponse response;
		while (moved + unconfirmed < waiting
				&& (response = this.channel.basicGet(this.topology.deadLetterQueue(), false)) != null) {
			seen.accept(response);
			this.channel.basicPublish("", to, true, properties.apply(response.getProps()), response.getBody());
			lastTag = response.getEnvelope().getDeliveryTag();
			if (++unconfirmed == CONFIRM_EVERY) {
				settle(lastTag, to);
				moved += unconfirmed;
				unconfirmed = 0;
			}
		}
		if (unconfirmed > 0) {
			settle(lastTag, to);
			moved += unconfirmed;
		}
		return moved;
	}

	/** Waits for the confirms of the copies, then acks their originals. */
	private void settle(long lastTag, String to) throws IOException, InterruptedException, TimeoutException {
		this.channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
		if (this.returned) {
			throw new IOException("RabbitMQ could not route a message to " + to
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

		/**
		 * Reads a dead letter's headers; a packed message names its first file and how
		 * many more it carries rows of.
		 */
		static Entry of(AMQP.BasicProperties properties) {
			Envelope envelope;
			try {
				envelope = Envelope.from(properties.getMessageId(), properties.getHeaders());
			}
			catch (IllegalArgumentException ex) {
				// set aside because its segments cannot be read: show what the rest says
				envelope = Envelope.unreadable(properties.getMessageId());
			}
			ChunkMetadata first = envelope.segments().get(0);
			long files = envelope.segments().stream().map(ChunkMetadata::sourceFile).distinct().count();
			String file = (files > 1) ? first.sourceFile() + " +" + (files - 1) + " more" : first.sourceFile();
			return new Entry(envelope.messageId(), file, first.firstLine(),
					envelope.packed() ? envelope.rowCount() : first.rowCount(),
					DeadLetter.reason(properties.getHeaders()), DeadLetter.recordedDeliveries(properties.getHeaders()));
		}

	}

}
