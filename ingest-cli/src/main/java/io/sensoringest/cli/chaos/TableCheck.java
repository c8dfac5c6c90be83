package io.sensoringest.cli.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.sensoringest.cli.run.PsqlCopy;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.producer.api.InputFile;

/**
 * Proves the table equal to the files by a path that shares no code with the pipeline:
 * {@code psql \copy} of the files into a scratch table, then row counts, {@code EXCEPT}
 * both ways, and a checksum over every {@code (sensor_id, record_time, value)} of each.
 */
final class TableCheck {

	static final String SCRATCH = "chaos_expected";

	private static final String CHECKSUM = """
			SELECT count(*), md5(coalesce(string_agg(sensor_id || '|' || record_time || '|' || value, E'\\n'
			ORDER BY sensor_id, record_time, value), ''))
			FROM %s""";

	private static final String DIFFERENCE = """
			SELECT count(*) FROM (SELECT sensor_id, record_time, value FROM %s
			EXCEPT SELECT sensor_id, record_time, value FROM %s) AS difference""";

	private TableCheck() {
	}

	/**
	 * Loads the files into the scratch table, compares it with {@code records}, and drops
	 * it again.
	 * @param workDir where the psql script goes
	 */
	static Result compare(DatabaseSettings database, List<InputFile> files, Path workDir)
			throws SQLException, IOException, InterruptedException {
		try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
			sql.execute("DROP TABLE IF EXISTS " + SCRATCH);
			sql.execute("CREATE UNLOGGED TABLE " + SCRATCH
					+ " (record_time timestamptz NOT NULL, sensor_id text NOT NULL, value double precision NOT NULL)");
			try {
				new PsqlCopy(database, files, SCRATCH, workDir).load();
				Sum expected = sum(sql, SCRATCH);
				Sum stored = sum(sql, "records");
				return new Result(expected.rows(), stored.rows(), count(sql, DIFFERENCE.formatted(SCRATCH, "records")),
						count(sql, DIFFERENCE.formatted("records", SCRATCH)), expected.checksum(), stored.checksum());
			}
			finally {
				sql.execute("DROP TABLE IF EXISTS " + SCRATCH);
			}
		}
	}

	private static Sum sum(Statement sql, String table) throws SQLException {
		try (ResultSet result = sql.executeQuery(CHECKSUM.formatted(table))) {
			result.next();
			return new Sum(result.getLong(1), result.getString(2));
		}
	}

	private static long count(Statement sql, String query) throws SQLException {
		try (ResultSet result = sql.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
	}

	private record Sum(long rows, String checksum) {

	}

	/**
	 * What the comparison found.
	 *
	 * @param fileRows rows in the files
	 * @param tableRows rows in {@code records}
	 * @param missing rows of the files not in {@code records}
	 * @param extra rows of {@code records} not in the files
	 * @param fileChecksum md5 over the files' rows in key order
	 * @param tableChecksum md5 over the table's rows in key order
	 */
	record Result(long fileRows, long tableRows, long missing, long extra, String fileChecksum, String tableChecksum) {

		/** Whether the table holds exactly the files' rows. */
		boolean equal() {
			return this.missing == 0 && this.extra == 0 && this.fileRows == this.tableRows
					&& this.fileChecksum.equals(this.tableChecksum);
		}

	}

}
