package io.sensoringest.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's peak resident memory ({@code VmHWM} in {@code /proc/<pid>/status}), in MiB;
 * -1 where the system does not tell.
 */
final class PeakRss {

	private PeakRss() {
	}

	static long ofProcess(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux, or the process is gone
		}
		return -1;
	}

	static long ofThisProcess() {
		return ofProcess(ProcessHandle.current().pid());
	}

}
