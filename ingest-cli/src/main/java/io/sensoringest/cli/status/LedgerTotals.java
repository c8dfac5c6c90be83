package io.sensoringest.cli.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database says is stored, without reading {@code records} row by row: the
 * ledger's rows per file fingerprint (the part of a message id before the colon), and
 * PostgreSQL's own count of the table's live rows.
 *
 * @param storedByFingerprint rows stored per file fingerprint
 * @param messages messages in the ledger
 * @param rows rows of those messages
 * @param liveRows live rows in {@code records} by PostgreSQL's statistics, over its
 * partitions
 * @param partitions the partitions of {@code records}, oldest first
 */
record LedgerTotals(Map<String, Long> storedByFingerprint, long messages, long rows, long liveRows,
		List<StatusReport.Partition> partitions) {

	/**
	 * Each row counted once however the messages that carried it were cut (migration V4).
	 */
	private static final String PER_FILE = "SELECT fingerprint, messages, stored_rows FROM ingest_stored_rows(NULL)";

	private static final String LIVE_ROWS = """
			SELECT coalesce(sum(n_live_tup), 0) FROM pg_stat_user_tables
			WHERE relid = to_regclass('records')
			   OR relid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass('records'))""";

	/** The partitions, through migration V3's function (none before it). */
	private static final String PARTITIONS = """
			SELECT p.partition::text, to_char(p.from_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'),
			       to_char(p.to_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), coalesce(s.n_live_tup, 0),
			       pg_total_relation_size(p.partition)
			FROM records_partitions() p LEFT JOIN pg_stat_user_tables s ON s.relid = p.partition
			ORDER BY p.from_time""";

	private static boolean hasPartitions(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT to_regprocedure('records_partitions()') IS NOT NULL")) {
			return result.next() && result.getBoolean(1);
		}
	}

	/** Reads the totals. */
	static LedgerTotals read(Connection connection) throws SQLException {
		Map<String, Long> stored = new HashMap<>();
		long messages = 0;
		long rows = 0;
		try (Statement statement = connection.createStatement()) {
			try (ResultSet result = statement.executeQuery(PER_FILE)) {
				while (result.next()) {
					stored.put(result.getString(1), result.getLong(3));
					messages += result.getLong(2);
					rows += result.getLong(3);
				}
			}
			long liveRows;
			try (ResultSet result = statement.executeQuery(LIVE_ROWS)) {
				result.next();
				liveRows = result.getLong(1);
			}
			List<StatusReport.Partition> partitions = new ArrayList<>();
			if (hasPartitions(statement)) {
				try (ResultSet result = statement.executeQuery(PARTITIONS)) {
					while (result.next()) {
						partitions.add(new StatusReport.Partition(result.getString(1), result.getString(2),
								result.getString(3), result.getLong(4), result.getLong(5)));
					}
				}
			}
			return new LedgerTotals(stored, messages, rows, liveRows, partitions);
		}
	}

}
