package io.sensoringest.system;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.RabbitServer;
import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One input file for each kind of bad input, all run through the whole pipeline once
 * ({@code run}: producer and a consumer as processes); each test then checks what its
 * file came to, as the user sees it: the valid rows in the table, each rejected row named
 * with file, line and reason on the console and in {@code rejects.tsv}, a file that
 * cannot be used skipped with the reason, and no stack trace anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

	private static final String HEADER = "record_time,sensor_id,value\n";

	@TempDir
	static Path dir;

	private final String queue = RabbitServer.uniqueQueueName("badinput");

	private TestDatabase database;

	private String console;

	private String rejects;

	@BeforeAll
	void runThePipelineOverOneFileOfEachKind() throws Exception {
		this.database = TestServers.postgres().createDatabase("badinput");
		Path input = Files.createDirectories(dir.resolve("input"));
		write(input, "01-missing-header.csv", row(0, "s01", "1.0") + row(1, "s01", "2.0"));
		write(input, "02-header-missing-column.csv", "record_time,sensor_id\n" + t(0) + ",s02\n");
		write(input, "03-header-extra-column.csv", "record_time,sensor_id,value,unit\n" + t(0) + ",s03,1.0,C\n");
		write(input, "04-header-misspelled.csv", "record_time,sensor,value\n" + t(0) + ",s04,1.0\n");
		write(input, "05-too-few-fields.csv", HEADER + row(0, "s05", "1.0") + t(1) + ",s05\n" + row(2, "s05", "3.0"));
		write(input, "06-too-many-fields.csv",
				HEADER + row(0, "s06", "1.0") + t(1) + ",s06,2.0,extra\n" + row(2, "s06", "3.0"));
		write(input, "07-bad-time.csv", HEADER + row(0, "s07", "1.0") + "yesterday,s07,2.0\n" + row(2, "s07", "3.0"));
		write(input, "08-no-offset.csv", HEADER + "2021-01-01T00:00:00,s08,1.0\n2021-07-01 12:00:00.5,s08,2.0\n");
		write(input, "09-nan.csv", HEADER + row(0, "s09", "1.0") + row(1, "s09", "NaN"));
		write(input, "10-infinity.csv",
				HEADER + row(0, "s10", "1.0") + row(1, "s10", "Infinity") + row(2, "s10", "-Infinity"));
		write(input, "11-empty-value.csv", HEADER + row(0, "s11", "1.0") + row(1, "s11", ""));
		write(input, "12-thousands-separator.csv", HEADER + row(0, "s12", "1.0") + row(1, "s12", "\"1,234.5\""));
		write(input, "13-blank-sensor.csv", HEADER + row(0, "s13", "1.0") + row(1, " ", "2.0") + row(2, "", "3.0"));
		write(input, "14-long-line.csv",
				HEADER + row(0, "s14", "1.0") + row(1, "x".repeat(1_100_000), "2.0") + row(2, "s14", "3.0"));
		ByteArrayOutputStream binary = new ByteArrayOutputStream();
		binary.writeBytes((HEADER + row(0, "s15", "1.0")).getBytes(StandardCharsets.UTF_8));
		binary.writeBytes(garbage(2000));
		binary.writeBytes(("\n" + row(2, "s15", "3.0")).getBytes(StandardCharsets.UTF_8));
		Files.write(input.resolve("15-binary.csv"), binary.toByteArray());
		ByteArrayOutputStream latin = new ByteArrayOutputStream();
		latin.writeBytes((HEADER + row(0, "s16", "1.0")).getBytes(StandardCharsets.UTF_8));
		latin.writeBytes(row(1, "s16-caf\u00e9", "2.0").getBytes(StandardCharsets.ISO_8859_1));
		latin.writeBytes(row(2, "s16", "3.0").getBytes(StandardCharsets.UTF_8));
		Files.write(input.resolve("16-invalid-utf8.csv"), latin.toByteArray());
		write(input, "17-bom.csv", "\uFEFF" + HEADER + row(0, "s17", "1.0"));
		write(input, "18-crlf.csv", (HEADER + row(0, "s18", "1.0") + row(1, "s18", "2.0")).replace("\n", "\r\n"));
		write(input, "19-quoted.csv", HEADER + row(0, "\"s19,with comma\"", "1.0")
				+ row(1, "\"s19\nwith newline\"", "2.0") + "\"" + t(2) + "\",\"s19 \"\"quoted\"\"\",\"3.0\"\n");
		write(input, "20-empty.csv", "");
		write(input, "21-header-only.csv", HEADER);
		try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(input.resolve("22-gzipped.csv.gz")))) {
			gzip.write((HEADER + row(0, "s22", "1.0") + "yesterday,s22,2.0\n" + row(2, "s22", "3.0"))
				.getBytes(StandardCharsets.UTF_8));
		}
		write(input, "23-not-gzipped.csv.gz", HEADER + row(0, "s23", "1.0"));
		write(input, "24-nul-byte.csv",
				HEADER + row(0, "s24", "1.0") + row(1, "s24\u0000", "2.0") + row(2, "s24", "3.0"));
		Files.write(input.resolve("25-png.csv"), new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0,
				0, 0x0d, 'I', 'H', 'D', 'R', 0, 0, 1, 0 });
		write(input, "26-cut-in-quotes.csv", HEADER + row(0, "s26", "1.0") + row(1, "s26", "2.0") + t(2) + ",\"s26");
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (OutputStream gzip = new GZIPOutputStream(gzipped)) {
			StringBuilder rows = new StringBuilder(HEADER);
			for (int i = 0; i < 20_000; i++) {
				rows.append(
						String.format("2021-01-02T%02d:%02d:%02d+08:00,s27,%d%n", i / 3600, i / 60 % 60, i % 60, i));
			}
			gzip.write(rows.toString().getBytes(StandardCharsets.UTF_8));
		}
		byte[] whole = gzipped.toByteArray();
		Files.write(input.resolve("27-cut-short.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));

		Path log = dir.resolve("run.log");
		Process run = AppProcess.of("ingest-cli")
			.servers(this.database, this.queue)
			.set("TARGET_FILE_DIR", input.toString())
			.set("PRODUCER_STATE_DIR", dir.resolve("state").toString())
			.set("CSV_TIMEZONE", "Europe/Berlin")
			.set("CONSUMER_REPLICAS", "1")
			.start(log, "run", "--consumer-jar=" + AppProcess.jarPath("consumer-app"));
		assertThat(run.waitFor(180, TimeUnit.SECONDS)).as(() -> AppProcess.read(log)).isTrue();
		this.console = AppProcess.read(log);
		assertThat(run.exitValue()).as("rows were rejected: exit 1\n" + this.console).isEqualTo(1);
		this.rejects = Files.readString(dir.resolve("state").resolve("rejects.tsv"));
	}

	@AfterAll
	void dropAll() throws Exception {
		TestServers.rabbit().deleteTopology(this.queue);
		this.database.close();
	}

	@Test
	void aFileWithoutAHeaderIsSkippedWithWhatItHasInstead() throws Exception {
		assertSkipped("01-missing-header.csv",
				"has header '2021-01-01T00:00:00+08:00,s01,1.0': expected exactly record_time, sensor_id, value");
		assertThat(stored("s01")).isEmpty();
	}

	@Test
	void aHeaderWithAMissingColumnIsSkipped() throws Exception {
		assertSkipped("02-header-missing-column.csv", "has header 'record_time,sensor_id': expected exactly");
		assertThat(stored("s02")).isEmpty();
	}

	@Test
	void aHeaderWithAnExtraColumnIsSkipped() throws Exception {
		assertSkipped("03-header-extra-column.csv", "has header 'record_time,sensor_id,value,unit': expected exactly");
		assertThat(stored("s03")).isEmpty();
	}

	@Test
	void aMisspelledHeaderIsSkipped() throws Exception {
		assertSkipped("04-header-misspelled.csv", "has header 'record_time,sensor,value': expected exactly");
		assertThat(stored("s04")).isEmpty();
	}

	@Test
	void aRowWithTooFewFieldsIsRejectedAndTheOthersStored() throws Exception {
		assertRejected("05-too-few-fields.csv", 3, "has 2 fields, expected 3");
		assertThat(stored("s05")).containsExactly("00:00:00|1.0", "00:00:02|3.0");
	}

	@Test
	void aRowWithTooManyFieldsIsRejectedAndTheOthersStored() throws Exception {
		assertRejected("06-too-many-fields.csv", 3, "has 4 fields, expected 3");
		assertThat(stored("s06")).containsExactly("00:00:00|1.0", "00:00:02|3.0");
	}

	@Test
	void anUnparseableTimeIsRejected() throws Exception {
		assertRejected("07-bad-time.csv", 3, "record_time 'yesterday' is not an ISO-8601 date and time");
		assertThat(stored("s07")).containsExactly("00:00:00|1.0", "00:00:02|3.0");
	}

	@Test
	void aTimeWithoutAnOffsetIsReadInCsvTimezoneAcrossDaylightSaving() throws Exception {
		// Europe/Berlin: +01:00 in January, +02:00 in July
		assertThat(storedInstants("s08")).containsExactly("2020-12-31T23:00:00.000Z|1.0",
				"2021-07-01T10:00:00.500Z|2.0");
		assertThat(this.rejects).doesNotContain("08-no-offset.csv");
	}

	@Test
	void notANumberIsRejected() throws Exception {
		assertRejected("09-nan.csv", 3, "value 'NaN' is not a number");
		assertThat(stored("s09")).containsExactly("00:00:00|1.0");
	}

	@Test
	void infinityIsRejectedEitherWay() throws Exception {
		assertRejected("10-infinity.csv", 3, "value 'Infinity' is not a number");
		assertRejected("10-infinity.csv", 4, "value '-Infinity' is not a number");
		assertThat(stored("s10")).containsExactly("00:00:00|1.0");
	}

	@Test
	void anEmptyValueIsRejected() throws Exception {
		assertRejected("11-empty-value.csv", 3, "value is empty");
		assertThat(stored("s11")).containsExactly("00:00:00|1.0");
	}

	@Test
	void aValueWithAThousandsSeparatorIsRejected() throws Exception {
		assertRejected("12-thousands-separator.csv", 3, "value '1,234.5' is not a number");
		assertThat(stored("s12")).containsExactly("00:00:00|1.0");
	}

	@Test
	void aBlankSensorIdIsRejected() throws Exception {
		assertRejected("13-blank-sensor.csv", 3, "sensor_id is blank");
		assertRejected("13-blank-sensor.csv", 4, "sensor_id is blank");
		assertThat(stored("s13")).containsExactly("00:00:00|1.0");
	}

	@Test
	void aLineOfOneMegabyteIsRejectedAndKeptShortInTheRejectsLog() throws Exception {
		assertRejected("14-long-line.csv", 3, "is longer than 65,536 bytes");
		assertThat(stored("s14")).containsExactly("00:00:00|1.0", "00:00:02|3.0");
		assertThat(this.rejects.length()).isLessThan(100_000);
		assertThat(this.rejects).contains("14-long-line.csv\t3\tis longer than 65,536 bytes\t" + t(1) + ",xxx");
	}

	@Test
	void binaryGarbageIsRejectedAndTheRowsAroundItStored() throws Exception {
		assertThat(this.console).contains("15-binary.csv:3: rejected: ");
		assertThat(this.rejects).contains("15-binary.csv\t3\t");
		assertThat(stored("s15")).containsExactly("00:00:00|1.0", "00:00:02|3.0");
	}

	@Test
	void invalidUtf8IsRejected() throws Exception {
		assertRejected("16-invalid-utf8.csv", 3, "sensor_id is not valid UTF-8");
		assertThat(stored("s16")).containsExactly("00:00:00|1.0", "00:00:02|3.0");
	}

	@Test
	void aByteOrderMarkIsNoProblem() throws Exception {
		assertThat(stored("s17")).containsExactly("00:00:00|1.0");
		assertThat(this.console).doesNotContain("17-bom.csv: skipped");
	}

	@Test
	void crlfLineEndsAreNoProblem() throws Exception {
		assertThat(stored("s18")).containsExactly("00:00:00|1.0", "00:00:01|2.0");
	}

	@Test
	void quotedFieldsKeepTheirDelimitersNewlinesAndQuotes() throws Exception {
		assertThat(stored("s19")).containsExactly("00:00:00|1.0", "00:00:01|2.0", "00:00:02|3.0");
		assertThat(sensorIds("s19")).containsExactlyInAnyOrder("s19,with comma", "s19\nwith newline", "s19 \"quoted\"");
	}

	@Test
	void anEmptyFileIsSkipped() {
		assertSkipped("20-empty.csv", "is empty: expected a header naming record_time, sensor_id, value");
	}

	@Test
	void aHeaderOnlyFileIsPublishedWithNoRows() {
		assertThat(this.console).contains("21-header-only.csv: 0 rows confirmed, 0 rejected");
	}

	@Test
	void aGzippedFileIsReadAsTheRowsItCompressesWithItsRejectsNamed() throws Exception {
		assertThat(stored("s22")).containsExactly("00:00:00|1.0", "00:00:02|3.0");
		assertRejected("22-gzipped.csv.gz", 3, "record_time 'yesterday' is not an ISO-8601 date and time");
	}

	@Test
	void aFileNamedGzThatIsNotGzipIsNamedAndTheOthersGoOn() throws Exception {
		assertThat(this.console).contains("23-not-gzipped.csv.gz: stopped, cannot be read: Not in GZIP format");
		assertThat(stored("s23")).isEmpty();
	}

	@Test
	void aNulByteIsRejectedAndTheRowsAroundItStored() throws Exception {
		assertThat(this.console).contains("24-nul-byte.csv:3: rejected: sensor_id ");
		assertThat(stored("s24")).containsExactly("00:00:00|1.0", "00:00:02|3.0");
	}

	@Test
	void aPngRenamedCsvIsNamedAsNotText() {
		assertSkipped("25-png.csv",
				"is not UTF-8 text (a binary file?): expected a header naming record_time, " + "sensor_id, value");
	}

	@Test
	void aFileCutShortInsideAQuotedFieldKeepsItsRowsAndRejectsTheLastLine() throws Exception {
		assertRejected("26-cut-in-quotes.csv", 4,
				"ends inside a quoted field: the file is cut short, or a quote is not closed");
		assertThat(stored("s26")).containsExactly("00:00:00|1.0", "00:00:01|2.0");
	}

	@Test
	void aGzippedFileCutShortKeepsTheRowsItHoldsAndRejectsTheRest() throws Exception {
		assertThat(this.console).containsPattern(
				"27-cut-short\\.csv\\.gz:\\d+: rejected: cannot be read to its end, so this line and any after it are "
						+ "lost: Unexpected end of ZLIB input stream");
		assertThat(query("s27", "sensor_id")).hasSizeGreaterThan(1000);
	}

	@Test
	void theRunSumsItUpAndNoStackTraceReachesTheConsole() {
		assertThat(this.console).containsPattern("run: [0-9,]+ rows in valid input")
			.doesNotContain("Exception")
			.doesNotContainPattern("\\tat [a-z]");
	}

	private void assertSkipped(String file, String reason) {
		assertThat(this.console).contains(file + ": skipped, " + reason);
	}

	private void assertRejected(String file, int line, String reason) {
		assertThat(this.console).contains(file + ":" + line + ": rejected: " + reason);
		assertThat(this.rejects).contains(file + "\t" + line + "\t" + reason + "\t");
	}

	/** Rows whose sensor id starts with a prefix, as {@code HH:mm:ss|value} in +08:00. */
	private List<String> stored(String prefix) throws Exception {
		return query(prefix, "to_char(record_time AT TIME ZONE 'Asia/Shanghai', 'HH24:MI:SS')");
	}

	/** The same with the instant in UTC. */
	private List<String> storedInstants(String prefix) throws Exception {
		return query(prefix, "to_char(record_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')");
	}

	private List<String> sensorIds(String prefix) throws Exception {
		return query(prefix, "sensor_id").stream().map((row) -> row.substring(0, row.lastIndexOf('|'))).toList();
	}

	private List<String> query(String prefix, String expression) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection connection = this.database.server().connect(this.database.name());
				PreparedStatement sql = connection.prepareStatement(
						"SELECT " + expression + ", value FROM records WHERE sensor_id LIKE ? ORDER BY record_time")) {
			sql.setString(1, prefix + "%");
			try (ResultSet result = sql.executeQuery()) {
				while (result.next()) {
					rows.add(result.getString(1) + "|" + result.getDouble(2));
				}
			}
		}
		return rows;
	}

	private static void write(Path dir, String name, String text) throws Exception {
		Files.writeString(dir.resolve(name), text);
	}

	private static String t(int second) {
		return String.format("2021-01-01T00:00:%02d+08:00", second);
	}

	private static String row(int second, String sensor, String value) {
		return t(second) + "," + sensor + "," + value + "\n";
	}

	/** Random bytes on one line: no line break, no quote, no comma. */
	private static byte[] garbage(int length) {
		SplittableRandom random = new SplittableRandom(15);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		while (bytes.size() < length) {
			int b = random.nextInt(256);
			if (b != '\n' && b != '\r' && b != '"' && b != ',') {
				bytes.write(b);
			}
		}
		return bytes.toByteArray();
	}

}
