package io.sensoringest.producer.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.sensoringest.producer.Command;
import io.sensoringest.producer.ProducerSettings;
import io.sensoringest.producer.input.InputException;
import io.sensoringest.producer.input.InputFile;
import io.sensoringest.producer.input.InputFiles;
import io.sensoringest.producer.run.ProducerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
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
class PipelineCommand extends Command {

	private static final Logger logger = LoggerFactory.getLogger(PipelineCommand.class);

	private final ProducerSettings settings;

	private final PipelineSettings pipeline;

	private final ProducerMetrics metrics;

	PipelineCommand(ProducerSettings settings, PipelineSettings pipeline, MeterRegistry registry) {
		this.settings = settings;
		this.pipeline = pipeline;
		this.metrics = new ProducerMetrics(registry);
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		Optional<Path> consumerJar = consumerJar(arguments, "run");
		if (consumerJar.isEmpty()) {
			return;
		}
		List<InputFile> files;
		try {
			files = InputFiles.find(arguments.getNonOptionArgs(), this.settings.targetDir(), this.settings.extension());
		}
		catch (InputException ex) {
			fail(ex.getMessage());
			return;
		}
		PipelineResult result = new PipelineRun(this.settings, this.pipeline, consumerJar.get(), Map.of(), this.metrics)
			.run(files, arguments.containsOption("force"));
		if (result.published() == null) {
			fail(result.failure());
			return;
		}
		logger.info(result.summary());
		logger.info("peak RSS: producer {} MiB, consumers {} MiB", result.producerRssMib(), result.consumerRssMib());
		exitWith(result.published().exitCode());
		if (!result.complete()) {
			fail(result.problem() + " (consumer logs in " + this.settings.stateDir().resolve("logs") + ")");
		}
	}

}
