package io.sensoringest.cli.status;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import io.sensoringest.contract.Plural;

/**
 * What {@code make status} prints: a line per file, or per folder when there are many,
 * then the totals, the queues, the table and the verdict.
 *
 * @param files every input file's status
 * @param queues the work queue's and the dead-letter queue's depth
 * @param table what the database says about the table and the ledger
 */
public record StatusReport(List<FileStatus> files, Queues queues, Table table) {

	/** The newest partitions listed unless every one is asked for. */
	static final int PARTITIONS_LISTED = 3;

	/** More files than this are summed up per folder unless every file is asked for. */
	static final int FILES_LISTED = 20;

	private static final String FILE_ROW = "%%-%ds %%12s %%12s %%12s %%10s  %%s";

	private static final String FOLDER_ROW = "%%-%ds %%7s %%12s %%12s %%12s %%10s  %%s";

	/** Returns whether every valid row of every file is stored. */
	public boolean allStored() {
		return this.files.stream().allMatch(FileStatus::done);
	}

	/**
	 * Returns the lines to print.
	 * @param everyFile a line per file however many there are
	 */
	public List<String> lines(boolean everyFile) {
		List<String> lines = new ArrayList<>();
		if (everyFile || this.files.size() <= FILES_LISTED) {
			fileLines(this.files, lines);
		}
		else {
			folderLines(lines);
			List<FileStatus> notDone = this.files.stream().filter((file) -> !file.done()).toList();
			if (!notDone.isEmpty()) {
				lines.add("");
				lines.add("files not done:");
				fileLines(notDone.subList(0, Math.min(FILES_LISTED, notDone.size())), lines);
				if (notDone.size() > FILES_LISTED) {
					lines.add(String.format("... and %,d more (--files lists every file)",
							notDone.size() - FILES_LISTED));
				}
			}
		}
		lines.add("");
		lines.add(String.format("%s: %s; rows: %s valid, %s confirmed, %s stored, %s rejected",
				Plural.of(this.files.size(), "file"), states(this.files), count(sum(this.files, FileStatus::valid)),
				count(sum(this.files, FileStatus::confirmed)), count(sum(this.files, FileStatus::stored)),
				count(sum(this.files, FileStatus::rejected))));
		lines.add(String.format("queue %s: %s ready; dead-letter queue %s: %s", this.queues.queue(),
				Plural.of(this.queues.ready(), "message"), this.queues.deadLetterQueue(),
				Plural.of(this.queues.deadLettered(), "message")));
		lines.add(String.format("table records: %s (PostgreSQL's live-row count, not a scan); ledger: %s, %s stored",
				Plural.of(this.table.liveRows(), "row"), Plural.of(this.table.ledgerMessages(), "message"),
				Plural.of(this.table.ledgerRows(), "row")));
		partitionLines(everyFile, lines);
		lines.add(verdict());
		return lines;
	}

	/**
	 * The partitions of records: how many, the time they cover and their size, then the
	 * newest few (every one with {@code --files}) with their rows and size.
	 */
	private void partitionLines(boolean every, List<String> lines) {
		List<Partition> partitions = this.table.partitions();
		if (partitions.isEmpty()) {
			return;
		}
		lines.add(String.format("partitions of records: %,d, from %s to %s, %s in all", partitions.size(),
				partitions.get(0).from(), partitions.get(partitions.size() - 1).to(),
				mebibytes(partitions.stream().mapToLong(Partition::bytes).sum())));
		int shown = every ? partitions.size() : Math.min(PARTITIONS_LISTED, partitions.size());
		for (Partition partition : partitions.subList(partitions.size() - shown, partitions.size())) {
			lines.add(String.format("  %-26s %s to %s  %12s rows  %10s", partition.name(), partition.from(),
					partition.to(), count(partition.rows()), mebibytes(partition.bytes())));
		}
	}

	private static String mebibytes(long bytes) {
		return String.format("%,.1f MiB", bytes / 1048576.0);
	}

