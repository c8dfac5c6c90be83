package io.sensoringest.cli.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import io.sensoringest.contract.DatabaseSettings;

/**
 * The table as users live with it: {@code records} already holding many earlier rows of
 * the same sensors, which the benchmark loads the data set into a second time. The
 * earlier rows are made by PostgreSQL itself, five seconds apart per sensor, ending just
 * before the data set's first reading; partitions are made for them first, as for the
 * data set. Before each load measured onto them, PostgreSQL writes out what the preload
 * left (a checkpoint), or the load would pay for the preload's writes.
 */
final class GrowthTable {

	private static final String PRELOAD = """
			INSERT INTO records (record_time, sensor_id, value)
			SELECT ?::timestamptz - make_interval(secs => 5 * (n + 1)), sensor, (n % 1000) * 0.25
			FROM unnest(?::text[]) AS sensor, generate_series(0, ? - 1) AS n""";

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private final DatabaseSettings database;

	private final Duration partitionSpan;

	GrowthTable(DatabaseSettings database, Duration partitionSpan) {
		this.database = database;
		this.partitionSpan = partitionSpan;
	}

	/**
	 * Makes the partitions that rows from first to last need, as a user does before a
	 * load of their own.
	 */
	void ensurePartitions(OffsetDateTime first, OffsetDateTime last) throws SQLException {
		try (Connection connection = this.database.connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT records_ensure_partitions(?, ?, make_interval(secs => ?))")) {
			statement.setObject(1, first);
			statement.setObject(2, last);
			statement.setDouble(3, this.partitionSpan.toMillis() / 1e3);
			statement.execute();
		}
	}

	/**
	 * Writes {@code rows} earlier rows, evenly over the sensors, ending five seconds
	 * before {@code before}, and updates the planner's statistics.
	 */
	void preload(List<String> sensors, long rows, OffsetDateTime before) throws SQLException {
		long perSensor = rows / sensors.size();
		ensurePartitions(before.minusSeconds(5 * perSensor), before);
		try (Connection connection = this.database.connect();
				PreparedStatement statement = connection.prepareStatement(PRELOAD)) {
			statement.setObject(1, before);
			statement.setArray(2, connection.createArrayOf("text", sensors.toArray()));
			statement.setLong(3, perSensor);
			statement.executeUpdate();
		}
		execute("VACUUM ANALYZE records");
	}

	/**
	 * Deletes the rows from {@code first} on, the data set's, and vacuums, so that the
	 * next load finds the table as it was after {@link #preload}.
	 */
	void removeFrom(OffsetDateTime first) throws SQLException {
		try (Connection connection = this.database.connect();
				PreparedStatement statement = connection
					.prepareStatement("DELETE FROM records WHERE record_time >= ?")) {
			statement.setObject(1, first);
			statement.executeUpdate();
		}
		execute("TRUNCATE ingest_ledger", "VACUUM records");
	}

	/**
	 * Writes out the dirty pages now ({@code CHECKPOINT}: a superuser, or PostgreSQL 15's
	 * {@code pg_checkpoint} role, which {@code make setup_test_env} grants), so that a
	 * load measured next does not share the disk with the preload's writes.
	 * @return whether the role could
	 */
	boolean checkpoint() throws SQLException {
		try {
			execute("CHECKPOINT");
			return true;
		}
		catch (SQLException ex) {
			if (INSUFFICIENT_PRIVILEGE.equals(ex.getSQLState())) {
				return false;
			}
			throw ex;
		}
	}

	/** Runs statements in one session, each committed on its own (VACUUM needs that). */
	private void execute(String... statements) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
