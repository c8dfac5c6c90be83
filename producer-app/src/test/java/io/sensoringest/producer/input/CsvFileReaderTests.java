package io.sensoringest.producer.input;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import io.sensoringest.contract.SensorRecord;
import io.sensoringest.producer.api.HeaderException;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.input.CsvFileReader.Rejected;
import io.sensoringest.producer.input.CsvFileReader.Row;
import io.sensoringest.producer.input.CsvFileReader.Valid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvFileReaderTests {

	@TempDir
	Path dir;

	@Test
	void readsRowsWithTheLineTheyStartOn() throws IOException {
		List<Row> rows = read("record_time,sensor_id,value\r\n" + "2021-01-01T00:00:00Z,a,1\r\n" + "\r\n"
				+ "2021-01-01T00:00:01Z,\"b,\"\"quoted\"\"\",2\r\n" + "2021-01-01T00:00:02Z,\"multi\nline\",3\n"
				+ "2021-01-01T00:00:03Z,d,4");

		assertThat(rows).extracting(Row::line).containsExactly(2L, 4L, 5L, 7L);
		assertThat(rows).allMatch((r) -> r instanceof Valid);
		assertThat(((Valid) rows.get(1)).record().sensorId()).isEqualTo("b,\"quoted\"");
		assertThat(((Valid) rows.get(2)).record().sensorId()).isEqualTo("multi\nline");
	}

	@Test
	void readsAGzippedFileAsTheRowsItCompresses() throws IOException {
		String text = "record_time,sensor_id,value\n2021-01-01T00:00:00Z,a,1\n2021-01-01T00:00:01Z,a,2\n";
		Path file = this.dir.resolve("rows.csv.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}

		List<Row> rows = new ArrayList<>();
		try (CsvFileReader reader = CsvFileReader.open(new InputFile(file, "rows.csv.gz"), ',',
				new RowParser(ZoneOffset.UTC))) {
			for (Row row = reader.next(); row != null; row = reader.next()) {
				rows.add(kept(row));
			}
		}

		assertThat(rows).extracting(Row::line).containsExactly(2L, 3L);
		assertThat(rows).extracting((row) -> ((Valid) row).record().value()).containsExactly(1.0, 2.0);
	}

	@Test
	void aGzipNameOnAFileThatIsNotGzipIsAnErrorThatSaysSo() throws IOException {
		Path file = Files.writeString(this.dir.resolve("plain.csv.gz"), "record_time,sensor_id,value\n");

		assertThatThrownBy(
				() -> CsvFileReader.open(new InputFile(file, "plain.csv.gz"), ',', new RowParser(ZoneOffset.UTC)))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("GZIP");
	}

	@Test
	void acceptsColumnsInAnyOrderWithBlanksAndByteOrderMark() throws IOException {
		List<Row> rows = read("\uFEFF value , Sensor_ID ,record_time\n0.5,s,2021-01-01T00:00:00Z\n");

		assertThat(((Valid) rows.get(0)).record().value()).isEqualTo(0.5);
		assertThat(((Valid) rows.get(0)).record().sensorId()).isEqualTo("s");
	}

	@Test
	void rejectsRowsWithTooFewOrTooManyFieldsKeepingTheirText() throws IOException {
		List<Row> rows = read(
				"record_time,sensor_id,value\n2021-01-01T00:00:00Z,a\n2021-01-01T00:00:00Z,a,1,2\nx,y,z\n");

		assertThat(rows).containsExactly(new Rejected(2, "has 2 fields, expected 3", "2021-01-01T00:00:00Z,a"),
				new Rejected(3, "has 4 fields, expected 3", "2021-01-01T00:00:00Z,a,1,2"),
				new Rejected(4, "record_time 'x' is not an ISO-8601 date and time", "x,y,z"));
	}

	@Test
	void readsInvalidUtf8AsReplacementWhichTheRulesReject() throws IOException {
		Path file = this.dir.resolve("bad.csv");
		byte[] header = "record_time,sensor_id,value\n2021-01-01T00:00:00Z,".getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ",1\n2021-01-01T00:00:01Z,ok,2\n".getBytes(StandardCharsets.US_ASCII);
		Files.write(file, concat(header, new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF }, tail));

		List<Row> rows = read(file);

		assertThat(rows.get(0)).isInstanceOfSatisfying(Rejected.class,
				(r) -> assertThat(r.reason()).isEqualTo("sensor_id is not valid UTF-8"));
		assertThat(rows.get(1)).isInstanceOf(Valid.class);
	}

	@Test
	void rejectsHeadersThatDoNotNameExactlyTheThreeColumns() {
		assertHeaderRejected("", "is empty: expected a header naming record_time, sensor_id, value");
		assertHeaderRejected("2021-01-01T00:00:00Z,a,1\n", "has header '2021-01-01T00:00:00Z,a,1'");
		assertHeaderRejected("record_time,sensor_id\n", "has header 'record_time,sensor_id'");
		assertHeaderRejected("record_time,sensor_id,value,unit\n", "has header 'record_time,sensor_id,value,unit'");
		assertHeaderRejected("record_time,sensorid,value\n", "has header 'record_time,sensorid,value'");
		assertHeaderRejected("record_time,sensor_id,sensor_id\n", "has header 'record_time,sensor_id,sensor_id'");
	}

	@Test
	void headerOnlyFileHasNoRows() throws IOException {
		assertThat(read("record_time,sensor_id,value\r\n")).isEmpty();
	}

	@Test
	void aFileCutShortInsideAQuotedFieldKeepsTheRowsBeforeAndRejectsTheLastWithItsLine() throws IOException {
		List<Row> rows = read("record_time,sensor_id,value\n2021-01-01T00:00:00Z,a,1\n2021-01-01T00:00:01Z,\"open,1\n");

		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).isInstanceOf(Valid.class);
		assertThat(rows.get(1))
			.isEqualTo(new Rejected(3, "ends inside a quoted field: the file is cut short, or a quote is not closed",
					"2021-01-01T00:00:01Z,\"open,1\n"));
	}

	@Test
	void aRecordLongerThanTheLimitIsRejectedWithoutBeingHeldAndTheLinesAfterKeepTheirNumbers() throws IOException {
		List<Row> rows = read("record_time,sensor_id,value\n2021-01-01T00:00:00Z,a,1\n2021-01-01T00:00:01Z,"
				+ "y".repeat(3 * CsvFileReader.LIMIT) + ",1\n2021-01-01T00:00:02Z,b,3\n");

		assertThat(rows).hasSize(3);
		assertThat(rows.get(0)).isInstanceOf(Valid.class);
		assertThat(rows.get(1))
			.isEqualTo(new Rejected(3, "is longer than 65,536 bytes", "2021-01-01T00:00:01Z," + "y".repeat(200 - 21)));
		assertThat(rows.get(2)).isInstanceOf(Valid.class).extracting(Row::line).isEqualTo(4L);
	}

	@Test
	void aQuotedFieldWithLineBreaksLongerThanTheLimitIsRejectedAtItsFirstLine() throws IOException {
		List<Row> rows = read(
				"record_time,sensor_id,value\n2021-01-01T00:00:00Z,\"" + "x\n".repeat(CsvFileReader.LIMIT) + "\",1\n");

		assertThat(rows.get(0)).extracting(Row::line, (row) -> ((Rejected) row).reason())
			.containsExactly(2L, "is longer than 65,536 bytes");
		assertThat(rows).as("past the limit the reader starts again at the next line: no row is valid")
			.noneMatch((row) -> row instanceof Valid);
	}

	@Test
	void aQuoteInsideAnUnquotedFieldIsACharacterAndQuotedFieldsStillHoldEscapedQuotesAndLineBreaks()
			throws IOException {
		List<Row> rows = read("record_time,sensor_id,value\n2021-01-01T00:00:00Z,pipe 5\" wide,1\n"
				+ "2021-01-01T00:00:01Z,\"say \"\"hi\"\",\nthere\",2\n2021-01-01T00:00:02Z,c,3\n");

		assertThat(rows).allMatch((row) -> row instanceof Valid).extracting(Row::line).containsExactly(2L, 3L, 5L);
		assertThat(((Valid) rows.get(0)).record().sensorId()).isEqualTo("pipe 5\" wide");
		assertThat(((Valid) rows.get(1)).record().sensorId()).isEqualTo("say \"hi\",\nthere");
	}

	@Test
	void aNulByteIsRejectedAndTheRowsAroundItStand() throws IOException {
		List<Row> rows = read("record_time,sensor_id,value\n2021-01-01T00:00:00Z,a,1\n"
				+ "2021-01-01T00:00:01Z,a\u0000b,2\n2021-01-01T00:00:02Z,a,3\n");

		assertThat(rows).extracting(Row::getClass).containsExactly(Valid.class, Rejected.class, Valid.class);
		assertThat(((Rejected) rows.get(1)).reason()).contains("control character");
	}

	@Test
	void aRecordThatIsNotCsvIsRejectedAndTheRowsAroundItStand() throws IOException {
		List<Row> rows = read("record_time,sensor_id,value\n2021-01-01T00:00:00Z,a,1\n"
				+ "2021-01-01T00:00:01Z,\"a\"b,2\n2021-01-01T00:00:02Z,a,3\n");

		assertThat(rows).extracting(Row::getClass).containsExactly(Valid.class, Rejected.class, Valid.class);
		assertThat(rows).extracting(Row::line).containsExactly(2L, 3L, 4L);
		assertThat(((Rejected) rows.get(1)).reason()).startsWith("cannot be parsed as CSV: ");
		assertThat(((Rejected) rows.get(1)).text()).isEqualTo("2021-01-01T00:00:01Z,\"a\"b,2");
	}

	@Test
	void aPlainLineIsHandedOnAsTheFileWroteItAndAnyOtherIsWrittenAgainInTheWireFormat() throws IOException {
		List<Row> rows = read("record_time,sensor_id,value\n2021-01-01T00:00:00.25+02:00,a-1,+1.50\n"
				+ "2021-01-01 00:00:01Z,b,2\n 2021-01-01T00:00:02Z ,c,3\n2021-01-01T00:00:03,d,4\n"
				+ "2021-01-01T00:00:04Z,\"e\",5\n2021-01-01T00:00:05Z,f,1e3\n");

		assertThat(rows).extracting(CsvFileReaderTests::wire)
			.containsExactly("2021-01-01T00:00:00.25+02:00,a-1,+1.50", "2021-01-01T00:00:01Z,b,2.0",
					"2021-01-01T00:00:02Z,c,3.0", "2021-01-01T00:00:03Z,d,4.0", "2021-01-01T00:00:04Z,e,5.0",
					"2021-01-01T00:00:05Z,f,1000.0");
		assertThat(((Valid) rows.get(0)).record())
			.isEqualTo(new SensorRecord(OffsetDateTime.parse("2021-01-01T00:00:00.25+02:00"), "a-1", 1.5));
	}

	@Test
	void plainFieldsInAnotherOrderOrWithAnotherDelimiterAreJoinedInTheWireOrder() throws IOException {
		Path file = Files.writeString(this.dir.resolve("semicolons.csv"),
				"value;sensor_id;record_time\n1.5;a,b;2021-01-01T00:00:00Z\n2;c;2021-01-01T00:00:01Z\n");
		List<Row> rows = new ArrayList<>();
		try (CsvFileReader reader = CsvFileReader.open(new InputFile(file, "semicolons.csv"), ';',
				new RowParser(ZoneOffset.UTC))) {
			for (Row row = reader.next(); row != null; row = reader.next()) {
				rows.add(kept(row));
			}
		}

		assertThat(rows).extracting((row) -> ((Valid) row).record().sensorId()).containsExactly("a,b", "c");
		assertThat(wire(rows.get(1))).isEqualTo("2021-01-01T00:00:01Z,c,2");
	}

	@Test
	void aGzipFileCutShortKeepsTheRowsItHoldsAndRejectsTheRest() throws IOException {
		StringBuilder text = new StringBuilder("record_time,sensor_id,value\n");
		for (int i = 0; i < 20_000; i++) {
			text.append("2021-01-01T00:00:00Z,s").append(i).append(',').append(i).append('\n');
		}
		Path whole = this.dir.resolve("whole.csv.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
			out.write(text.toString().getBytes(StandardCharsets.UTF_8));
		}
		byte[] bytes = Files.readAllBytes(whole);
		Path cut = Files.write(this.dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

		List<Row> rows = read(cut);

		Row last = rows.get(rows.size() - 1);
		assertThat(rows.subList(0, rows.size() - 1)).allMatch((row) -> row instanceof Valid).hasSizeGreaterThan(1000);
		assertThat(((Rejected) last).reason())
			.startsWith("cannot be read to its end, so this line and any after it are lost: ")
			.contains("Unexpected end of ZLIB input stream");
		assertThat(last.line()).isEqualTo(rows.size() + 1);
	}

	@Test
	void aBinaryFileIsNamedAsNotText() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' };
		assertThatThrownBy(() -> read(Files.write(this.dir.resolve("image.csv"), png)))
			.isInstanceOf(HeaderException.class)
			.hasMessageStartingWith("is not UTF-8 text (a binary file?)");
	}

	/** The row with its own copy of a valid row's text, which the reader reuses. */
	private static Row kept(Row row) {
		if (row instanceof Valid valid) {
			return new Valid(valid.line(),
					java.util.Arrays.copyOfRange(valid.bytes(), valid.offset(), valid.offset() + valid.length()), 0,
					valid.length());
		}
		return row;
	}

	/** A valid row's text. */
	private static String wire(Row row) {
		Valid valid = (Valid) row;
		return new String(valid.bytes(), valid.offset(), valid.length(), StandardCharsets.UTF_8);
	}

	private void assertHeaderRejected(String text, String message) {
		assertThatThrownBy(() -> read(text)).isInstanceOf(HeaderException.class).hasMessageStartingWith(message);
	}

	private List<Row> read(String text) throws IOException {
		Path file = this.dir.resolve("f" + System.nanoTime() + ".csv");
		Files.writeString(file, text);
		return read(file);
	}

	private static List<Row> read(Path file) throws IOException {
		List<Row> rows = new ArrayList<>();
		try (CsvFileReader reader = CsvFileReader.open(new InputFile(file, file.getFileName().toString()), ',',
				new RowParser(ZoneOffset.UTC))) {
			Row row;
			while ((row = reader.next()) != null) {
				rows.add(kept(row));
			}
		}
		return rows;
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

}
