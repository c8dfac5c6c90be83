package io.sensoringest.cli.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import io.sensoringest.cli.command.Fault;
import io.sensoringest.cli.command.Folders;
import io.sensoringest.cli.generate.FixedDataSet;
import io.sensoringest.cli.run.ConsumerProcesses;
import io.sensoringest.cli.run.JarStart;
import io.sensoringest.cli.run.Outage;
import io.sensoringest.cli.run.PipelineSettings;
import io.sensoringest.cli.run.StoredRows;
import io.sensoringest.cli.status.QueueDepth;
import io.sensoringest.contract.ParentWatch;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault run: a fresh data set, queue, table and producer state; consumers and the
 * producer as real processes; the planned faults injected as the rows go through; then
 * the consumers stopped and the table compared with the files by {@link TableCheck}.
 * Every fault and every failure is logged as it happens, with the seconds since the
 * start.
 */
final class ChaosRun {

	private static final Logger logger = LoggerFactory.getLogger(ChaosRun.class);

	private static final long TICK_MILLIS = 100;

	private static final long PROGRESS_MILLIS = 5000;

	private static final long STALL_MILLIS = 90_000;

	/**
	 * Faults on the consumers and the servers stay this far apart, so each has a pipeline
	 * at work to strike; the producer's are not held back, as it is done soonest.
	 */
	private static final long FAULT_GAP_MILLIS = 1500;

	private final ChaosSettings chaos;

	private final ProducerSettings producerSettings;

	private final PipelineSettings pipeline;

	private final Path producerJar;

	private final Path consumerJar;

	private final QueueTopology topology;

	private final SplittableRandom random;

	private final List<String> failures = new ArrayList<>();

	private final ConsumerProcesses consumers;

	private final Outage database;

	private StoredRows storedRows;

	private final Path logDir;

	private final Path stateDir;

	private long startedNanos;

	private Path dataDir;

	private List<InputFile> files;

	private volatile Process producer;

	private Thread producerHook;

	private int producerRuns;

	private boolean producerFailureReported;

	ChaosRun(ChaosSettings chaos, ProducerSettings producerSettings, PipelineSettings pipeline, Path producerJar,
			Path consumerJar) {
		this.chaos = chaos;
		this.producerSettings = producerSettings;
		this.pipeline = pipeline;
		this.producerJar = producerJar;
		this.consumerJar = consumerJar;
		QueueTopology configured = producerSettings.topology();
		this.topology = new QueueTopology(configured.queueName() + "-chaos", configured.type(),
				configured.deliveryLimit(), configured.quorumSize());
		this.random = new SplittableRandom(chaos.seed());
		this.consumers = new ConsumerProcesses(pipeline.consumerShutdownTimeout());
		this.database = new Outage("PostgreSQL at " + pipeline.database().describe());
		this.logDir = chaos.dir().resolve("logs");
		this.stateDir = chaos.dir().resolve("state");
	}

	/**
	 * Runs the pipeline through the faults and compares the table with the files.
	 * @return whether the table equals the files, nothing was dead-lettered, and no
	 * process failed on its own
	 */
	boolean run() throws Exception {
		FixedDataSet data = FixedDataSet.inside(this.chaos.dir(), this.chaos.sensors(), this.chaos.records(), 7);
		this.dataDir = data.dir();
		List<InputFile> files = data.files();
		this.files = files;
		this.storedRows = new StoredRows(this.pipeline.database(), this.stateDir, files);
		FaultPlan plan = FaultPlan.draw(this.chaos.faults(), this.chaos.seed());
		logger.info("chaos: {} rows in {} files; queue {}; {} consumers; seed {}; faults: {}",
				String.format("%,d", this.chaos.rows()), files.size(), this.topology.queueName(),
				this.chaos.consumers(), this.chaos.seed(), plan);
		reset();
		this.startedNanos = System.nanoTime();
		for (int i = 0; i < this.chaos.consumers(); i++) {
			startConsumer();
		}
		if (!this.consumers.awaitPolling(120_000)) {
			throw new IllegalStateException("the consumers did not start polling; see " + this.logDir);
		}
		startProducer();
		event("started the producer and {} consumers", this.chaos.consumers());
		try {
			drive(plan);
		}
		finally {
			if (!this.consumers.awaitPolling(120_000)) {
				failure("a consumer started after a fault did not start polling");
			}
			List<Integer> statuses = this.consumers.stop();
			event("consumers stopped with SIGTERM: exit statuses {}", statuses);
			if (statuses.stream().anyMatch((status) -> status != 0)) {
				this.failures.add("a consumer did not exit 0 on SIGTERM: " + statuses);
			}
			if (this.producer.isAlive()) {
				JarStart.kill(this.producer);
			}
			this.storedRows.close();
		}
		return verify(files);
	}

