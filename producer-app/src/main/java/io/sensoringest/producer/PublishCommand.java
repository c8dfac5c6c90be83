package io.sensoringest.producer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.sensoringest.boot.AppStart;
import io.sensoringest.boot.StopSignals;
import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.HelpOptions;
import io.sensoringest.contract.ParentWatch;
import io.sensoringest.contract.Plural;
import io.sensoringest.producer.api.InputException;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.api.RunResult;
import io.sensoringest.producer.input.InputFiles;
import io.sensoringest.producer.publish.ProducerMetrics;
import io.sensoringest.producer.publish.PublishRun;
import io.sensoringest.producer.settings.ProducerProperties;
import io.sensoringest.producer.settings.ProducerSettings;
import io.sensoringest.producer.watch.FolderWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code [--force] [file or folder ...]}: publishes the files given, or every input file
 * below {@code TARGET_FILE_DIR}, and ends with one summary line and an exit status: 0
 * when every valid row is confirmed, 1 when some rows or files were rejected, 2 on a
 * fatal error.
 */
@Component
public class PublishCommand implements ApplicationRunner, ExitCodeGenerator, DisposableBean {

	/** The options the producer takes, beside {@code --help} and {@code --version}. */
	public static final List<String> OPTIONS = List.of("--force", "--watch");

	/**
	 * What {@code --help} prints: each option with its default and the settings it stands
	 * for as they are now, then examples.
	 */
	public static String usage() {
		return """
				Usage: java -jar producer-app.jar [--force] [FILE_OR_FOLDER...]
				       java -jar producer-app.jar --watch
				Publishes every input file below TARGET_FILE_DIR (files ending in TARGET_FILE_EXTENSION,
				or in that and .gz), or the files and folders named, to the RabbitMQ queue
				RABBITMQ_QUEUE_NAME with publisher confirms, and exits: 0 when every valid row is
				confirmed, 1 when some rows or files were rejected, 2 on a bad setting or a fatal error.
				A file published completely before is skipped; an interrupted one resumes after its last
				confirmed message.
				      [FILE_OR_FOLDER...]
				                 what to publish (default: every input file below TARGET_FILE_DIR,
				                 now %s)
				      --force    publish files again that were published completely before
				                 (default: off)
				      --watch    keep running (default: PRODUCER_WATCH, now %s): publish the files
				                 below TARGET_FILE_DIR, then each file that lands there once its size
				                 and time stay the same for PRODUCER_FILE_SETTLE_TIME; hidden files and
				                 names ending in .part, .tmp, .swp, .crdownload or ~ are never taken.
				                 SIGTERM or Ctrl-C stops it once the chunks in flight are confirmed,
				                 exit 0.
				  -h, --help     show this help and exit
				  -V, --version  print the version and exit
				%sExamples:
				  java -jar producer-app.jar                         publish TARGET_FILE_DIR once
				  java -jar producer-app.jar --force data/s-1.csv    publish one file again
				  TARGET_FILE_DIR=/srv/in java -jar producer-app.jar --watch
				""".formatted(HelpOptions.now("TARGET_FILE_DIR"), HelpOptions.now("PRODUCER_WATCH"),
				HelpOptions.settingsNow("TARGET_FILE_DIR", "TARGET_FILE_EXTENSION", "PRODUCER_PARALLELISM",
						"PRODUCER_STATE_DIR", "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_ADDRESSES",
						"RABBITMQ_QUEUE_NAME"));
	}

	private static final Logger logger = LoggerFactory.getLogger(PublishCommand.class);

	private static final long PROGRESS_INTERVAL_MILLIS = 5000;

	private static final int UNFINISHED_LISTED = 10;

	private static final long STOP_GRACE_MILLIS = 5000;

	private final ProducerSettings settings;

	private final BrokerNodes brokerNodes;

	private final ProducerMetrics metrics;

	private int exitCode;

	private volatile FolderWatcher watcher;

	private final DatabaseSettings ledger;

	private final ApplicationEventPublisher events;

	PublishCommand(ProducerSettings settings, CachingConnectionFactory brokerFactory, MeterRegistry registry,
			ProducerProperties properties, ApplicationEventPublisher events) {
		this.settings = settings;
		this.events = events;
		this.ledger = properties.ledger();
		// the raw factory that Spring Boot configured: each file reader opens a
		// connection of its own and keeps its confirm window on a raw channel
		// (ChunkPublisher), because the checkpoint must know which line each confirm
		// covers
		this.brokerNodes = settings.broker().nodes(brokerFactory.getRabbitConnectionFactory());
		this.metrics = new ProducerMetrics(registry);
	}

