package io.sensoringest.producer.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.sensoringest.contract.Failures;
import io.sensoringest.producer.Command;
import io.sensoringest.producer.ProducerSettings;
import io.sensoringest.producer.pipeline.PipelineSettings;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code chaos --consumer-jar=PATH}, behind {@code make chaos}: the pipeline through
 * killed consumers, a killed producer and restarted servers, then proof that the table
 * equals the files. It empties {@code records} and the ledger first, as the benchmark
 * does. Exits 0 on a pass, 1 when anything differs, 2 when the run cannot be set up.
 */
@Component
@Profile("chaos")
class ChaosCommand extends Command {

	private final ProducerSettings settings;

	private final PipelineSettings pipeline;

	private final ChaosSettings chaos;

	ChaosCommand(ProducerSettings settings, PipelineSettings pipeline, ChaosSettings chaos) {
		this.settings = settings;
		this.pipeline = pipeline;
		this.chaos = chaos;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		Optional<Path> consumerJar = consumerJar(arguments, "chaos");
		if (consumerJar.isEmpty()) {
			return;
		}
		// started as java -jar producer-app.jar, this process's class path is that jar
		Path producerJar = Path.of(System.getProperty("java.class.path"));
		if (!producerJar.toString().endsWith(".jar") || !Files.isRegularFile(producerJar)) {
			fail("chaos runs from the producer's jar (java -jar producer-app.jar chaos), not from " + producerJar);
			return;
		}
		try {
			boolean passed = new ChaosRun(this.chaos, this.settings, this.pipeline, producerJar, consumerJar.get())
				.run();
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