	private String verdict() {
		if (allStored()) {
			return "every valid row of every file is stored";
		}
		StringBuilder verdict = new StringBuilder("not every valid row is stored: ")
			.append(states(this.files.stream().filter((file) -> !file.done()).toList()));
		if (this.queues.deadLettered() > 0) {
			verdict.append("; make dlq-show lists the dead letters");
		}
		return verdict.toString();
	}

	private static void fileLines(List<FileStatus> files, List<String> lines) {
		String row = FILE_ROW.formatted(width(files.stream().map(FileStatus::name).toList(), "FILE"));
		lines.add(String.format(row, "FILE", "VALID", "CONFIRMED", "STORED", "REJECTED", "STATE"));
		for (FileStatus file : files) {
			String state = (file.problem() != null) ? file.state() + ": " + file.problem() : file.state().toString();
			lines.add(String.format(row, file.name(), count(file.valid()), count(file.confirmed()),
					count(file.stored()), count(file.rejected()), state));
		}
	}

	private void folderLines(List<String> lines) {
		Map<String, List<FileStatus>> byFolder = this.files.stream()
			.collect(Collectors.groupingBy(FileStatus::folder, TreeMap::new, Collectors.toList()));
		String row = FOLDER_ROW.formatted(width(List.copyOf(byFolder.keySet()), "FOLDER"));
		lines.add(String.format(row, "FOLDER", "FILES", "VALID", "CONFIRMED", "STORED", "REJECTED", "STATES"));
		byFolder.forEach((folder, files) -> lines.add(String.format(row, folder, String.format("%,d", files.size()),
				count(sum(files, FileStatus::valid)), count(sum(files, FileStatus::confirmed)),
				count(sum(files, FileStatus::stored)), count(sum(files, FileStatus::rejected)), states(files))));
	}

	/** Returns "9 done, 1 in flight", in the order of the states. */
	private static String states(List<FileStatus> files) {
		Map<FileState, Long> counts = files.stream()
			.collect(Collectors.groupingBy(FileStatus::state, () -> new EnumMap<>(FileState.class),
					Collectors.counting()));
		return counts.entrySet()
			.stream()
			.map((entry) -> String.format("%,d %s", entry.getValue(), entry.getKey()))
			.collect(Collectors.joining(", "));
	}

	/** Returns the sum of what is known (an unreadable file's rows are not). */
	private static long sum(List<FileStatus> files, ToLongFunction<FileStatus> part) {
		return files.stream().mapToLong(part).filter((value) -> value >= 0).sum();
	}

	private static String count(long value) {
		return (value >= 0) ? String.format("%,d", value) : "?";
	}

	private static int width(List<String> names, String heading) {
		return Math.min(60, names.stream().mapToInt(String::length).reduce(heading.length(), Math::max));
	}

	/**
	 * The queues' depth.
	 *
	 * @param queue the work queue
	 * @param ready messages ready in it
	 * @param deadLetterQueue the dead-letter queue
	 * @param deadLettered messages in it
	 */
	public record Queues(String queue, long ready, String deadLetterQueue, long deadLettered) {

	}

	/**
	 * What the database says.
	 *
	 * @param liveRows PostgreSQL's count of live rows in {@code records}
	 * @param ledgerMessages messages in the ledger
	 * @param ledgerRows rows of those messages
	 * @param partitions the partitions of {@code records}, oldest first
	 */
	public record Table(long liveRows, long ledgerMessages, long ledgerRows, List<Partition> partitions) {

	}

	/**
	 * One partition of {@code records}.
	 *
	 * @param name its table
	 * @param from the first instant it holds, in UTC
	 * @param to the instant after the last it holds, in UTC
	 * @param rows PostgreSQL's count of its live rows
	 * @param bytes its size on disk, indexes included
	 */
	public record Partition(String name, String from, String to, long rows, long bytes) {

	}

}
