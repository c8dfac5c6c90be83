package io.sensoringest.cli.status;

/** Where the rows of one input file are, in a word or three. */
public enum FileState {

	/** Every valid row is confirmed by the broker and stored. */
	DONE("done"),

	/**
	 * Not every confirmed row is stored yet, and the work queue still holds messages.
	 */
	IN_FLIGHT("in flight"),

	/**
	 * Rows are missing and nothing waits in the queue that could bring them: the producer
	 * stopped before the end of the file, or messages were lost or dead-lettered.
	 */
	INCOMPLETE("incomplete"),

	/** The file is not the version the producer published. */
	CHANGED("changed since published"),

	/** The producer has not published the file. */
	NOT_PUBLISHED("not published"),

	/** The file cannot be read, or its header is not the expected one. */
	UNREADABLE("unreadable");

	private final String words;

	FileState(String words) {
		this.words = words;
	}

	/**
	 * Decides the state of a file the producer has seen.
	 * @param complete whether the producer published the whole file
	 * @param changed whether the file differs from the version published
	 * @param confirmed rows the broker confirmed
	 * @param stored rows the ledger counts as stored
	 * @param messagesWaiting whether the work queue holds messages
	 */
	static FileState of(boolean complete, boolean changed, long confirmed, long stored, boolean messagesWaiting) {
		if (changed) {
			return CHANGED;
		}
		if (complete && stored >= confirmed) {
			return DONE;
		}
		return messagesWaiting ? IN_FLIGHT : INCOMPLETE;
	}

	@Override
	public String toString() {
		return this.words;
	}

}
