package io.sensoringest.cli.status;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

import io.sensoringest.producer.Producer;
import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.FileIdentity;
import io.sensoringest.producer.api.HeaderException;
import io.sensoringest.producer.api.InputFile;

/**
 * What the producer's state and the file itself say about one input file; the ledger and
 * the queue complete the picture.
 *
 * @param file the file
 * @param checkpoint the producer's checkpoint, or {@code null} if the producer that keeps
 * its state here never published the file
 * @param identity the file's identity as it is now, or {@code null} if it cannot be read
 * @param changed whether the file is another version than the one published
 * @param valid valid rows in the file as it is now (-1: unknown)
 * @param rejected rows rejected (-1: unknown)
 * @param problem why the file cannot be read, or {@code null}
 */
record FileFacts(InputFile file, FileCheckpoint checkpoint, FileIdentity identity, boolean changed, long valid,
		long rejected, String problem) {

	/**
	 * Gathers the facts. A file published completely and unchanged since is not read: its
	 * checkpoint knows its rows. Any other is read through, with the producer's own
	 * rules.
	 */
	static FileFacts of(InputFile file, Map<String, FileCheckpoint> checkpoints, char delimiter, ZoneId zone) {
		FileCheckpoint checkpoint = checkpoints.get(file.checkpointKey());
		FileIdentity identity;
		try {
			identity = FileIdentity.of(file);
		}
		catch (IOException ex) {
			return new FileFacts(file, checkpoint, null, false, -1, -1,
					"cannot be read: " + InputFile.whyUnreadable(ex));
		}
		boolean changed = checkpoint != null && !checkpoint.identity().equals(identity);
		if (checkpoint != null && checkpoint.complete() && !changed) {
			return new FileFacts(file, checkpoint, identity, false, checkpoint.rowsConfirmed(),
					checkpoint.rowsRejected(), null);
		}
		Producer.Rows rows;
		try {
			rows = Producer.count(file, delimiter, zone);
		}
		catch (HeaderException ex) {
			return new FileFacts(file, checkpoint, identity, changed, -1, -1, ex.getMessage());
		}
		catch (IOException ex) {
			return new FileFacts(file, checkpoint, identity, changed, -1, -1,
					"cannot be read: " + InputFile.whyUnreadable(ex));
		}
		return new FileFacts(file, checkpoint, identity, changed, rows.valid(), rows.rejected(), null);
	}

	/**
	 * Returns the file's status. A file with no checkpoint here may still have been
	 * published by a producer that keeps its state elsewhere (the compose stack's, in its
	 * volume): the ledger knows its rows by the fingerprint of the file as it is now, the
	 * same wherever the file is seen from, so rows stored count as confirmed.
	 * @param storedByFingerprint rows in the ledger per file fingerprint
	 * @param messagesWaiting whether the work queue holds messages
	 */
	FileStatus status(Map<String, Long> storedByFingerprint, boolean messagesWaiting) {
		FileIdentity published = (this.checkpoint != null) ? this.checkpoint.identity() : this.identity;
		long stored = (published != null) ? storedByFingerprint.getOrDefault(published.fingerprint(), 0L) : 0;
		long confirmed = (this.checkpoint != null) ? this.checkpoint.rowsConfirmed() : stored;
		FileState state;
		if (this.problem != null) {
			state = FileState.UNREADABLE;
		}
		else if (this.checkpoint == null) {
			state = (stored == 0) ? FileState.NOT_PUBLISHED
					: FileState.of(stored >= this.valid, false, confirmed, stored, messagesWaiting);
		}
		else {
			state = FileState.of(this.checkpoint.complete(), this.changed, confirmed, stored, messagesWaiting);
		}
		return new FileStatus(this.file.name(), folder(this.file.path()), this.valid, confirmed, stored, this.rejected,
				state, this.problem);
	}

	private static String folder(Path path) {
		Path parent = path.getParent();
		return (parent != null) ? parent.toString() : ".";
	}

}
