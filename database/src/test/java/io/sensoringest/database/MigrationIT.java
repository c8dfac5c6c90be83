package io.sensoringest.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads what the migrations built from PostgreSQL's catalog, not from the SQL files.
 */
class MigrationIT {

	private static TestDatabase database;

	private static Flyway flyway;

	@BeforeAll
	static void migrate() {
		database = TestServers.postgres().createDatabase("migration");
		flyway = Flyway.configure()
			.dataSource(database.jdbcUrl(), database.server().username(), database.server().password())
			.load();
		flyway.migrate();
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@Test
	void createsRecordsWithThreeNotNullColumns() throws SQLException {
		assertThat(query("""
				SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
				FROM pg_attribute a WHERE a.attrelid = 'records'::regclass AND a.attnum > 0 AND NOT a.attisdropped
				ORDER BY a.attnum""")).containsExactly("record_time timestamp with time zone true",
				"sensor_id text true", "value double precision true");
	}

	@Test
	void keysRecordsOnSensorThenTime() throws SQLException {
		assertThat(query("""
				SELECT a.attname FROM pg_index i
				JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
				JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
				WHERE i.indrelid = 'records'::regclass AND i.indisprimary ORDER BY k.n""")).containsExactly("sensor_id",
				"record_time");
	}

	@Test
	void indexesTimeWithSummarisingBrinAndSensorWithHash() throws SQLException {
		assertThat(query("""
				SELECT am.amname || ' ' || pg_get_indexdef(i.indexrelid, 1, true) || ' ' || i.indisprimary
				    || ' ' || coalesce(array_to_string(c.reloptions, ','), '-')
				FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
				WHERE i.indrelid = 'records'::regclass ORDER BY am.amname""")).containsExactly(
				"brin record_time false autosummarize=on", "btree sensor_id true -", "hash sensor_id false -");
	}

	@Test
	void keepsALedgerKeyedOnMessageId() throws SQLException {
		assertThat(
				query("""
						SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
						WHERE i.indrelid = 'ingest_ledger'::regclass AND i.indisprimary"""))
			.containsExactly("message_id");
	}

	@Test
	void partitionsRecordsByTimeAndEveryPartitionHasTheThreeIndexes() throws SQLException {
		assertThat(query("SELECT pg_get_partkeydef('records'::regclass)")).containsExactly("RANGE (record_time)");
		execute("SELECT records_ensure_partitions('2022-03-01 00:30+00', '2022-03-01 02:10+00', '1 hour')");

		assertThat(query("""
				SELECT partition || ' ' || from_time AT TIME ZONE 'UTC' || ' ' || to_time AT TIME ZONE 'UTC'
				FROM records_partitions() WHERE from_time >= '2022-01-01' AND from_time < '2023-01-01'"""))
			.containsExactly("records_20220301_000000 2022-03-01 00:00:00 2022-03-01 01:00:00",
					"records_20220301_010000 2022-03-01 01:00:00 2022-03-01 02:00:00",
					"records_20220301_020000 2022-03-01 02:00:00 2022-03-01 03:00:00");
		assertThat(query("""
				SELECT am.amname || ' ' || pg_get_indexdef(i.indexrelid, 1, true)
				FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
				WHERE i.indrelid = 'records_20220301_010000'::regclass ORDER BY am.amname"""))
			.containsExactly("brin record_time", "btree sensor_id", "hash sensor_id");
	}

	@Test
	void aPartitionOfAnotherSpanFillsOnlyTheGapBetweenItsNeighbours() throws SQLException {
		execute("SELECT records_ensure_partitions('2023-05-01 00:00+00', '2023-05-01 00:00+00', '1 hour')");
		execute("SELECT records_ensure_partitions('2023-05-01 03:00+00', '2023-05-01 03:00+00', '1 hour')");

		execute("SELECT records_ensure_partition('2023-05-01 02:00+00', '1 day')");

		assertThat(query("""
				SELECT from_time AT TIME ZONE 'UTC' || ' ' || to_time AT TIME ZONE 'UTC'
				FROM records_partitions() WHERE from_time >= '2023-05-01' AND from_time < '2023-05-02'"""))
			.containsExactly("2023-05-01 00:00:00 2023-05-01 01:00:00", "2023-05-01 01:00:00 2023-05-01 03:00:00",
					"2023-05-01 03:00:00 2023-05-01 04:00:00");
		assertThat(query("SELECT records_ensure_partition('2023-05-01 01:30+00', '1 hour')")).containsExactly("f");
	}

	@Test
	void retentionDropsOnlyPartitionsWhoseEveryRowIsOlder() throws SQLException {
		execute("SELECT records_ensure_partitions('2019-06-01 00:00+00', '2019-06-01 02:00+00', '1 hour')");
		execute("INSERT INTO records VALUES ('2019-06-01 00:10+00', 'old', 1), ('2019-06-01 02:10+00', 'new', 2)");

		assertThat(query("SELECT records_drop_partitions_before('2019-06-01 02:00+00')")).containsExactly("2");

		assertThat(query("SELECT sensor_id FROM records WHERE record_time < '2020-01-01'")).containsExactly("new");
		assertThat(query("SELECT count(*) FROM records_partitions() WHERE from_time < '2019-06-01 02:00+00'"))
			.containsExactly("0");
	}

	@Test
	void migratingAgainChangesNothing() throws SQLException {
		List<String> before = query("SELECT version || script || checksum FROM flyway_schema_history ORDER BY 1");

		assertThat(flyway.migrate().migrationsExecuted).isZero();
		assertThat(query("SELECT version || script || checksum FROM flyway_schema_history ORDER BY 1"))
			.isEqualTo(before);
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = database.server().connect(database.name());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static List<String> query(String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = database.server().connect(database.name());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				rows.add(result.getString(1));
			}
		}
		return rows;
	}

}
