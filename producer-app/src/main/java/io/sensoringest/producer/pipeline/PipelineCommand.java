package io.sensoringest.producer.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.sensoringest.producer.ProducerApplication;
import io.sensoringest.producer.ProducerSettings;
import io.sensoringest.producer.input.InputException;
import io.sensoringest.producer.input.InputFile;
import io.sensoringest.producer.input.InputFiles;
import io.sensoringest.producer.run.ProducerMetrics;
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
		PipelineResult result = new PipelineRun(this.settings, this.pipeline, consumerJar, Map.of(), this.metrics)
			.run(files, arguments.containsOption("force"));
		if (result.published() == null) {
			fail(result.failure());
			return;
		}
		logger.info(result.summary());
		logger.info("peak RSS: producer {} MiB, consumers {} MiB", result.producerRssMib(), result.consumerRssMib());
		this.exitCode = result.published().exitCode();
		if (!result.complete()) {
			fail(result.problem() + " (consumer logs in " + this.settings.stateDir().resolve("logs") + ")");
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