	/** Injects the faults as the rows go through, until every row is stored. */
	private void drive(FaultPlan plan) throws Exception {
		long total = this.chaos.rows();
		long deadline = this.startedNanos + this.chaos.deadline().toNanos();
		long lastProgress = System.nanoTime();
		long lastChange = System.nanoTime();
		long stored = 0;
		long lastFault = 0;
		List<String> exitsSeen = new ArrayList<>();
		long confirmed = 0;
		while (true) {
			long now = System.nanoTime();
			Optional<StoredRows.Count> count = this.database.read(this.storedRows::count);
			if (count.isPresent() && count.get().stored() > stored) {
				stored = count.get().stored();
				lastChange = now;
			}
			boolean producerDone = producerFinished();
			confirmed = producerDone ? total : count.map(StoredRows.Count::confirmed).orElse(confirmed);
			boolean gapPassed = now - lastFault > FAULT_GAP_MILLIS * 1_000_000;
			FaultPlan.Planned due = plan.next((double) confirmed / total, (double) stored / total,
					(fault) -> (gapPassed || fault.hitsTheProducer()) && possible(fault));
			if (due != null) {
				inject(due, String.format("%s; now %d%% confirmed, %d%% stored", due, confirmed * 100 / total,
						stored * 100 / total));
				lastFault = System.nanoTime();
				lastChange = lastFault;
				continue;
			}
			for (String exit : this.consumers.exitedOnTheirOwn()) {
				if (!exitsSeen.contains(exit)) {
					exitsSeen.add(exit);
					failure(exit);
				}
			}
			if (producerDone && count.isPresent() && count.get().all() && stored >= total && plan.pending().isEmpty()
					&& queueEmpty()) {
				event("every row stored by the ledger's count, queue empty");
				return;
			}
			if (now - lastProgress > PROGRESS_MILLIS * 1_000_000) {
				event("{} rows confirmed, {} stored", String.format("%,d", confirmed), String.format("%,d", stored));
				lastProgress = now;
			}
			if (now - lastChange > STALL_MILLIS * 1_000_000) {
				failure("no row stored for " + STALL_MILLIS / 1000 + " s (" + String.format("%,d", stored) + " of "
						+ String.format("%,d", total) + "); stopped waiting");
				describeStall();
				return;
			}
			if (now > deadline) {
				failure("not done within CHAOS_DEADLINE=" + this.chaos.deadline() + "; stopped waiting");
				return;
			}
			Thread.sleep(TICK_MILLIS);
		}
	}

	/**
	 * Says where the rows wait after a stall: the files the count found short, the same
	 * count made afresh (without what it remembers between reads), and the queue.
	 */
	private void describeStall() {
		this.storedRows.behind(10).forEach((file) -> event("behind: {}", file));
		try (StoredRows fresh = new StoredRows(this.pipeline.database(), this.stateDir, this.files)) {
			this.database.read(fresh::count).ifPresent((count) -> {
				List<String> behind = fresh.behind(10);
				event("counted afresh: {} rows confirmed, {} stored{}", String.format("%,d", count.confirmed()),
						String.format("%,d", count.stored()),
						behind.isEmpty() ? "" : "; behind: " + String.join("; ", behind));
			});
		}
		try (QueueDepth depth = new QueueDepth(this.producerSettings.broker().nodes(), this.topology, "chaos")) {
			event("queue {}: {} messages ready", this.topology.queueName(), depth.ready());
		}
		catch (IOException | TimeoutException ex) {
			event("queue {}: not read ({})", this.topology.queueName(), ex.getMessage());
		}
	}

