package io.sensoringest.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.producer.Producer;
import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.InputFile;

/**
 * The one answer to "is every row stored?" that {@code run}, {@code bench} and
 * {@code chaos} share, from what the pipeline records on purpose: the producer's
 * checkpoints say how many rows of each file version the broker confirmed, and the
 * consumers' ledger how many rows of that version (its fingerprint starts every message
 * id) are stored. Every row is stored when, for every file, the ledger holds at least the
 * confirmed rows. A read that fails because PostgreSQL went away closes the connection,
 * and the next one connects again. Asked every 100 ms while the last rows of thousands of
 * files are stored, it reads the checkpoints again only when their files changed, and
 * asks the ledger only about the files not known to be stored: rows in the ledger only
 * ever grow.
 */
public final class StoredRows implements AutoCloseable {

	/**
	 * Each row counted once however the messages that carried it were cut (migration V4).
	 */
	private static final String STORED = "SELECT fingerprint, stored_rows FROM ingest_stored_rows(?)";

	/** PostgreSQL's SQLSTATE for a table that does not exist. */
	static final String UNDEFINED_TABLE = "42P01";

	/** PostgreSQL's SQLSTATE for a function that does not exist. */
	static final String UNDEFINED_FUNCTION = "42883";

	private final DatabaseSettings database;

	private final Path stateDir;

	private final List<String> checkpointKeys;

	private Connection connection;

	/** The checkpoints as last read, and the sizes and times of their files then. */
	private Map<String, FileCheckpoint> checkpoints;

	private List<Object> checkpointStamp;

	/** Stored rows by fingerprint, as last asked: they only ever grow. */
	private final Map<String, Long> storedKnown = new HashMap<>();

	/**
	 * The checkpoints of the files the last count found short of their confirmed rows.
	 */
	private List<FileCheckpoint> behind = List.of();

	/**
	 * Prepares to count the rows of the given files.
	 * @param stateDir the producer's state folder, where its checkpoints are
	 */
	public StoredRows(DatabaseSettings database, Path stateDir, List<InputFile> files) {
		this.database = database;
		this.stateDir = stateDir;
		this.checkpointKeys = files.stream().map(InputFile::checkpointKey).toList();
	}

	/**
	 * Counts the rows confirmed and stored now.
	 * @throws SQLException if PostgreSQL cannot be asked
	 * @throws IOException if the checkpoints cannot be read
	 */
	public Count count() throws SQLException, IOException {
		try {
			Map<String, FileCheckpoint> checkpoints = checkpoints();
			List<FileCheckpoint> published = new ArrayList<>();
			for (String key : this.checkpointKeys) {
				FileCheckpoint checkpoint = checkpoints.get(key);
				if (checkpoint != null) {
					published.add(checkpoint);
				}
			}
			Map<String, Long> stored = storedByFingerprint(published);
			long confirmed = 0;
			long storedRows = 0;
			List<FileCheckpoint> behind = new ArrayList<>();
			for (FileCheckpoint checkpoint : published) {
				long ofFile = stored.getOrDefault(checkpoint.identity().fingerprint(), 0L);
				confirmed += checkpoint.rowsConfirmed();
				storedRows += Math.min(ofFile, checkpoint.rowsConfirmed());
				if (ofFile < checkpoint.rowsConfirmed()) {
					behind.add(checkpoint);
				}
			}
			this.behind = behind;
			return new Count(confirmed, storedRows, behind.isEmpty());
		}
		catch (SQLException ex) {
			close();
			throw ex;
		}
	}

	private Map<String, FileCheckpoint> checkpoints() throws IOException {
		List<Object> stamp = new ArrayList<>();
		try {
			for (Path file : Producer.checkpointFiles(this.stateDir)) {
				stamp.add(Files.exists(file) ? List.of(Files.size(file), Files.getLastModifiedTime(file)) : "none");
			}
		}
		catch (IOException ex) {
			// the producer is folding its journal in: read them anew
			stamp = null;
		}
		if (stamp == null || !stamp.equals(this.checkpointStamp)) {
			this.checkpoints = Producer.published(this.stateDir);
			this.checkpointStamp = stamp;
		}
		return this.checkpoints;
	}

	/**
	 * Returns the stored rows of each published file version: asks the ledger about those
	 * not known to hold every confirmed row.
	 */
	private Map<String, Long> storedByFingerprint(List<FileCheckpoint> published) throws SQLException {
		Object[] fingerprints = published.stream()
			.filter((c) -> this.storedKnown.getOrDefault(c.identity().fingerprint(), -1L) < c.rowsConfirmed())
			.map((c) -> c.identity().fingerprint())
			.distinct()
			.toArray();
		if (fingerprints.length > 0) {
			Map<String, Long> answered = ask(fingerprints);
			for (Object fingerprint : fingerprints) {
				// a version with no row in the ledger has none stored
				this.storedKnown.put((String) fingerprint, answered.getOrDefault(fingerprint, 0L));
			}
		}
		return this.storedKnown;
	}

	private Map<String, Long> ask(Object[] fingerprints) throws SQLException {
		if (this.connection == null) {
			this.connection = this.database.connect();
		}
		Map<String, Long> stored = new HashMap<>();
		try (PreparedStatement query = this.connection.prepareStatement(STORED)) {
			Array array = this.connection.createArrayOf("text", fingerprints);
			query.setArray(1, array);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					stored.put(result.getString(1), result.getLong(2));
				}
			}
		}
		catch (SQLException ex) {
			// no ledger yet: the consumers, which apply the migrations, are still
			// starting
			if (UNDEFINED_TABLE.equals(ex.getSQLState()) || UNDEFINED_FUNCTION.equals(ex.getSQLState())) {
				return Map.of();
			}
			throw ex;
		}
		return stored;
	}

	/**
	 * Returns the files the last {@link #count()} found short of their confirmed rows,
	 * one line each (at most {@code limit}): what a run that waits in vain names.
	 */
	public List<String> behind(int limit) {
		return this.behind.stream()
			.limit(limit)
			.map((checkpoint) -> String.format("%s: %,d of %,d confirmed rows stored (%s)", checkpoint.path(),
					this.storedKnown.getOrDefault(checkpoint.identity().fingerprint(), 0L), checkpoint.rowsConfirmed(),
					checkpoint.complete() ? "published whole" : "publishing"))
			.toList();
	}

	@Override
	public void close() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// gone already
			}
			this.connection = null;
		}
	}

	/**
	 * The rows of the files, as the checkpoints and the ledger count them.
	 *
	 * @param confirmed rows the broker confirmed
	 * @param stored of those, rows the ledger holds
	 * @param all whether the ledger holds every confirmed row of every file
	 */
	public record Count(long confirmed, long stored, boolean all) {

	}

}
