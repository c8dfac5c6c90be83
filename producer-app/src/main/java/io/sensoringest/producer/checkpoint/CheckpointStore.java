package io.sensoringest.producer.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.FileIdentity;

/**
 * The producer's confirmed progress per file, kept in {@code PRODUCER_STATE_DIR}: a
 * snapshot ({@code checkpoints.tsv}) and a journal ({@code checkpoints.journal}) that
 * every advance is appended to in one write, so a {@code kill -9} loses nothing the
 * broker confirmed before it. Opening replays the journal over the snapshot (the last
 * line for a file wins) and folds it in; closing folds it in again.
 */
public final class CheckpointStore implements AutoCloseable {

	/** The fields of a checkpoint's line. */
	private static final int FIELDS = 9;

	private static final String SNAPSHOT = "checkpoints.tsv";

	private static final String JOURNAL = "checkpoints.journal";

	private final Path dir;

	private final Map<String, FileCheckpoint> checkpoints;

	private FileChannel journal;

	private CheckpointStore(Path dir, Map<String, FileCheckpoint> checkpoints) throws IOException {
		this.dir = dir;
		this.checkpoints = checkpoints;
		compact();
	}

	/** Opens the store in a folder, creating the folder if need be. */
	public static CheckpointStore open(Path dir) throws IOException {
		Files.createDirectories(dir);
		return new CheckpointStore(dir, read(dir));
	}

	/**
	 * Reads the checkpoints in a folder, by path, without changing anything there: a
	 * producer may be writing them at the same time.
	 */
	public static Map<String, FileCheckpoint> read(Path dir) throws IOException {
		Map<String, FileCheckpoint> checkpoints = new TreeMap<>();
		for (String file : new String[] { SNAPSHOT, JOURNAL }) {
			Path path = dir.resolve(file);
			if (Files.exists(path)) {
				for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
					FileCheckpoint checkpoint = fromLine(line);
					if (checkpoint != null) {
						checkpoints.put(checkpoint.path(), checkpoint);
					}
				}
			}
		}
		return checkpoints;
	}

	/**
	 * Returns the files the checkpoints in a folder are kept in, whether they exist or
	 * not: a reader that sees neither change need not read them again.
	 */
	public static List<Path> files(Path dir) {
		return List.of(dir.resolve(SNAPSHOT), dir.resolve(JOURNAL));
	}

	/** Returns the checkpoint of a file, if it has one. */
	public synchronized Optional<FileCheckpoint> get(String path) {
		return Optional.ofNullable(this.checkpoints.get(path));
	}

	/** Returns every checkpoint, by path. */
	public synchronized Map<String, FileCheckpoint> all() {
		return new TreeMap<>(this.checkpoints);
	}

	/** Records a checkpoint, replacing the file's previous one. */
	public synchronized void save(FileCheckpoint checkpoint) throws IOException {
		saveAll(List.of(checkpoint));
	}

	/**
	 * Records several checkpoints in one write. They are taken from the iterable while
	 * the store is held, so a lazy view of each file's latest checkpoint is never written
	 * after a newer one of the same file.
	 */
	public synchronized void saveAll(Iterable<FileCheckpoint> latest) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (FileCheckpoint checkpoint : latest) {
			this.checkpoints.put(checkpoint.path(), checkpoint);
			lines.append(toLine(checkpoint));
		}
		ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
		while (bytes.hasRemaining()) {
			this.journal.write(bytes);
		}
	}

	@Override
	public synchronized void close() throws IOException {
		compact();
		this.journal.close();
	}

	private void compact() throws IOException {
		Path snapshot = this.dir.resolve(SNAPSHOT);
		Path part = this.dir.resolve(SNAPSHOT + ".part");
		StringBuilder text = new StringBuilder();
		this.checkpoints.values().forEach((checkpoint) -> text.append(toLine(checkpoint)));
		Files.writeString(part, text, StandardCharsets.UTF_8);
		try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		Files.move(part, snapshot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		if (this.journal != null) {
			this.journal.close();
		}
		this.journal = FileChannel.open(this.dir.resolve(JOURNAL), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
	}

	/** A checkpoint's line in the state file. */
	static String toLine(FileCheckpoint checkpoint) {
		FileIdentity identity = checkpoint.identity();
		return Tsv.line(checkpoint.path(), identity.size(), identity.modifiedMillis(), identity.fingerprint(),
				checkpoint.confirmedLine(), checkpoint.rowsConfirmed(), checkpoint.rowsRejected(),
				checkpoint.complete(), checkpoint.batchRows());
	}

	/**
	 * Reads a line back; {@code null} for a line that is not whole (a write cut short).
	 */
	static FileCheckpoint fromLine(String line) {
		String[] f = line.split("\t", -1);
		// an older producer's lines end after the eighth field
		if ((f.length != FIELDS && f.length != FIELDS - 1) || !(f[7].equals("true") || f[7].equals("false"))) {
			return null;
		}
		try {
			return new FileCheckpoint(Tsv.unescape(f[0]),
					new FileIdentity(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]), Long.parseLong(f[4]),
					Long.parseLong(f[5]), Long.parseLong(f[6]), Boolean.parseBoolean(f[7]),
					(f.length == FIELDS) ? Integer.parseInt(f[8]) : 0);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
