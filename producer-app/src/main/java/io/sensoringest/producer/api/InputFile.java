package io.sensoringest.producer.api;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file to publish.
 *
 * @param path where it is
 * @param name how messages, reports and checkpoints name it: its path below the input
 * folder, or as given on the command line
 */
public record InputFile(Path path, String name) {

	/**
	 * Returns why the file could not be read, in words: the runtime's message for a
	 * missing permission is the path alone.
	 */
	public static String whyUnreadable(IOException failure) {
		if (failure instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (failure instanceof NoSuchFileException) {
			return "it is no longer there";
		}
		return failure.getMessage();
	}

	/** The ending of a gzip-compressed input file, after the input extension. */
	public static final String GZIP = ".gz";

	/** Whether the file is gzip-compressed, which its name tells. */
	public boolean compressed() {
		return this.path.getFileName().toString().endsWith(GZIP);
	}

	/** Returns what its checkpoint is filed under: its absolute path. */
	public String checkpointKey() {
		return this.path.toAbsolutePath().normalize().toString();
	}

}
