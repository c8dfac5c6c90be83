package io.sensoringest.cli.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.sensoringest.cli.command.OperatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataGeneratorTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	@Test
	void writesOneFilePerSensorInTheSeedFormat() throws Exception {
		generate(settings(dir, 10, 5, "2021-01-01", "Asia/Shanghai"), 2);

		List<Path> files = csvFiles(dir);
		assertThat(files).hasSize(10);
		for (Path file : files) {
			String sensorId = file.getFileName().toString().replace(".csv", "");
			assertThat(sensorId).matches("[0-9a-f]{8}_\\d");
			String text = Files.readString(file);
			assertThat(text).startsWith("record_time,sensor_id,value\r\n").endsWith("\r\n");
			assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
			List<String> rows = text.lines().skip(1).toList();
			assertThat(rows).hasSize(5);
			for (int i = 0; i < rows.size(); i++) {
				String[] fields = rows.get(i).split(",");
				assertThat(fields[0]).isEqualTo("2021-01-01T00:00:0" + i + ".000+08:00");
				assertThat(fields[1]).isEqualTo(sensorId);
				double value = Double.parseDouble(fields[2]);
				assertThat(value).isGreaterThanOrEqualTo(0).isLessThan(1);
				assertThat(Double.toString(value)).isEqualTo(fields[2]);
			}
		}
		assertThat(console.toString()).contains("wrote 10 files, 50 rows");
	}

	@Test
	void coversTheSensorIndexesOnceEach() throws Exception {
		generate(settings(dir, 12, 1, "2021-01-01", "UTC"), 3);

		assertThat(csvFiles(dir)).map((f) -> f.getFileName().toString().replaceAll(".*_(\\d+)\\.csv", "$1"))
			.map(Integer::parseInt)
			.containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
	}

	@Test
	void advancesInRealTimeAcrossTheDaylightSavingChange() throws Exception {
		generate(settings(dir, 1, 4, "2021-03-28T01:59:58", "Europe/Berlin"), 1);

		List<String> times = Files.readAllLines(csvFiles(dir).get(0))
			.stream()
			.skip(1)
			.map((l) -> l.split(",")[0])
			.toList();
		assertThat(times).containsExactly("2021-03-28T01:59:58.000+01:00", "2021-03-28T01:59:59.000+01:00",
				"2021-03-28T03:00:00.000+02:00", "2021-03-28T03:00:01.000+02:00");
		assertThat(times).map(OffsetDateTime::parse)
			.map((t) -> t.toInstant().getEpochSecond())
			.isSorted()
			.doesNotHaveDuplicates();
	}

	@Test
	void sameSettingsAndSeedGiveByteIdenticalFilesWhateverTheParallelism(@TempDir Path other) throws Exception {
		generate(settings(dir, 8, 300, "2021-01-01", "Asia/Shanghai"), 1);
		generate(settings(other, 8, 300, "2021-01-01", "Asia/Shanghai"), 4);

		List<Path> first = csvFiles(dir);
		assertThat(csvFiles(other)).map(Path::getFileName).isEqualTo(first.stream().map(Path::getFileName).toList());
		for (Path file : first) {
			assertThat(Files.readAllBytes(other.resolve(file.getFileName()))).isEqualTo(Files.readAllBytes(file));
		}
	}

	@Test
	void anotherSeedGivesOtherSensorsAndValues(@TempDir Path other) throws Exception {
		generate(settings(dir, 3, 10, "2021-01-01", "UTC"), 1);
		Map<String, String> values = values(other, 3, 10, "2021-01-01", "UTC");
		values.put("GEN_SEED", "43");
		generate(GeneratorSettingsTests.bind(values), 1);

		assertThat(csvFiles(other)).map(Path::getFileName)
			.doesNotContainAnyElementsOf(csvFiles(dir).stream().map(Path::getFileName).toList());
	}

	@Test
	void leavesNoPartFileAndRemovesOnesAKilledRunLeft() throws Exception {
		Path leftover = Files.writeString(dir.resolve(".0badcafe_0.csv.part"), "half a row");

		generate(settings(dir, 2, 3, "2021-01-01", "UTC"), 2);

		assertThat(leftover).doesNotExist();
		try (Stream<Path> all = Files.list(dir)) {
			assertThat(all).allMatch((p) -> p.toString().endsWith(".csv")).hasSize(2);
		}
	}

	@Test
	void badSettingExitsTwoNamingItAndWritesNothing() {
		Map<String, String> values = values(dir.resolve("out"), 2, 3, "2021-01-01", "UTC");
		values.put("GEN_NUM_SENSORS", "ten");

		int status = DemoDataGenerator.run(OperatorSettings.load(values), new PrintStream(console, true));

		assertThat(status).isEqualTo(2);
		assertThat(console.toString()).isEqualTo("gen_csv_demo: GEN_NUM_SENSORS=ten is not a whole number\n");
		assertThat(dir.resolve("out")).doesNotExist();
	}

	@Test
	void unwritableTargetExitsTwoWithTheReason() throws IOException {
		Path file = Files.writeString(dir.resolve("not-a-dir"), "");

		int status = DemoDataGenerator.run(OperatorSettings.load(values(file, 1, 1, "2021-01-01", "UTC")),
				new PrintStream(console, true));

		assertThat(status).isEqualTo(2);
		assertThat(console.toString()).startsWith("gen_csv_demo: cannot write the files: ").contains("not-a-dir");
	}

	@Test
	void progressLineShowsFilesRowsRateAndEta() {
		DemoDataGenerator generator = new DemoDataGenerator(settings(dir, 4, 1000, "2021-01-01", "UTC"),
				new PrintStream(console), 1);

		assertThat(generator.progressLine(System.nanoTime() - 1_000_000_000L))
			.matches("gen_csv_demo: 0/4 files, 0/4,000 rows, 0 rows/s, ETA \\?");
	}

	private void generate(GeneratorSettings settings, int parallelism) throws Exception {
		new DemoDataGenerator(settings, new PrintStream(console, true, StandardCharsets.UTF_8), parallelism).generate();
	}

	static GeneratorSettings settings(Path dir, int sensors, int records, String start, String zone) {
		return GeneratorSettingsTests.bind(values(dir, sensors, records, start, zone));
	}

	static Map<String, String> values(Path dir, int sensors, int records, String start, String zone) {
		Map<String, String> values = GeneratorSettingsTests.demo();
		values.put("TARGET_FILE_DIR", dir.toString());
		values.put("GEN_NUM_SENSORS", Integer.toString(sensors));
		values.put("GEN_NUM_RECORDS", Integer.toString(records));
		values.put("GEN_START_DATE", start);
		values.put("GEN_TIMEZONE", zone);
		return values;
	}

	private static List<Path> csvFiles(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((f) -> f.toString().endsWith(".csv")).sorted().toList();
		}
	}

}
