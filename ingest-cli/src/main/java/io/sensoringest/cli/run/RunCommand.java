package io.sensoringest.cli.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sensoringest.boot.StopSignals;
import io.sensoringest.cli.command.OperatorCommand;
import io.sensoringest.cli.command.OperatorSettings;
import io.sensoringest.cli.command.Reads;
import io.sensoringest.producer.Producer;
import io.sensoringest.producer.api.InputException;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run --consumer-jar=PATH [--force] [file or folder ...]}, behind
 * {@code make run}: the whole pipeline on this machine without Docker. It applies the
 * migrations, starts {@code CONSUMER_REPLICAS} consumers, publishes the files, waits
 * until the queue is drained, stops the consumers with SIGTERM (each stores and acks the
 * batch in hand), and prints one summary line. A consumer that dies on the way is started
 * again ({@link ConsumerProcesses#supervise}). It exits 0 when every valid row of every
 * file is stored, whatever a consumer went through; 1 when rows were rejected or are
 * missing, saying where they are; 2 for a bad setting or a server that never answered.
 */
@Reads({ "TARGET_FILE_DIR", "CONSUMER_REPLICAS", "PRODUCER_PARALLELISM", "POSTGRES_HOST", "POSTGRES_PORT",
		"POSTGRES_DATABASE", "POSTGRES_USERNAME", "RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_ADDRESSES",
		"RABBITMQ_QUEUE_NAME" })
@Command(name = "run", mixinStandardHelpOptions = true,
		header = "The whole pipeline once, without Docker, then a summary line.",
		description = "Applies the migrations, starts CONSUMER_REPLICAS consumer processes, publishes the files, waits until the queue is drained, stops the consumers with SIGTERM and prints one summary line. A consumer that dies is started again. Exit 0 when every valid row of every file is stored, 1 when rows were rejected or are missing (saying where they are), 2 for a bad setting or a server that never answered.",
		footerHeading = "%nExamples:%n",
		footer = { "  make run                               # all of TARGET_FILE_DIR",
				"  make run ARGS=\"--force data/s-1.csv\"   # one file, published before or not",
				"  java -jar ingest-cli/target/ingest-cli.jar run /srv/backlog" })
public class RunCommand extends OperatorCommand {

	private static final Logger logger = LoggerFactory.getLogger(RunCommand.class);

	@Option(names = "--consumer-jar", paramLabel = "PATH",
			description = "the consumer's jar (default: the one built beside this command line's)")
	Path consumerJar;

	@Option(names = "--force", description = "publish files again that were published completely before")
	boolean force;

	@Parameters(paramLabel = "FILE_OR_FOLDER", arity = "0..*", showDefaultValue = Visibility.NEVER,
			description = "what to publish (default: every input file below TARGET_FILE_DIR)")
	List<String> inputs = List.of();

	@Override
	protected void execute(OperatorSettings operator) throws Exception {
		ProducerSettings settings = operator.producer();
		PipelineSettings pipeline = PipelineSettings.from(operator);
		if (!isJar(this.consumerJar, "--consumer-jar")) {
			return;
		}
		List<InputFile> files;
		try {
			files = Producer.inputs(this.inputs, settings);
		}
		catch (InputException ex) {
			fail(ex.getMessage());
			return;
		}
		PipelineRun run = new PipelineRun(new Producer(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
				pipeline, this.consumerJar, Map.of());
		StopSignals.onStop(run::stop);
		PipelineResult result = run.run(files, this.force);
		if (result.published() == null) {
			fail(result.failure());
			return;
		}
		logger.info(result.summary());
		logger.info("peak RSS: producer {} MiB, consumers {} MiB", result.producerRssMib(), result.consumerRssMib());
		logger.info(RunCpu.ofThisProcess().line());
		if (!result.stoppedCleanly()) {
			logger.warn("not every consumer stopped cleanly when asked: exit statuses {} (logs in {})",
					result.consumerStatuses(), settings.stateDir().resolve("logs"));
		}
		int status = result.published().exitCode();
		if (result.stopped() && !result.complete()) {
			// stopped as asked: what is not stored waits in the queue, the files not
			// finished resume from their checkpoints, and the next run goes on from there
			logger.warn("stopped as asked: {}; make run goes on from there", result.problem());
		}
		else if (!result.complete()) {
			logger.error("{} (consumer logs in {})", result.problem(), settings.stateDir().resolve("logs"));
			status = Math.max(status, INCOMPLETE);
		}
		exitWith(status);
	}

}
