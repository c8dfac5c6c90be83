package io.sensoringest.producer.api;

/**
 * How far the broker has confirmed one version of one file.
 *
 * @param path the file's absolute path, the key
 * @param identity the version of the file this applies to
 * @param confirmedLine every valid row up to this line is confirmed (0: none)
 * @param rowsConfirmed how many rows that is
 * @param rowsRejected rows rejected so far
 * @param complete whether every valid row of the file is confirmed
 * @param batchRows {@code PRODUCER_BATCH_ROWS} when this version was first published, 0
 * where a checkpoint of an older producer did not say; kept for the record only. Once
 * small files share messages, a resumed file's rows are cut wherever the other files
 * around it leave room: that is safe, because a segment's id names its exact rows and the
 * ledger counts each row once however its segments were cut (migration V4).
 */
public record FileCheckpoint(String path, FileIdentity identity, long confirmedLine, long rowsConfirmed,
		long rowsRejected, boolean complete, int batchRows) {

	/** A checkpoint that does not say in what size its file is published. */
	public FileCheckpoint(String path, FileIdentity identity, long confirmedLine, long rowsConfirmed, long rowsRejected,
			boolean complete) {
		this(path, identity, confirmedLine, rowsConfirmed, rowsRejected, complete, 0);
	}

	/** A file nothing of which is confirmed yet, to be published in the given size. */
	public static FileCheckpoint start(String path, FileIdentity identity, int batchRows) {
		return new FileCheckpoint(path, identity, 0, 0, 0, false, batchRows);
	}

	/** Returns this checkpoint advanced past a confirmed chunk. */
	public FileCheckpoint confirmed(long lastLine, long rows) {
		return new FileCheckpoint(this.path, this.identity, lastLine, this.rowsConfirmed + rows, this.rowsRejected,
				false, this.batchRows);
	}

	/** Returns this checkpoint with one more rejected row. */
	public FileCheckpoint rejected() {
		return new FileCheckpoint(this.path, this.identity, this.confirmedLine, this.rowsConfirmed,
				this.rowsRejected + 1, false, this.batchRows);
	}

	/** Returns this checkpoint of a file every valid row of which is confirmed. */
	public FileCheckpoint completed(long lastLine, long rejected) {
		return new FileCheckpoint(this.path, this.identity, Math.max(lastLine, this.confirmedLine), this.rowsConfirmed,
				rejected, true, this.batchRows);
	}

}
