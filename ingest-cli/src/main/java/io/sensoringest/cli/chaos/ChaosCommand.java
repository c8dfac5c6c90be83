package io.sensoringest.cli.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import io.sensoringest.boot.StopSignals;
import io.sensoringest.cli.command.OperatorCommand;
import io.sensoringest.cli.command.OperatorSettings;
import io.sensoringest.cli.command.Reads;
import io.sensoringest.cli.run.PipelineSettings;
import io.sensoringest.contract.Failures;
import io.sensoringest.producer.settings.ProducerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chaos --producer-jar=PATH --consumer-jar=PATH}, behind {@code make chaos}: the
 * pipeline through killed consumers, a killed producer and restarted servers, then proof
 * that the table equals the files. It empties {@code records} and the ledger first, as
 * the benchmark does. Exits 0 on a pass, 1 when anything differs, 2 when the run cannot
 * be set up.
 */
@Reads({ "CHAOS_FAULTS", "CHAOS_SENSORS", "CHAOS_RECORDS", "CHAOS_CONSUMERS", "CHAOS_SEED", "CHAOS_DEADLINE",
		"POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DATABASE", "POSTGRES_USERNAME", "RABBITMQ_HOST", "RABBITMQ_PORT",
		"RABBITMQ_ADDRESSES", "RABBITMQ_QUEUE_NAME" })
@Command(name = "chaos", mixinStandardHelpOptions = true,
		header = "The pipeline through faults, then proof that records equals the files.",
		description = "Kills consumers and producers and restarts RabbitMQ and PostgreSQL (CHAOS_FAULTS), then compares the table with the files. It empties records and ingest_ledger of the database it is pointed at. Exit 0 on a pass, 1 when anything differs.",
		footerHeading = "%nExamples:%n",
		footer = { "  make chaos                             # empties records, then CHAOS_FAULTS",
				"  make chaos CHAOS_FAULTS=kill-consumer,kill-producer CHAOS_SEED=7" })
public class ChaosCommand extends OperatorCommand {

	@Option(names = "--producer-jar", paramLabel = "PATH",
			description = "the producer's jar (default: the one built beside this command line's)")
	Path producerJar;

	@Option(names = "--consumer-jar", paramLabel = "PATH",
			description = "the consumer's jar (default: the one built beside this command line's)")
	Path consumerJar;

	private PipelineSettings pipeline;

	@Override
	protected void execute(OperatorSettings operator) throws Exception {
		ProducerSettings settings = operator.producer();
		this.pipeline = PipelineSettings.from(operator);
		ChaosSettings chaos = ChaosSettings.from(operator.cli());
		if (!isJar(this.producerJar, "--producer-jar") || !isJar(this.consumerJar, "--consumer-jar")) {
			return;
		}
		// a stop leaves nothing to finish of a measurement: the processes it started stop
		// (shutdown hooks), and it exits 0
		StopSignals.exitZeroOnStop();
		try {
			boolean passed = new ChaosRun(chaos, settings, this.pipeline, this.producerJar, this.consumerJar).run();
			exitWith(passed ? 0 : 1);
		}
		catch (SQLException ex) {
			fail("PostgreSQL at " + this.pipeline.database().describe() + ": " + Failures.rootMessage(ex));
		}
		catch (IOException | TimeoutException | IllegalStateException ex) {
			fail("chaos: " + Failures.rootMessage(ex));
		}
	}

}
