package io.sensoringest.producer.publish;

import java.util.Map;
import java.util.TreeMap;

import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.publish.Chunk.Segment;

/**
 * One file of a run, from its checkpoint to its end. On its reader's thread it names each
 * segment of the file that is packed into a message (where its rows start among the
 * file's valid rows, its place in the run); on the connection's thread it turns the
 * broker's confirms, which may come out of order, into a checkpoint that only ever covers
 * an unbroken run of confirmed segments from the start of the file. The file is complete
 * once it is read to its end and every segment of it is confirmed, whichever comes last:
 * the call that completes it says so, once.
 */
final class FileProgress {

	private final InputFile file;

	private final Map<Long, Segment> confirmedAhead = new TreeMap<>();

	private FileCheckpoint checkpoint;

	private long nextConfirmed;

	private long segmentsPacked;

	/** The file's valid rows before the next segment packed. */
	private long rowsPacked;

	private boolean readToEnd;

	private long endRejected;

	private long endLine;

	FileProgress(InputFile file, FileCheckpoint start) {
		this.file = file;
		this.checkpoint = start;
		this.rowsPacked = start.rowsConfirmed();
	}

	InputFile file() {
		return this.file;
	}

	/** Names the next segment of the file packed into a message. */
	synchronized Segment segment(long firstLine, int rows, long lastLine) {
		ChunkMetadata metadata = ChunkMetadata.of(this.checkpoint.identity().fingerprint(), this.file.name(), firstLine,
				rows, this.rowsPacked);
		this.rowsPacked += rows;
		return new Segment(this, metadata, this.segmentsPacked++, lastLine);
	}

	/**
	 * Takes in a confirmed segment.
	 * @return whether it completed the file
	 */
	synchronized boolean confirmed(Segment segment) {
		this.confirmedAhead.put(segment.sequence(), segment);
		Segment next;
		while ((next = this.confirmedAhead.remove(this.nextConfirmed)) != null) {
			this.nextConfirmed++;
			this.checkpoint = this.checkpoint.confirmed(next.lastLine(), next.rows());
		}
		return completeIfDone();
	}

	/** Counts a rejected row past the checkpoint. */
	synchronized void rejected() {
		this.checkpoint = this.checkpoint.rejected();
	}

	/**
	 * Notes that the file is read to its end and every segment of it packed.
	 * @param rowsRejected the file's rejected rows, all of them
	 * @param lastLine its last line
	 * @return whether that completed it: every segment was confirmed already
	 */
	synchronized boolean readToEnd(long rowsRejected, long lastLine) {
		this.readToEnd = true;
		this.endRejected = rowsRejected;
		this.endLine = lastLine;
		return completeIfDone();
	}

	private boolean completeIfDone() {
		if (!this.readToEnd || this.checkpoint.complete() || this.nextConfirmed < this.segmentsPacked) {
			return false;
		}
		this.checkpoint = this.checkpoint.completed(this.endLine, this.endRejected);
		return true;
	}

	synchronized FileCheckpoint checkpoint() {
		return this.checkpoint;
	}

}
