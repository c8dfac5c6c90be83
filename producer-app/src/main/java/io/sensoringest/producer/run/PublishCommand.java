package io.sensoringest.producer.run;

import java.io.IOException;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.sensoringest.producer.Command;
import io.sensoringest.producer.ProducerSettings;
import io.sensoringest.producer.input.InputException;
import io.sensoringest.producer.input.InputFile;
import io.sensoringest.producer.input.InputFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code publish [--force] [file or folder ...]}: publishes the files given, or every
 * input file below {@code TARGET_FILE_DIR}, and ends with one summary line and an exit
 * status: 0 when every valid row is confirmed, 1 when some rows or files were rejected, 2
 * on a fatal error.
 */
@Component
@Profile("publish")
class PublishCommand extends Command {

	private static final Logger logger = LoggerFactory.getLogger(PublishCommand.class);

	private static final long PROGRESS_INTERVAL_MILLIS = 5000;

	private static final int UNFINISHED_LISTED = 10;

	private final ProducerSettings settings;

	private final ProducerMetrics metrics;

	PublishCommand(ProducerSettings settings, MeterRegistry registry) {
		this.settings = settings;
		this.metrics = new ProducerMetrics(registry);
	}

	@Override
	public void run(ApplicationArguments arguments) throws InterruptedException {
		if (!onlyOptions(arguments, "publish [--force] [file or folder ...]", "force")) {
			return;
		}
		try {
			List<InputFile> files = InputFiles.find(arguments.getNonOptionArgs(), this.settings.targetDir(),
					this.settings.extension());
			if (files.isEmpty()) {
				fail("no files ending in " + this.settings.extension() + " in "
						+ (arguments.getNonOptionArgs().isEmpty() ? this.settings.targetDir()
								: String.join(", ", arguments.getNonOptionArgs())));
				return;
			}
			logger.info("publishing {} files to queue {} at {}", files.size(), this.settings.topology().queueName(),
					this.settings.broker().describe());
			RunResult result = new PublishRun(this.settings, this.metrics, PROGRESS_INTERVAL_MILLIS).run(files,
					arguments.containsOption("force"));
			report(result);
		}
		catch (InputException ex) {
			fail(ex.getMessage());
		}
		catch (IOException ex) {
			fail("cannot use PRODUCER_STATE_DIR=" + this.settings.stateDir() + ": " + ex.getMessage());
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

}
