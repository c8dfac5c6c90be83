package io.sensoringest.producer.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.sensoringest.producer.ProducerApplication;
import io.sensoringest.producer.ProducerSettings;
import io.sensoringest.producer.input.InputException;
import io.sensoringest.producer.input.InputFile;
import io.sensoringest.producer.input.InputFiles;
import io.sensoringest.producer.run.ProducerMetrics;
import io.sensoringest.producer.run.PublishRun;
import io.sensoringest.producer.run.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code run --consumer-jar=PATH [file or folder ...]}, behind {@code make run}: the
 * whole pipeline on this machine without Docker. It applies the migrations, starts
 * {@code CONSUMER_REPLICAS} consumers, publishes the files, waits until the queue is
 * drained, stops the consumers with SIGTERM (each stores and acks the batch in hand), and
 * prints one summary line. It exits non-zero when anything valid was not stored: a
 * message left in the queue, one dead-lettered, or a consumer that failed.
 */
@Component
@Profile("run")
class PipelineCommand implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(PipelineCommand.class);

	private static final long POLL_MILLIS = 200;

	private final ProducerSettings settings;

	private final PipelineSettings pipeline;

	private final ProducerMetrics metrics;

	private int exitCode;

	PipelineCommand(ProducerSettings settings, PipelineSettings pipeline, MeterRegistry registry) {
		this.settings = settings;
		this.pipeline = pipeline;
		this.metrics = new ProducerMetrics(registry);
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		List<String> jarOption = arguments.getOptionValues("consumer-jar");
		if (jarOption == null || jarOption.size() != 1 || !Files.isRegularFile(Path.of(jarOption.get(0)))) {
			fail("run needs --consumer-jar=PATH naming the consumer's jar (make build makes it)");
			return;
		}
		Path consumerJar = Path.of(jarOption.get(0));
		List<InputFile> files;
		try {
			files = InputFiles.find(arguments.getNonOptionArgs(), this.settings.targetDir(), this.settings.extension());
		}
		catch (InputException ex) {
			fail(ex.getMessage());
			return;
		}
		if (ConsumerProcesses.runToEnd(consumerJar, this.pipeline.consumerJavaOptions(), "migrate") != 0) {
			fail("the migrations failed; see above");
			return;
		}
		try (QueueDepth depth = new QueueDepth(this.settings.broker().connectionFactory(), this.settings.topology())) {
			long deadBefore = depth.deadLettered();
			runPipeline(consumerJar, files, depth, deadBefore, arguments.containsOption("force"));
		}
		catch (IOException | TimeoutException ex) {
			fail("RabbitMQ at " + this.settings.broker().describe() + ": " + ex.getMessage());
		}
	}

	private void runPipeline(Path consumerJar, List<InputFile> files, QueueDepth depth, long deadBefore, boolean force)
			throws IOException, InterruptedException {
		long started = System.nanoTime();
		ConsumerProcesses consumers = new ConsumerProcesses();
		Path logDir = this.settings.stateDir().resolve("logs");
		for (int i = 0; i < this.pipeline.replicas(); i++) {
			consumers.start(consumerJar, this.pipeline.consumerJavaOptions(), logDir);
		}
		logger.info("started {} consumers, logging to {}", this.pipeline.replicas(), logDir);
		RunResult published = new PublishRun(this.settings, this.metrics, 5000).run(files, force);
		logger.info("producer: {}", published.summary());
		while (published.fatal() == null && depth.ready() > 0 && consumers.anyAlive()) {
			Thread.sleep(POLL_MILLIS);
		}
		List<Long> consumerRss = consumers.peakRssMib();
		List<Integer> statuses = consumers.stop(this.pipeline.consumerShutdownTimeout().toMillis() + 10_000);
		double seconds = (System.nanoTime() - started) / 1e9;
		long left = depth.ready();
		long deadLettered = depth.deadLettered() - deadBefore;
		long stored = countRecords();
		logger.info("run: {} rows in valid input, {} published, {} rejected, {} rows in records; {} s, {} rows/s",
				String.format("%,d", published.rowsValid()), String.format("%,d", published.rowsConfirmed()),
				String.format("%,d", published.rowsRejected()), String.format("%,d", stored),
				String.format("%.1f", seconds), String.format("%,.0f", published.rowsConfirmed() / seconds));
		logger.info("peak RSS: producer {} MiB, consumers {} MiB", PeakRss.ofThisProcess(), consumerRss);
		this.exitCode = published.exitCode();
		if (published.fatal() != null) {
			fail("the producer stopped: " + published.fatal());
		}
		if (left > 0 || deadLettered > 0 || statuses.stream().anyMatch((s) -> s != 0)) {
			fail("not everything was stored: " + left + " messages left in the queue, " + deadLettered
					+ " dead-lettered, consumer exit statuses " + statuses + " (logs in " + logDir + ")");
		}
	}

	private long countRecords() {
		try (Connection connection = DriverManager.getConnection(this.pipeline.database().jdbcUrl(),
				this.pipeline.database().username(), this.pipeline.database().password());
				Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT count(*) FROM records")) {
			count.next();
			return count.getLong(1);
		}
		catch (SQLException ex) {
			logger.warn("cannot count the rows in records at {}: {}", this.pipeline.database().describe(),
					ex.getMessage());
			return -1;
		}
	}

	private void fail(String message) {
		logger.error(message);
		this.exitCode = ProducerApplication.FATAL;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
