package io.sensoringest.producer.publish;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import io.sensoringest.producer.publish.Chunk;
import io.sensoringest.producer.checkpoint.CheckpointStore;
import io.sensoringest.producer.checkpoint.FileCheckpoint;

/**
 * Turns confirms, which may come out of order, into a checkpoint that only ever covers an
 * unbroken run of confirmed chunks from the start of the file.
 */
final class FileProgress {

	private final CheckpointStore store;

	private final Map<Long, Chunk> confirmedAhead = new TreeMap<>();

	private FileCheckpoint checkpoint;

	private long nextSequence;

	private IOException saveFailure;

	FileProgress(FileCheckpoint start, CheckpointStore store) {
		this.checkpoint = start;
		this.store = store;
	}

	synchronized void confirmed(Chunk chunk) {
		this.confirmedAhead.put(chunk.sequence(), chunk);
		Chunk next;
		boolean advanced = false;
		while ((next = this.confirmedAhead.remove(this.nextSequence)) != null) {
			this.nextSequence++;
			this.checkpoint = this.checkpoint.confirmed(next.lastLine(), next.rows());
			advanced = true;
		}
		if (advanced) {
			save(this.checkpoint);
		}
	}

	synchronized void rejected() {
		this.checkpoint = this.checkpoint.rejected();
	}

	/** Marks the file done; every chunk must be confirmed by now. */
	synchronized FileCheckpoint complete(long rowsRejected, long lastLine) throws IOException {
		if (!this.confirmedAhead.isEmpty()) {
			throw new IllegalStateException(
					"chunks confirmed out of order were never joined up: " + this.confirmedAhead.keySet());
		}
		this.checkpoint = this.checkpoint.completed(lastLine, rowsRejected);
		save(this.checkpoint);
		if (this.saveFailure != null) {
			throw this.saveFailure;
		}
		return this.checkpoint;
	}

	synchronized FileCheckpoint checkpoint() {
		return this.checkpoint;
	}

	private void save(FileCheckpoint checkpoint) {
		try {
			this.store.save(checkpoint);
		}
		catch (IOException ex) {
			// confirms arrive on the connection's thread: keep the failure for the file's
			// reader
			this.saveFailure = ex;
		}
	}

}