	/** Whether a fault can strike now: a consumer to kill must be polling. */
	private boolean possible(Fault fault) {
		return fault != Fault.KILL_CONSUMER || !this.consumers.polling().isEmpty();
	}

	private void inject(FaultPlan.Planned planned, String when) throws Exception {
		switch (planned.fault()) {
			case KILL_CONSUMER -> {
				List<Integer> polling = this.consumers.polling();
				int victim = polling.get(this.random.nextInt(polling.size()));
				long pid = this.consumers.kill(victim);
				int replacement = startConsumer();
				event("{}: kill -9 consumer {} (pid {}); started consumer {}", when, victim, pid, replacement);
			}
			case KILL_PRODUCER -> {
				if (this.producer.isAlive()) {
					long pid = JarStart.jvm(this.producer).pid();
					JarStart.kill(this.producer);
					this.producer.waitFor();
					startProducer();
					event("{}: kill -9 producer (pid {}); started it again", when, pid);
				}
				else {
					startProducer();
					event("{}: the producer had finished before this was seen; started it again", when);
				}
			}
			case RESTART_RABBITMQ ->
				restart(planned, when, "RabbitMQ", "CHAOS_RABBITMQ_RESTART", this.chaos.restartRabbitmq());
			case RESTART_POSTGRES -> {
				this.storedRows.close();
				restart(planned, when, "PostgreSQL", "CHAOS_POSTGRES_RESTART", this.chaos.restartPostgres());
			}
		}
	}

	private void restart(FaultPlan.Planned planned, String when, String server, String setting, String command)
			throws IOException, InterruptedException {
		Path log = this.logDir.resolve(planned.fault().setting() + ".log");
		long began = System.nanoTime();
		int status = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start()
			.waitFor();
		double seconds = (System.nanoTime() - began) / 1e9;
		if (status != 0) {
			failure(setting + "=" + command + " exited " + status + " (output in " + log + ")");
			return;
		}
		event("{}: restarted {} in {} s ({})", when, server, String.format("%.1f", seconds), command);
	}

	private boolean verify(List<InputFile> files) throws Exception {
		event("comparing records with the files through psql \\copy into {}", TableCheck.SCRATCH);
		TableCheck.Result result = TableCheck.compare(this.pipeline.database(), files, this.chaos.dir());
		long deadLetters;
		try (QueueDepth depth = new QueueDepth(this.producerSettings.broker().nodes(), this.topology, "chaos")) {
			deadLetters = depth.deadLettered();
		}
		logger.info("chaos: files:   {} rows, md5 {}", String.format("%,d", result.fileRows()), result.fileChecksum());
		logger.info("chaos: records: {} rows, md5 {}", String.format("%,d", result.tableRows()),
				result.tableChecksum());
		logger.info(
				"chaos: rows of the files missing from records: {}; rows in records not in the files: {}; "
						+ "dead-letter queue {}: {} messages",
				result.missing(), result.extra(), this.topology.deadLetterQueue(), deadLetters);
		if (!result.equal()) {
			this.failures.add("records differs from the files");
		}
		if (deadLetters > 0) {
			this.failures.add(deadLetters + " messages dead-lettered (make dlq-show RABBITMQ_QUEUE_NAME="
					+ this.topology.queueName() + ")");
		}
		double seconds = (System.nanoTime() - this.startedNanos) / 1e9;
		if (this.failures.isEmpty()) {
			deleteQueues();
			logger.info("chaos: PASS: records equals the files, nothing dead-lettered; {} faults in {} s",
					this.chaos.faults().size(), String.format("%.1f", seconds));
			return true;
		}
		logger.error("chaos: FAIL after {} s: {}", String.format("%.1f", seconds), String.join("; ", this.failures));
		return false;
	}

