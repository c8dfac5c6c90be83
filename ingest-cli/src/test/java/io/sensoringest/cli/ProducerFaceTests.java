package io.sensoringest.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line uses the producer through its public face only: {@code Producer}, the
 * values of {@code producer.api} and the settings of {@code producer.settings}.
 */
class ProducerFaceTests {

	private static final Pattern PRODUCER_IMPORT = Pattern
		.compile("^import (static )?(io\\.sensoringest\\.producer\\.[\\w.]+);", Pattern.MULTILINE);

	private static final Pattern FACE = Pattern
		.compile("io\\.sensoringest\\.producer\\.(Producer(\\.\\w+)?|api\\.\\w+|settings\\.\\w+(\\.\\w+)?)");

	@Test
	void theCommandLineImportsNothingOfTheProducerBeyondItsFace() throws IOException {
		List<String> imports = producerImports(Path.of("src"));

		assertThat(imports).as("the command line uses the producer").isNotEmpty();
		assertThat(imports).allSatisfy(
				(imported) -> assertThat(imported.substring(imported.indexOf(' ') + 1)).as(imported).matches(FACE));
	}

	@Test
	void theCheckCatchesAnImportOfTheProducersInternals() {
		assertThat("io.sensoringest.producer.input.CsvFileReader").doesNotMatch(FACE);
		assertThat("io.sensoringest.producer.publish.PublishRun").doesNotMatch(FACE);
		assertThat("io.sensoringest.producer.api.InputFile").matches(FACE);
	}

	/** Returns {@code File.java: io.sensoringest.producer.X} for each import. */
	private static List<String> producerImports(Path sources) throws IOException {
		try (Stream<Path> files = Files.walk(sources)) {
			return files.filter((file) -> file.toString().endsWith(".java")).flatMap((file) -> {
				try {
					Matcher matcher = PRODUCER_IMPORT.matcher(Files.readString(file));
					return matcher.results().map((result) -> file.getFileName() + ": " + result.group(2));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}
	}

}
