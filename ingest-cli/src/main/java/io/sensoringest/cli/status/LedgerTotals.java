package io.sensoringest.cli.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What the database says is stored, without reading {@code records} row by row: the
 * ledger's rows per file fingerprint (the part of a message id before the colon), and
 * PostgreSQL's own count of the table's live rows.
 *
 * @param storedByFingerprint rows stored per file fingerprint
 * @param messages messages in the ledger
 * @param rows rows of those messages
 * @param liveRows live rows in {@code records} by PostgreSQL's statistics
 */
record LedgerTotals(Map<String, Long> storedByFingerprint, long messages, long rows, long liveRows) {

	private static final String PER_FILE = """
			SELECT split_part(message_id, ':', 1), count(*), sum(row_count)
			FROM ingest_ledger GROUP BY 1""";

	private static final String LIVE_ROWS = """
			SELECT coalesce(sum(n_live_tup), 0) FROM pg_stat_user_tables
			WHERE relid = to_regclass('records')""";

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
			try (ResultSet result = statement.executeQuery(LIVE_ROWS)) {
				result.next();
				return new LedgerTotals(stored, messages, rows, result.getLong(1));
			}
		}
	}

}
