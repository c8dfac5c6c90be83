package io.sensoringest.cli.status;

/**
 * One input file's line in the status.
 *
 * @param name the file, as the producer names it
 * @param folder the folder it is in, for the summary
 * @param valid valid rows in the file as it is now (-1: unknown)
 * @param confirmed rows of the published version the broker confirmed
 * @param stored rows of the published version the ledger counts as stored
 * @param rejected rows rejected (-1: unknown)
 * @param state the verdict
 * @param problem why the file is unreadable, or {@code null}
 */
public record FileStatus(String name, String folder, long valid, long confirmed, long stored, long rejected,
		FileState state, String problem) {

	/** Returns whether every valid row of the file is stored. */
	public boolean done() {
		return this.state == FileState.DONE;
	}

}
