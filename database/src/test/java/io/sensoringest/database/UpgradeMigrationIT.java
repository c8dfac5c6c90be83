package io.sensoringest.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations on a database that already holds rows, as a running pipeline's does: the
 * schema as an earlier version left it, rows written into it, then the migrations to the
 * end.
 */
class UpgradeMigrationIT {

	private TestDatabase database;

	@BeforeEach
	void migrateToV2() {
		this.database = TestServers.postgres().createDatabase("upgrade_migration");
		flyway(MigrationVersion.fromVersion("2")).migrate();
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	@Test
	void everyRowOfTheUnpartitionedTableIsKept() throws SQLException {
		this.database.execute("""
				INSERT INTO records
				SELECT timestamptz '2021-01-01 00:00+08' + make_interval(secs => s * 5), 's' || k, s * 0.25 + k
				FROM generate_series(0, 2999) s, generate_series(1, 10) k""");
		this.database.execute("INSERT INTO ingest_ledger (message_id, row_count) VALUES ('f:2', 30000)");
		String before = digest();

		int applied = flyway(MigrationVersion.fromVersion("3")).migrate().migrationsExecuted;

		assertThat(applied).isEqualTo(1);
		assertThat(digest()).isEqualTo(before).startsWith("30000 ");
		assertThat(single("SELECT count(*) FROM records_partitions()")).isEqualTo("5");
		assertThat(single("SELECT count(*) FROM ONLY records")).as("the parent holds no row itself").isEqualTo("0");
		assertThat(single("SELECT to_regclass('records_unpartitioned') IS NULL")).isEqualTo("t");
		assertThat(single("SELECT row_count FROM ingest_ledger")).isEqualTo("30000");
	}

	@Test
	void aLedgerOfMessagesNamedByFirstLineOnlyStillCountsAndTakesExactIdsBesideThem() throws SQLException {
		this.database.execute("""
				INSERT INTO ingest_ledger (message_id, source_file, first_line, row_count)
				VALUES ('f:2', 'a.csv', 2, 5000), ('f:5002', 'a.csv', 5002, 5000), ('g:2', 'b.csv', 2, 7)""");

		flyway(MigrationVersion.LATEST).migrate();
		this.database.execute("""
				INSERT INTO ingest_ledger (message_id, source_file, first_line, row_count, first_row)
				VALUES ('g:9:3', 'b.csv', 9, 3, 7)""");

		assertThat(single("SELECT string_agg(fingerprint || '=' || stored_rows || '/' || messages, ' ' ORDER BY 1) "
				+ "FROM ingest_stored_rows(NULL)"))
			.isEqualTo("f=10000/2 g=10/2");
		assertThat(single("SELECT string_agg(fingerprint, ' ') FROM ingest_stored_rows(ARRAY['g'])")).isEqualTo("g");
	}

	private String digest() throws SQLException {
		return single(
				"""
						SELECT count(*) || ' ' || md5(string_agg(sensor_id || record_time || value, ',' ORDER BY sensor_id, record_time))
						FROM records""");
	}

	private Flyway flyway(MigrationVersion target) {
		return Flyway.configure()
			.dataSource(this.database.jdbcUrl(), this.database.server().username(), this.database.server().password())
			.target(target)
			.load();
	}

	private String single(String sql) throws SQLException {
		try (Connection connection = this.database.server().connect(this.database.name());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
