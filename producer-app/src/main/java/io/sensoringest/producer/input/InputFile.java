package io.sensoringest.producer.input;

import java.nio.file.Path;

/**
 * A file to publish.
 *
 * @param path where it is
 * @param name how messages, reports and checkpoints name it: its path below the input
 * folder, or as given on the command line
 */
public record InputFile(Path path, String name) {

	/** Returns what its checkpoint is filed under: its absolute path. */
	public String checkpointKey() {
		return this.path.toAbsolutePath().normalize().toString();
	}

}
