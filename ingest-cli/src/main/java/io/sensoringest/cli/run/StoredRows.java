package io.sensoringest.cli.run;

import java.io.IOException;
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
import io.sensoringest.producer.checkpoint.CheckpointStore;
import io.sensoringest.producer.checkpoint.FileCheckpoint;
import io.sensoringest.producer.input.InputFile;

/**
 * The one answer to "is every row stored?" that {@code run}, {@code bench} and
 * {@code chaos} share, from what the pipeline records on purpose: the producer's
 * checkpoints say how many rows of each file version the broker confirmed, and the
 * consumers' ledger how many rows of that version (its fingerprint starts every message
 * id) are stored. Every row is stored when, for every file, the ledger holds at least the
 * confirmed rows. A read that fails because PostgreSQL went away closes the connection,
 * and the next one connects again.
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
			Map<String, FileCheckpoint> checkpoints = CheckpointStore.read(this.stateDir);
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
			boolean all = true;
			for (FileCheckpoint checkpoint : published) {
				long ofFile = stored.getOrDefault(checkpoint.identity().fingerprint(), 0L);
				confirmed += checkpoint.rowsConfirmed();
				storedRows += Math.min(ofFile, checkpoint.rowsConfirmed());
				all &= ofFile >= checkpoint.rowsConfirmed();
			}
			return new Count(confirmed, storedRows, all);
		}
		catch (SQLException ex) {
			close();
			throw ex;
		}
	}

	private Map<String, Long> storedByFingerprint(List<FileCheckpoint> published) throws SQLException {
		if (this.connection == null) {
			this.connection = this.database.connect();
		}
		Map<String, Long> stored = new HashMap<>();
		Object[] fingerprints = published.stream().map((c) -> c.identity().fingerprint()).toArray();
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
