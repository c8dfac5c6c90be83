package io.sensoringest.cli.status;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportTests {

	private static final StatusReport.Queues EMPTY = new StatusReport.Queues("records", 0, "records.dlq", 0);

	private static final StatusReport.Table TABLE = new StatusReport.Table(10, 2, 10, List.of());

	@Test
	void aFileIsDoneOnlyWhenCompleteAndEveryConfirmedRowIsStored() {
		assertThat(FileState.of(true, false, 10, 10, false)).isEqualTo(FileState.DONE);
		assertThat(FileState.of(true, false, 0, 0, false)).isEqualTo(FileState.DONE);
		assertThat(FileState.of(true, false, 10, 5, true)).isEqualTo(FileState.IN_FLIGHT);
		assertThat(FileState.of(true, false, 10, 5, false)).isEqualTo(FileState.INCOMPLETE);
		assertThat(FileState.of(false, false, 10, 10, false)).as("the producer stopped early")
			.isEqualTo(FileState.INCOMPLETE);
		assertThat(FileState.of(true, true, 10, 10, false)).isEqualTo(FileState.CHANGED);
	}

	@Test
	void aFewFilesGetALineEachAndTheTotals() {
		StatusReport report = new StatusReport(
				List.of(file("a.csv", "records", 5, 5, FileState.DONE),
						file("b.csv", "records", 5, 3, FileState.IN_FLIGHT)),
				new StatusReport.Queues("records", 1, "records.dlq", 0), TABLE);

		List<String> lines = report.lines(false);

		assertThat(report.allStored()).isFalse();
		assertThat(lines.get(0)).startsWith("FILE ").endsWith("STATE");
		assertThat(lines.get(1)).matches("a\\.csv +5 +5 +5 +0  done");
		assertThat(lines.get(2)).matches("b\\.csv +5 +5 +3 +0  in flight");
		assertThat(lines).contains("2 files: 1 done, 1 in flight; rows: 10 valid, 10 confirmed, 8 stored, 0 rejected",
				"queue records: 1 message ready; dead-letter queue records.dlq: 0 messages",
				"not every valid row is stored: 1 in flight");
	}

	@Test
	void thePartitionsAreSummedUpWithTheNewestListed() {
		List<StatusReport.Partition> partitions = new ArrayList<>();
		for (int hour = 10; hour < 15; hour++) {
			partitions.add(new StatusReport.Partition("records_20210101_" + hour + "0000", "2021-01-01 " + hour + ":00",
					"2021-01-01 " + (hour + 1) + ":00", 360_000, 32 * 1048576L));
		}
		StatusReport report = new StatusReport(List.of(file("a.csv", "records", 5, 5, FileState.DONE)), EMPTY,
				new StatusReport.Table(1_800_000, 5, 1_800_000, partitions));

		List<String> lines = report.lines(false);

		assertThat(lines)
			.contains("partitions of records: 5, from 2021-01-01 10:00 to 2021-01-01 15:00, 160.0 MiB in all");
		assertThat(lines).filteredOn((line) -> line.startsWith("  records_"))
			.hasSize(StatusReport.PARTITIONS_LISTED)
			.last()
			.asString()
			.matches(" +records_20210101_140000 +2021-01-01 14:00 to 2021-01-01 15:00 +360,000 rows +32.0 MiB");
		assertThat(report.lines(true)).filteredOn((line) -> line.startsWith("  records_")).hasSize(5);
	}

	@Test
	void manyFilesAreSummedUpPerFolderWithTheOnesNotDoneListed() {
		List<FileStatus> files = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			files.add(file(i + ".csv", (i < 20) ? "records/a" : "records/b", 1000, 1000, FileState.DONE));
		}
		files.add(file("late.csv", "records/b", 1000, 0, FileState.INCOMPLETE));
		StatusReport report = new StatusReport(files, new StatusReport.Queues("records", 0, "records.dlq", 2), TABLE);

		List<String> lines = report.lines(false);

		assertThat(lines.get(0)).startsWith("FOLDER ").endsWith("STATES");
		assertThat(lines.get(1)).matches("records/a +20 +20,000 +20,000 +20,000 +0  20 done");
		assertThat(lines.get(2)).matches("records/b +11 +11,000 +11,000 +10,000 +0  10 done, 1 incomplete");
		assertThat(lines).contains("files not done:")
			.anyMatch((line) -> line.matches("late\\.csv +1,000 +1,000 +0 +0  incomplete"))
			.contains("not every valid row is stored: 1 incomplete; make dlq-show lists the dead letters");
		assertThat(report.lines(true)).hasSizeGreaterThan(31);
	}

	@Test
	void anUnreadableFileSaysWhyAndCountsAsNotStored() {
		FileStatus unreadable = new FileStatus("x.csv", "records", -1, 0, 0, -1, FileState.UNREADABLE,
				"is empty: expected a header naming record_time, sensor_id, value");
		StatusReport report = new StatusReport(List.of(unreadable), EMPTY, TABLE);

		assertThat(report.allStored()).isFalse();
		assertThat(report.lines(false).get(1)).matches(
				"x\\.csv +\\? +0 +0 +\\?  unreadable: is empty: expected a header naming record_time, sensor_id, value");
	}

	private static FileStatus file(String name, String folder, long rows, long stored, FileState state) {
		return new FileStatus(name, folder, rows, rows, stored, 0, state, null);
	}

}