	@Override
	public void run(ApplicationArguments arguments) throws InterruptedException {
		// main() let through only the options the producer takes (OPTIONS)
		if (arguments.containsOption("watch") || this.settings.watch().enabled()) {
			watch(arguments);
			return;
		}
		try {
			List<InputFile> files = InputFiles.find(arguments.getNonOptionArgs(), this.settings);
			if (files.isEmpty()) {
				fail("no files ending in " + this.settings.extension() + " in "
						+ (arguments.getNonOptionArgs().isEmpty() ? this.settings.targetDir()
								: String.join(", ", arguments.getNonOptionArgs())));
				return;
			}
			logger.info("publishing {} files to queue {} at {}", files.size(), this.settings.topology().queueName(),
					this.settings.broker().describe());
			PublishRun run = new PublishRun(this.settings, this.brokerNodes, this.metrics, PROGRESS_INTERVAL_MILLIS);
			// SIGTERM, Ctrl-C and a starter gone stop the run as DESIGN asks: no new
			// chunk
			// is read, the ones sent are confirmed and checkpointed, and the files not
			// finished resume from there on the next run
			AtomicBoolean stopAsked = new AtomicBoolean();
			Runnable stop = () -> {
				if (!stopAsked.getAndSet(true)) {
					logger.warn("stopping: the chunks in flight are confirmed and checkpointed first");
					run.stop();
				}
			};
			StopSignals.onStop(stop);
			ParentWatch parentWatch = new ParentWatch(ParentWatch.startedByCommand(), "its starter is gone", stop);
			parentWatch.start();
			RunResult result = run.run(files, arguments.containsOption("force"));
			parentWatch.stop();
			report(result);
			if (stopAsked.get() && !result.unfinished().isEmpty()) {
				logger.warn("stopped as asked: {} not finished, each resumes from its checkpoint on the next run",
						Plural.of(result.unfinished().size(), "file"));
			}
		}
		catch (InputException ex) {
			fail(ex.getMessage());
		}
		catch (IOException ex) {
			fail("cannot use PRODUCER_STATE_DIR=" + this.settings.stateDir() + ": " + ex.getMessage());
		}
	}

	/**
	 * Watch mode, until SIGTERM or Ctrl-C: those exit 0 once {@link #destroy()} has
	 * stopped the watcher cleanly.
	 */
	private void watch(ApplicationArguments arguments) throws InterruptedException {
		if (!arguments.getNonOptionArgs().isEmpty() || arguments.containsOption("force")) {
			fail("--watch takes no files and no --force: it watches TARGET_FILE_DIR=" + this.settings.targetDir());
			return;
		}
		StopSignals.exitZeroOnStop();
		new ParentWatch(ParentWatch.startedByCommand(), "its starter is gone", StopSignals::exitZero).start();
		this.watcher = new FolderWatcher(this.settings, this.brokerNodes, this.metrics, this.ledger);
		// Boot marks an application ready only once its runners return, and this one
		// watches
		// until stopped: without this, /actuator/health stays 503 (readiness
		// OUT_OF_SERVICE)
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
		try {
			this.watcher.run();
		}
		catch (InputException ex) {
			fail(ex.getMessage());
		}
		catch (IOException ex) {
			fail("cannot watch TARGET_FILE_DIR=" + this.settings.targetDir() + ": " + ex.getMessage());
		}
	}

	/**
	 * Stops the watcher, if one runs, as Spring Boot closes the application on SIGTERM:
	 * the files being published stop once their chunks in flight are confirmed and
	 * checkpointed.
	 */
	@Override
	public void destroy() throws InterruptedException {
		FolderWatcher running = this.watcher;
		if (running != null && !running.stop(this.settings.confirmTimeout().toMillis() + STOP_GRACE_MILLIS)) {
			logger.warn("stopped before the chunks in flight were confirmed: they are sent again on the next start");
		}
	}

	private void report(RunResult result) {
		if (result.fatal() != null) {
			logger.error("stopped: {}", result.fatal());
			result.unfinished().stream().limit(UNFINISHED_LISTED).forEach((line) -> logger.error("  {}", line));
			if (result.unfinished().size() > UNFINISHED_LISTED) {
				logger.error("  ... and {} more files (make status lists every one)",
						result.unfinished().size() - UNFINISHED_LISTED);
			}
		}
		logger.info("metrics: {}", this.metrics.summary());
		logger.info(result.summary());
		exitWith(result.exitCode());
	}

	/** Whether the arguments ask for the usage instead of a run. */
	private void fail(String message) {
		logger.error(message);
		this.exitCode = AppStart.FATAL;
	}

	private void exitWith(int status) {
		this.exitCode = status;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
