package io.sensoringest.cli.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU seconds spent so far by processes of this machine, read from {@code /proc}: by
 * executable name ({@code beam.smp} for RabbitMQ, {@code postgres} for PostgreSQL), or
 * this process. Each process counts its own time and that of its children it has reaped,
 * so a PostgreSQL backend that ends between two readings is still counted, through the
 * postmaster. Only the difference of two readings means anything.
 */
public final class ProcessCpu {

	/** Linux's clock ticks per second, the unit of {@code /proc/<pid>/stat}. */
	private static final double TICKS_PER_SECOND = 100.0;

	private ProcessCpu() {
	}

	/**
	 * Returns the CPU seconds of every process with this executable name, or {@code NaN}
	 * when none runs on this machine (the server is elsewhere, or this is not Linux).
	 */
	public static double ofCommand(String command) {
		Map<Long, String> stats = statsOf(command);
		if (stats.isEmpty()) {
			return Double.NaN;
		}
		double seconds = 0;
		for (String stat : stats.values()) {
			seconds += seconds(stat, 14, 17);
		}
		return seconds;
	}

	/**
	 * Returns the process ids of every process with this executable name (none where this
	 * is not Linux).
	 */
	public static Set<Long> pidsOf(String command) {
		return statsOf(command).keySet();
	}

	/**
	 * The {@code /proc/<pid>/stat} of every process with this executable name, by process
	 * id; none where there is no {@code /proc}.
	 */
	private static Map<Long, String> statsOf(String command) {
		Map<Long, String> stats = new HashMap<>();
		try (DirectoryStream<Path> pids = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path pid : pids) {
				String stat = read(pid.resolve("stat"));
				if (stat != null && command.equals(command(stat))) {
					stats.put(Long.parseLong(pid.getFileName().toString()), stat);
				}
			}
		}
		catch (IOException ex) {
			// no /proc: not Linux
			return Map.of();
		}
		return stats;
	}

	/**
	 * Returns the CPU seconds of this process and of its children that have ended (the
	 * consumers a pipeline run started).
	 */
	public static double ofThisProcessAndChildren() {
		String stat = read(Path.of("/proc/self/stat"));
		return (stat != null) ? seconds(stat, 14, 17) : Double.NaN;
	}

	/** Returns the CPU seconds of this process alone (utime + stime). */
	public static double ofThisProcess() {
		String stat = read(Path.of("/proc/self/stat"));
		return (stat != null) ? seconds(stat, 14, 15) : Double.NaN;
	}

	/**
	 * Returns the CPU seconds of this process's children that have ended and been waited
	 * for (cutime + cstime): the consumers a run started, once they are stopped.
	 */
	public static double ofEndedChildren() {
		String stat = read(Path.of("/proc/self/stat"));
		return (stat != null) ? seconds(stat, 16, 17) : Double.NaN;
	}

	/** The name between the parentheses, which may itself hold spaces. */
	static String command(String stat) {
		int open = stat.indexOf('(');
		int close = stat.lastIndexOf(')');
		return (open >= 0 && close > open) ? stat.substring(open + 1, close) : "";
	}

	/**
	 * The sum of the fields from {@code first} to {@code last}, numbered as proc(5) does.
	 */
	private static double seconds(String stat, int first, int last) {
		String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// the fields after the name start with the 3rd (state)
		long ticks = 0;
		for (int field = first; field <= last; field++) {
			ticks += Long.parseLong(after[field - 3]);
		}
		return ticks / TICKS_PER_SECOND;
	}

	private static String read(Path stat) {
		try {
			return Files.readString(stat);
		}
		catch (IOException | RuntimeException ex) {
			// the process ended between the listing and the read
			return null;
		}
	}

}
