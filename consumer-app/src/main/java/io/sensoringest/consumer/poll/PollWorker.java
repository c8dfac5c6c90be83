package io.sensoringest.consumer.poll;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.core.instrument.Timer;
import io.sensoringest.consumer.settings.ConsumerProperties;
import io.sensoringest.consumer.store.LatestPerKey;
import io.sensoringest.consumer.store.Ledger;
import io.sensoringest.consumer.store.Partitions;
import io.sensoringest.consumer.store.RecordWriter;
import io.sensoringest.contract.Backoff;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.DeadLetter;
import io.sensoringest.contract.Envelope;
import io.sensoringest.contract.Failures;
import io.sensoringest.contract.MalformedBodyException;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.RecordCodec;
import io.sensoringest.contract.SensorRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: polls with {@code basicGet} on a channel of its own until it holds a batch,
 * stores the batch in one transaction on a database connection of its own (rows and
 * ledger together, so a message stored before is acked without being written again), and
 * acks it with one multiple-ack only after the commit. While the database or the broker
 * is away it backs off, and it polls again only once both answer, so that an outage costs
 * each message at most one extra delivery.
 */
final class PollWorker implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(PollWorker.class);

	private static final int DEADLOCK_RETRIES = 5;

	private final String name;

	private final ConsumerProperties settings;

	private final Servers servers;

	private final QueueTopology topology;

	private final RecordWriter writer;

	private final Ledger ledger;

	private final Partitions partitions;

	private final ConsumerMetrics metrics;

	private final Consumer<RuntimeException> onFatal;

	private final CountDownLatch stopRequested = new CountDownLatch(1);

	private final Backoff failureBackoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10));

	private final Backoff idleBackoff;

	private com.rabbitmq.client.Connection broker;

	private Channel channel;

	private Connection database;

	private volatile long idleSinceNanos = System.nanoTime();

	private String outage;

	private volatile boolean deadLetterReturned;

	PollWorker(String name, ConsumerProperties settings, Servers servers, ConsumerMetrics metrics,
			Partitions partitions, Consumer<RuntimeException> onFatal) {
		this(name, settings, servers, metrics, new Store(partitions, new Ledger(), new RecordWriter()), onFatal);
	}

	/**
	 * Creates a worker that stores through the given parts.
	 * @param store the partitions, the ledger and the writer it uses
	 */
	PollWorker(String name, ConsumerProperties settings, Servers servers, ConsumerMetrics metrics, Store store,
			Consumer<RuntimeException> onFatal) {
		this.name = name;
		this.writer = store.writer();
		this.ledger = store.ledger();
		this.partitions = store.partitions();
		this.onFatal = onFatal;
		this.settings = settings;
		this.servers = servers;
		this.topology = settings.topology();
		this.metrics = metrics;
		this.idleBackoff = new Backoff(settings.pollInterval(), settings.pollIntervalMax());
	}

	/** Asks the worker to stop after the batch in hand is stored and acked. */
	void requestStop() {
		this.stopRequested.countDown();
	}

	/** Returns since when the queue has been empty, or a negative number while busy. */
	long idleSinceNanos() {
		return this.idleSinceNanos;
	}

	@Override
	public void run() {
		try {
			while (this.stopRequested.getCount() > 0) {
				pollOnce();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// a fault no retry can cure, such as queues declared with other arguments
			this.onFatal.accept(ex);
		}
		finally {
			closeBroker();
			closeDatabase();
		}
	}

	private void pollOnce() throws InterruptedException {
		List<Delivery> batch = List.of();
		try {
			connect();
			Timer.Sample sample = Timer.start();
			batch = collect();
			if (batch.isEmpty()) {
				this.metrics.emptyPolls.increment();
				if (this.idleSinceNanos < 0) {
					this.idleSinceNanos = System.nanoTime();
				}
				pause(this.idleBackoff.nextDelayMillis());
				return;
			}
			this.idleSinceNanos = -1;
			this.idleBackoff.reset();
			store(batch);
			sample.stop(this.metrics.batchLatency);
			recovered();
		}
		catch (IOException | ShutdownSignalException | TimeoutException ex) {
			failed("RabbitMQ at " + this.servers.broker().describe(), ex);
			closeBroker();
		}
		catch (SQLException ex) {
			failed("PostgreSQL at " + this.servers.database().describe(), ex);
			nackQuietly(batch);
			closeDatabase();
		}
	}

	/**
	 * Opens what is not open; the database first, so nothing is polled while it is away.
	 */
	private void connect() throws SQLException, IOException, TimeoutException {
		if (this.database == null || this.database.isClosed()) {
			this.database = this.servers.dataSource().getConnection();
			this.database.setAutoCommit(false);
		}
		if (this.channel == null || !this.channel.isOpen()) {
			closeBroker();
			this.broker = this.servers.broker().connect("sensor-ingest-consumer-" + this.name);
			this.channel = this.broker.createChannel();
			this.topology.declare(this.channel);
			// dead letters are published, and acked only once confirmed and routed
			this.channel.confirmSelect();
			this.channel.addReturnListener((returned) -> this.deadLetterReturned = true);
		}
	}

	private List<Delivery> collect() throws IOException {
		List<Delivery> batch = new ArrayList<>();
		int rows = 0;
		long deadline = System.nanoTime() + this.settings.maxBatchWait().toNanos();
		while (rows < this.settings.batchRows() && System.nanoTime() < deadline && this.stopRequested.getCount() > 0) {
			GetResponse response = this.channel.basicGet(this.topology.queueName(), false);
			if (response == null) {
				break;
			}
			if (response.getEnvelope().isRedeliver()) {
				this.metrics.redeliveries.increment();
			}
			Delivery delivery = decode(response);
			if (delivery != null) {
				batch.add(delivery);
				rows += delivery.rows().size();
			}
		}
		return batch;
	}

	private Delivery decode(GetResponse response) throws IOException {
		Envelope envelope;
		try {
			envelope = Envelope.from(response.getProps().getMessageId(), response.getProps().getHeaders());
		}
		catch (IllegalArgumentException ex) {
			deadLetter(new Delivery(response, Envelope.unreadable(response.getProps().getMessageId()), List.of()),
					"its headers cannot be read: " + ex.getMessage());
			return null;
		}
		List<SensorRecord> rows;
		try {
			rows = RecordCodec.decode(response.getBody());
		}
		catch (MalformedBodyException ex) {
			deadLetter(new Delivery(response, envelope, List.of()), "cannot be decoded: " + ex.getMessage());
			return null;
		}
		// a packed message's rows are cut into segments by their counts: they must add up
		if (envelope.packed() && envelope.rowCount() != rows.size()) {
			deadLetter(new Delivery(response, envelope, List.of()),
					String.format("its segments name %d rows, its body holds %d", envelope.rowCount(), rows.size()));
			return null;
		}
		return new Delivery(response, envelope, rows);
	}

	/**
	 * Stores the batch and acks it. A data error that a retry cannot cure is narrowed
	 * down by halving the batch, until the message that causes it is alone and
	 * dead-lettered.
	 */
	private void store(List<Delivery> batch) throws SQLException, IOException {
		int rows;
		try {
			rows = writeWithRetries(batch);
		}
		catch (SQLException ex) {
			if (!isDataError(ex)) {
				throw ex;
			}
			if (batch.size() == 1) {
				deadLetter(batch.get(0), "PostgreSQL refused it: " + ex.getMessage());
				return;
			}
			store(batch.subList(0, batch.size() / 2));
			store(batch.subList(batch.size() / 2, batch.size()));
			return;
		}
		this.channel.basicAck(batch.get(batch.size() - 1).tag(), true);
		this.metrics.batches.increment();
		this.metrics.rowsStored.increment(rows);
		this.metrics.batchRows.record(rows);
		logger.debug("{}: stored {} rows from {} messages", this.name, rows, batch.size());
	}

	/**
	 * Claims the batch's segments in the ledger (one entry each, so the files of a packed
	 * message count apart) and writes the rows of those that were new, in one
	 * transaction, retrying a deadlock or serialization failure, and a row that found no
	 * partition once the partitions are asked for again.
	 * @return the rows written
	 */
	private int writeWithRetries(List<Delivery> batch) throws SQLException {
		List<ChunkMetadata> identified = batch.stream()
			.flatMap((delivery) -> delivery.envelope().segments().stream())
			.filter((segment) -> segment.messageId() != null)
			.toList();
		for (int attempt = 1;; attempt++) {
			long started = System.nanoTime();
			try {
				this.partitions.ensure(this.database, batch.stream().map(Delivery::rows).toList());
				Set<String> fresh = this.ledger.claim(this.database, identified);
				this.metrics.ledgerClaim.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
				List<SensorRecord> rows = new ArrayList<>();
				int skipped = 0;
				int skippedRows = 0;
				for (Delivery delivery : batch) {
					List<ChunkMetadata> segments = delivery.envelope().segments();
					int before = rows.size();
					for (int i = 0; i < segments.size(); i++) {
						String id = segments.get(i).messageId();
						if (id == null || fresh.contains(id)) {
							rows.addAll(delivery.rowsOf(i));
						}
					}
					int written = rows.size() - before;
					if (written == 0 && !delivery.rows().isEmpty()) {
						skipped++;
					}
					skippedRows += delivery.rows().size() - written;
				}
				if (!rows.isEmpty()) {
					this.writer.write(this.database, LatestPerKey.of(rows));
				}
				this.database.commit();
				this.metrics.transaction.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
				this.metrics.messagesAlreadyStored.increment(skipped);
				this.metrics.rowsAlreadyStored.increment(skippedRows);
				return rows.size();
			}
			catch (SQLException ex) {
				rollbackQuietly();
				if (Partitions.NO_PARTITION.equals(ex.getSQLState())) {
					this.partitions.forget();
				}
				else if (!isConflict(ex)) {
					throw ex;
				}
				if (attempt >= DEADLOCK_RETRIES) {
					throw ex;
				}
				logger.debug("{}: {} on attempt {}, retrying", this.name, ex.getSQLState(), attempt);
			}
		}
	}

	/**
	 * Sets a message aside: publishes a copy with the reason to the dead-letter exchange,
	 * waits for the broker's confirm, then acks the original. Should the worker die in
	 * between, the message is delivered again and set aside again: the dead-letter queue
	 * may hold it twice, the table never.
	 */
	private void deadLetter(Delivery delivery, String reason) throws IOException {
		Envelope envelope = delivery.envelope();
		logger.warn("{}: dead-lettered message {} ({}): {}", this.name, envelope.messageId(), envelope.describe(),
				reason);
		GetResponse response = delivery.response();
		AMQP.BasicProperties copy = response.getProps()
			.builder()
			.headers(DeadLetter.headers(response.getProps().getHeaders(), reason, response.getEnvelope().isRedeliver()))
			.build();
		QueueTopology topology = this.topology;
		this.deadLetterReturned = false;
		this.channel.basicPublish(topology.deadLetterExchange(), topology.deadLetterQueue(), true, copy,
				response.getBody());
		try {
			this.channel.waitForConfirmsOrDie(this.settings.pollingTimeout().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while RabbitMQ confirmed a dead letter", ex);
		}
		catch (TimeoutException ex) {
			throw new IOException("RabbitMQ did not confirm a dead letter in time", ex);
		}
		if (this.deadLetterReturned) {
			throw new IOException("RabbitMQ found no queue bound to " + topology.deadLetterExchange() + " for "
					+ topology.deadLetterQueue());
		}
		this.channel.basicAck(delivery.tag(), false);
		this.metrics.deadLettered.increment();
	}

	private void nackQuietly(List<Delivery> batch) {
		if (batch.isEmpty() || this.channel == null || !this.channel.isOpen()) {
			return;
		}
		try {
			this.channel.basicNack(batch.get(batch.size() - 1).tag(), true, true);
		}
		catch (IOException | ShutdownSignalException ex) {
			// closing the channel returns the messages as well
			closeBroker();
		}
	}

	private void failed(String server, Exception ex) throws InterruptedException {
		this.metrics.backoffs.increment();
		String what = server + ": " + Failures.rootMessage(ex);
		if (!what.equals(this.outage)) {
			logger.warn("{}: {}; backing off and retrying", this.name, what);
			this.outage = what;
		}
		pause(this.failureBackoff.nextDelayMillis());
	}

	private void recovered() {
		if (this.outage != null) {
			logger.info("{}: storing again after: {}", this.name, this.outage);
			this.outage = null;
			this.failureBackoff.reset();
		}
	}

	private void pause(long millis) throws InterruptedException {
		this.stopRequested.await(millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Serialization failures and deadlocks: the same transaction may pass if tried again.
	 */
	static boolean isConflict(SQLException ex) {
		return "40001".equals(ex.getSQLState()) || "40P01".equals(ex.getSQLState());
	}

	/** Data exceptions and integrity violations: the rows themselves are at fault. */
	static boolean isDataError(SQLException ex) {
		String state = ex.getSQLState();
		return state != null && (state.startsWith("22") || state.startsWith("23"));
	}

	/**
	 * What a worker stores through, in the order it uses them in a transaction.
	 *
	 * @param partitions makes the partitions the rows need
	 * @param ledger claims the segments
	 * @param writer writes the rows of the segments claimed
	 */
	record Store(Partitions partitions, Ledger ledger, RecordWriter writer) {

	}

	private void rollbackQuietly() {
		try {
			this.database.rollback();
		}
		catch (SQLException ex) {
			logger.debug("{}: rollback failed", this.name, ex);
		}
	}

	private void closeBroker() {
		if (this.broker != null) {
			this.broker.abort(2000);
		}
		this.broker = null;
		this.channel = null;
	}

	private void closeDatabase() {
		if (this.database != null) {
			try {
				this.database.close();
			}
			catch (SQLException ex) {
				logger.debug("{}: closing the database connection failed", this.name, ex);
			}
		}
		this.database = null;
	}

}