	/**
	 * Starts from nothing: migrations applied, {@code records} and the ledger empty, the
	 * chaos queues deleted, no producer state, no logs.
	 */
	private void reset() throws Exception {
		Folders.deleteRecursively(this.stateDir);
		Folders.deleteRecursively(this.logDir);
		Files.createDirectories(this.logDir);
		if (ConsumerProcesses.runToEnd(this.consumerJar, this.pipeline.consumerJavaOptions(), "migrate") != 0) {
			throw new IllegalStateException("the migrations failed; see above");
		}
		try (Connection connection = this.pipeline.database().connect(); Statement sql = connection.createStatement()) {
			sql.execute("TRUNCATE records, ingest_ledger");
		}
		deleteQueues();
	}

	private void deleteQueues() throws IOException, TimeoutException {
		try (com.rabbitmq.client.Connection connection = this.producerSettings.broker()
			.connectionFactory()
			.newConnection("sensor-ingest-chaos")) {
			Channel channel = connection.createChannel();
			channel.queueDelete(this.topology.queueName());
			channel.queueDelete(this.topology.deadLetterQueue());
			channel.exchangeDelete(this.topology.deadLetterExchange());
		}
	}

	private int startConsumer() throws IOException {
		return this.consumers.start(this.consumerJar, this.pipeline.consumerJavaOptions(),
				Map.of("RABBITMQ_QUEUE_NAME", this.topology.queueName()), this.logDir);
	}

	private void startProducer() throws IOException {
		Path log = this.logDir.resolve("producer-" + this.producerRuns++ + ".log");
		ProcessBuilder builder = JarStart.of(this.producerJar, this.chaos.producerJavaOptions())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> environment = builder.environment();
		environment.put("RABBITMQ_QUEUE_NAME", this.topology.queueName());
		environment.put("TARGET_FILE_DIR", this.dataDir.toAbsolutePath().toString());
		environment.put("PRODUCER_STATE_DIR", this.stateDir.toAbsolutePath().toString());
		// the producer stops by itself once this process is gone, however it ended
		environment.put(ParentWatch.STARTER_PID, Long.toString(ProcessHandle.current().pid()));
		if (this.producerHook == null) {
			this.producerHook = new Thread(this::stopProducer, "stop-producer");
			Runtime.getRuntime().addShutdownHook(this.producerHook);
		}
		this.producer = builder.start();
		this.producerFailureReported = false;
	}

	/** The shutdown hook: whatever ends this process, the producer stops first. */
	private void stopProducer() {
		Process running = this.producer;
		if (running != null && running.isAlive()) {
			running.destroy();
			try {
				if (!running.waitFor(this.producerSettings.confirmTimeout().toSeconds() + 10, TimeUnit.SECONDS)) {
					JarStart.kill(running);
				}
			}
			catch (InterruptedException ex) {
				JarStart.kill(running);
			}
		}
	}

	/** Whether the producer has published everything: it exited 0 and was not killed. */
	private boolean producerFinished() {
		if (this.producer.isAlive()) {
			return false;
		}
		int status = this.producer.exitValue();
		if (status != 0 && !this.producerFailureReported) {
			failure("the producer exited " + status + " on its own (see " + this.logDir + ")");
			this.producerFailureReported = true;
		}
		return status == 0;
	}

	private boolean queueEmpty() {
		try (QueueDepth depth = new QueueDepth(this.producerSettings.broker().nodes(), this.topology, "chaos")) {
			return depth.ready() == 0;
		}
		catch (IOException | TimeoutException ex) {
			return false;
		}
	}

	private void event(String format, Object... arguments) {
		double seconds = (System.nanoTime() - this.startedNanos) / 1e9;
		logger.info("chaos: +" + String.format("%5.1f", seconds) + " s  " + format, arguments);
	}

	private void failure(String problem) {
		this.failures.add(problem);
		event("FAILURE: {}", problem);
	}

}
