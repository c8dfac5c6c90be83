package io.sensoringest.producer.publish;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.sensoringest.contract.Backoff;
import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.Envelope;
import io.sensoringest.contract.Failures;
import io.sensoringest.contract.SettingText;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.TopologyMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes chunks persistently, {@code mandatory}, with publisher confirms, on a
 * connection of its own; one instance serves one thread. At most {@code window} chunks
 * are unconfirmed at a time. A chunk counts as sent only when the broker confirms it: a
 * returned or timed-out chunk is published again, a nacked one after a backoff (a quorum
 * queue with {@code x-overflow=reject-publish} nacks while it is full), and every
 * unconfirmed chunk after the connection breaks and is made again, to whichever node
 * answers.
 */
final class ChunkPublisher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ChunkPublisher.class);

	private final BrokerLink link;

	private final QueueTopology topology;

	private final int window;

	private final long confirmTimeoutNanos;

	private final ConfirmListener onConfirmed;

	private final ConcurrentNavigableMap<Long, Pending> unconfirmed = new ConcurrentSkipListMap<>();

	private final Queue<Chunk> toResend = new ConcurrentLinkedQueue<>();

	private final Queue<Chunk> refused = new ConcurrentLinkedQueue<>();

	private final Backoff refusedBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

	private final Set<String> returned = ConcurrentHashMap.newKeySet();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition settled = this.lock.newCondition();

	private volatile Channel channel;

	/** Set by a confirm, so that the publishing thread ends a series of refusals. */
	private volatile boolean accepted;

	private long republished;

	/**
	 * Creates a publisher; it connects on first use.
	 * @param nodes reaches the broker's nodes
	 * @param topology the queues, declared on every new connection
	 * @param window how many chunks may be unconfirmed at once
	 * @param confirmTimeout how long a chunk may stay unconfirmed
	 * @param maxOutage how long to keep trying while the broker is away
	 * @param onConfirmed told of each confirmed chunk
	 */
	public ChunkPublisher(BrokerNodes nodes, QueueTopology topology, int window, Duration confirmTimeout,
			Duration maxOutage, ConfirmListener onConfirmed) {
		this.link = new BrokerLink(nodes, maxOutage);
		this.topology = topology;
		this.window = window;
		this.confirmTimeoutNanos = confirmTimeout.toNanos();
		this.onConfirmed = onConfirmed;
	}

	/**
	 * Publishes a chunk, first waiting while the window is full.
	 * @throws BrokerUnavailableException if the broker stays away too long
	 */
	public void publish(Chunk chunk) throws InterruptedException, BrokerUnavailableException {
		awaitUnconfirmedAtMost(this.window - 1);
		send(chunk);
	}

	/**
	 * Waits until every chunk published so far is confirmed.
	 * @throws BrokerUnavailableException if the broker stays away too long
	 */
	public void awaitConfirms() throws InterruptedException, BrokerUnavailableException {
		awaitUnconfirmedAtMost(0);
	}

	/** Returns how many chunks were published more than once. */
	public long republished() {
		return this.republished;
	}

	private void awaitUnconfirmedAtMost(int limit) throws InterruptedException, BrokerUnavailableException {
		while (true) {
			if (!this.refused.isEmpty()) {
				sendRefusedAfterBackoff();
			}
			else if (this.accepted) {
				this.accepted = false;
				this.refusedBackoff.reset();
			}
			Chunk again;
			while ((again = this.toResend.poll()) != null) {
				this.republished++;
				send(again);
			}
			if (this.unconfirmed.size() <= limit && this.refused.isEmpty()) {
				return;
			}
			Channel current = this.channel;
			if (current != null && !current.isOpen()) {
				// a dead node closes its connections at once: no need to wait for
				// the confirm timeout
				reconnect((current.getCloseReason() != null) ? current.getCloseReason()
						: new IOException("the channel closed"));
			}
			else if (timedOut()) {
				reconnect(new TimeoutException("no confirm within " + Duration.ofNanos(this.confirmTimeoutNanos)));
			}
			this.lock.lock();
			try {
				if (this.toResend.isEmpty() && this.refused.isEmpty() && this.unconfirmed.size() > limit) {
					this.settled.await(100, TimeUnit.MILLISECONDS);
				}
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * Waits a growing while, then queues what the broker nacked to be sent again on a new
	 * channel; one WARN line when a series of refusals begins. The new channel matters:
	 * on RabbitMQ 3.10, a channel that had a publish nacked while the queue's leader died
	 * was seen to nack every later publish for minutes, while a new channel's went
	 * through.
	 */
	private void sendRefusedAfterBackoff() throws InterruptedException {
		if (this.refusedBackoff.atStart()) {
			logger.warn("RabbitMQ refused {} chunk(s) for queue {} (full, or its leader moving): sending them again "
					+ "with backoff", this.refused.size(), this.topology.queueName());
		}
		Thread.sleep(this.refusedBackoff.nextDelayMillis());
		dropChannel();
		Chunk chunk;
		while ((chunk = this.refused.poll()) != null) {
			this.toResend.add(chunk);
		}
	}

	/**
	 * Closes the channel, keeping the connection, and queues every unconfirmed chunk to
	 * be sent again on the next one; late confirms of the old channel are ignored.
	 */
	private void dropChannel() {
		Channel old = this.channel;
		this.channel = null;
		List<Pending> lost = new ArrayList<>(this.unconfirmed.values());
		this.unconfirmed.clear();
		lost.forEach((pending) -> this.toResend.add(pending.chunk()));
		if (old != null) {
			try {
				old.abort();
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("closing a refused channel failed", ex);
			}
		}
	}

	private boolean timedOut() {
		Map.Entry<Long, Pending> oldest = this.unconfirmed.firstEntry();
		return oldest != null && System.nanoTime() - oldest.getValue().sentNanos() > this.confirmTimeoutNanos;
	}

	private void send(Chunk chunk) throws InterruptedException, BrokerUnavailableException {
		Channel current = channel();
		this.unconfirmed.put(current.getNextPublishSeqNo(), new Pending(chunk, System.nanoTime()));
		try {
			current.basicPublish("", this.topology.queueName(), true, properties(chunk.envelope()), chunk.body());
		}
		catch (IOException | ShutdownSignalException ex) {
			// the chunk is among the unconfirmed, which reconnect() queues to be sent
			// again
			reconnect(ex);
		}
	}

	private Channel channel() throws InterruptedException, BrokerUnavailableException {
		if (this.channel == null || !this.channel.isOpen()) {
			this.channel = this.link.open((channel) -> {
				this.topology.declare(channel);
				channel.confirmSelect();
				channel.addConfirmListener((tag, multiple) -> settle(channel, tag, multiple, true),
						(tag, multiple) -> settle(channel, tag, multiple, false));
				channel.addReturnListener((r) -> this.returned.add(r.getProperties().getMessageId()));
				channel.addShutdownListener((cause) -> wakeUp());
			});
		}
		return this.channel;
	}

	/**
	 * Drops the broken channel and queues every unconfirmed chunk to be sent again on the
	 * next one.
	 */
	private void reconnect(Exception cause) throws InterruptedException, BrokerUnavailableException {
		logger.debug("publishing channel broke", cause);
		this.link.lost(cause);
		this.channel = null;
		List<Pending> lost = new ArrayList<>(this.unconfirmed.values());
		this.unconfirmed.clear();
		lost.forEach((pending) -> this.toResend.add(pending.chunk()));
		channel();
	}

	private void settle(Channel from, long tag, boolean multiple, boolean ack) {
		if (from != this.channel) {
			return;
		}
		Map<Long, Pending> done = multiple ? this.unconfirmed.headMap(tag, true) : single(tag);
		for (Pending pending : new ArrayList<>(done.values())) {
			Chunk chunk = pending.chunk();
			boolean bounced = this.returned.remove(chunk.envelope().messageId());
			if (ack && !bounced) {
				this.onConfirmed.confirmed(chunk, System.nanoTime() - pending.sentNanos());
			}
			else if (ack) {
				logger.debug("{} was returned: sending it again", chunk.envelope().messageId());
				this.toResend.add(chunk);
			}
			else {
				logger.debug("{} was nacked: sending it again after a backoff", chunk.envelope().messageId());
				this.refused.add(chunk);
			}
		}
		if (ack && !done.isEmpty()) {
			this.accepted = true;
		}
		done.clear();
		wakeUp();
	}

	private void wakeUp() {
		this.lock.lock();
		try {
			this.settled.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private Map<Long, Pending> single(long tag) {
		return this.unconfirmed.subMap(tag, true, tag, true);
	}

	private static AMQP.BasicProperties properties(Envelope envelope) {
		return new AMQP.BasicProperties.Builder().contentType(ChunkMetadata.CONTENT_TYPE)
			.contentEncoding(ChunkMetadata.CONTENT_ENCODING)
			.deliveryMode(2)
			.messageId(envelope.messageId())
			.headers(envelope.headers())
			.build();
	}

	@Override
	public void close() {
		this.link.close();
	}

	private record Pending(Chunk chunk, long sentNanos) {

	}

	/** Keeps the connection, and makes it again with backoff while the broker is away. */
	static final class BrokerLink implements AutoCloseable {

		private final BrokerNodes nodes;

		private final Duration maxOutage;

		private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

		private Connection connection;

		private long outageStartedNanos = -1;

		BrokerLink(BrokerNodes nodes, Duration maxOutage) {
			this.nodes = nodes;
			this.maxOutage = maxOutage;
		}

		Channel open(ChannelSetup setup) throws InterruptedException, BrokerUnavailableException {
			while (true) {
				try {
					if (this.connection == null || !this.connection.isOpen()) {
						this.connection = this.nodes.connect("sensor-ingest-producer");
					}
					Channel channel = this.connection.createChannel();
					setup.prepare(channel);
					if (this.outageStartedNanos >= 0) {
						logger.info("RabbitMQ at {} is back after {} s: carrying on through {}", where(),
								(System.nanoTime() - this.outageStartedNanos) / 1_000_000_000, node());
					}
					this.outageStartedNanos = -1;
					this.backoff.reset();
					return channel;
				}
				catch (AuthenticationFailureException ex) {
					throw new BrokerUnavailableException("RabbitMQ at " + where() + " refused user "
							+ this.nodes.settings().username() + ": " + Failures.rootMessage(ex), ex);
				}
				catch (TopologyMismatchException ex) {
					throw new BrokerUnavailableException(ex.getMessage(), ex);
				}
				catch (IOException | TimeoutException | ShutdownSignalException ex) {
					lost(ex);
				}
			}
		}

		/**
		 * Notes a failure; waits before the next try, or gives up past the longest
		 * outage.
		 */
		void lost(Exception cause) throws InterruptedException, BrokerUnavailableException {
			closeQuietly();
			long now = System.nanoTime();
			if (this.outageStartedNanos < 0) {
				this.outageStartedNanos = now;
				logger.warn("RabbitMQ at {} is unreachable ({}): retrying for up to {}", where(),
						Failures.rootMessage(cause), SettingText.written(this.maxOutage));
			}
			else if (now - this.outageStartedNanos > this.maxOutage.toNanos()) {
				throw new BrokerUnavailableException(
						"RabbitMQ at " + where() + " stayed unreachable for longer than PRODUCER_MAX_OUTAGE="
								+ SettingText.written(this.maxOutage) + ": " + Failures.rootMessage(cause),
						cause);
			}
			Thread.sleep(this.backoff.nextDelayMillis());
		}

		private String where() {
			return this.nodes.settings().where();
		}

		private String node() {
			Connection current = this.connection;
			return (current != null) ? current.getAddress().getHostAddress() + ":" + current.getPort() : "?";
		}

		private void closeQuietly() {
			if (this.connection != null) {
				try {
					this.connection.abort(2000);
				}
				catch (RuntimeException ex) {
					logger.debug("closing a broken connection failed", ex);
				}
				this.connection = null;
			}
		}

		@Override
		public void close() {
			if (this.connection != null && this.connection.isOpen()) {
				try {
					this.connection.close(5000);
				}
				catch (IOException | RuntimeException ex) {
					logger.debug("closing the connection failed", ex);
				}
			}
		}

	}

	/** Told of each chunk the broker confirmed. */
	@FunctionalInterface
	interface ConfirmListener {

		/**
		 * Called on the connection's thread, once per chunk.
		 * @param chunk the chunk
		 * @param latencyNanos time from its last publish to the confirm
		 */
		void confirmed(Chunk chunk, long latencyNanos);

	}

	/** Prepares a new channel: declares, enables confirms, adds listeners. */
	@FunctionalInterface
	interface ChannelSetup {

		void prepare(Channel channel) throws IOException;

	}

}
