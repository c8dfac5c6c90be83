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
 * Migration V3 on a table that already holds rows, as a running pipeline's does: the
 * schema as V2 left it, rows written into it, then the migrations to the end.
 */
class PartitionMigrationIT {

	private TestDatabase database;

	@BeforeEach
	void migrateToV2() {
		this.database = TestServers.postgres().createDatabase("partition_migration");
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

		int applied = flyway(MigrationVersion.LATEST).migrate().migrationsExecuted;

		assertThat(applied).isEqualTo(1);
		assertThat(digest()).isEqualTo(before).startsWith("30000 ");
		assertThat(single("SELECT count(*) FROM records_partitions()")).isEqualTo("5");
		assertThat(single("SELECT count(*) FROM ONLY records")).as("the parent holds no row itself").isEqualTo("0");
		assertThat(single("SELECT to_regclass('records_unpartitioned') IS NULL")).isEqualTo("t");
		assertThat(single("SELECT row_count FROM ingest_ledger")).isEqualTo("30000");
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
