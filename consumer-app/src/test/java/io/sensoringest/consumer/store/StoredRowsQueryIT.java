package io.sensoringest.consumer.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ingest_stored_rows}, the one answer to "how much of this file version is
 * stored?" (the producer's done moves, {@code make status}, {@code make run}), on a
 * ledger of a million entries: asked for a few files, as the callers ask it, it reads the
 * fingerprint index, not the whole ledger. So does {@code ingest_rows_stored_since},
 * {@code make watch}'s progress, with the index on {@code stored_at}: the ledger here was
 * stored one entry a second over eleven days, the newest last.
 */
class StoredRowsQueryIT {

	private static final int FILES = 1000;

	private static final int SEGMENTS_PER_FILE = 1000;

	private static TestDatabase database;

	@BeforeAll
	static void aLedgerOfAMillionEntries() throws SQLException {
		database = MigratedDatabase.create("stored_rows");
		try (Connection connection = database.server().connect(database.name());
				Statement statement = connection.createStatement()) {
			statement.execute("""
					INSERT INTO ingest_ledger (message_id, source_file, first_line, row_count, first_row, stored_at)
					SELECT 'fp' || f || ':' || (2 + s * 100) || ':100', 'f' || f || '.csv', 2 + s * 100, 100, s * 100,
					       now() - make_interval(secs => %d - (f - 1) * %d - s)
					FROM generate_series(1, %d) f, generate_series(0, %d) s ORDER BY f, s"""
				.formatted(FILES * SEGMENTS_PER_FILE, SEGMENTS_PER_FILE, FILES, SEGMENTS_PER_FILE - 1));
			statement.execute("ANALYZE ingest_ledger");
		}
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@Test
	void askedForSomeFilesItReadsTheFingerprintIndexEveryTimeTheStatementRuns() throws SQLException {
		try (Connection connection = database.server().connect(database.name());
				PreparedStatement explain = connection
					.prepareStatement("EXPLAIN SELECT fingerprint, stored_rows FROM ingest_stored_rows(?)")) {
			Array files = connection.createArrayOf("text", new String[] { "fp7", "fp700", "fp-none" });
			// past the runs after which PostgreSQL may settle on a generic plan
			for (int run = 1; run <= 8; run++) {
				explain.setArray(1, files);
				String plan = plan(explain);
				assertThat(plan).as("plan of run %d", run)
					.contains("ingest_ledger_fingerprint")
					.doesNotContain("Seq Scan on ingest_ledger");
			}
		}
	}

	@Test
	void itCountsTheRowsOfTheFilesAskedFor() throws SQLException {
		try (Connection connection = database.server().connect(database.name());
				PreparedStatement stored = connection
					.prepareStatement("SELECT fingerprint, stored_rows FROM ingest_stored_rows(?) ORDER BY 1")) {
			stored.setArray(1, connection.createArrayOf("text", new String[] { "fp7", "fp700", "fp-none" }));
			List<String> rows = new ArrayList<>();
			try (ResultSet result = stored.executeQuery()) {
				while (result.next()) {
					rows.add(result.getString(1) + " " + result.getLong(2));
				}
			}
			assertThat(rows).containsExactly("fp7 100000", "fp700 100000");
		}
	}

	@Test
	void theRowsStoredSinceAMomentAreReadThroughTheStoredAtIndex() throws SQLException {
		try (Connection connection = database.server().connect(database.name());
				PreparedStatement explain = connection
					.prepareStatement("EXPLAIN SELECT stored_rows FROM ingest_rows_stored_since(now() - ?::interval)");
				PreparedStatement stored = connection.prepareStatement(
						"SELECT stored_rows FROM ingest_rows_stored_since((SELECT max(stored_at) FROM ingest_ledger) - ?::interval)")) {
			for (int run = 1; run <= 8; run++) {
				explain.setString(1, "1 minute");
				assertThat(plan(explain)).as("plan of run %d", run)
					.contains("ingest_ledger_stored_at")
					.doesNotContain("Seq Scan on ingest_ledger");
			}
			// the ten newest entries, a second apart
			stored.setString(1, "9.5 seconds");
			try (ResultSet result = stored.executeQuery()) {
				result.next();
				assertThat(result.getLong(1)).isEqualTo(10 * 100);
			}
		}
	}

	private static String plan(PreparedStatement explain) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (ResultSet lines = explain.executeQuery()) {
			while (lines.next()) {
				plan.append(lines.getString(1)).append('\n');
			}
		}
		return plan.toString();
	}

}
