package io.sensoringest.consumer.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.testing.Rows;
import io.sensoringest.contract.SensorRecord;
import io.sensoringest.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk write against a real PostgreSQL with the migrated table.
 */
class RecordWriterIT {

	private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-01-01T00:00:00+08:00");

	private static TestDatabase database;

	private final RecordWriter writer = new RecordWriter();

	private final Partitions partitions = new Partitions(Duration.ofHours(1), Duration.ZERO);

	private Connection connection;

	@BeforeAll
	static void migrate() {
		database = MigratedDatabase.create("record_writer");
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@BeforeEach
	void open() throws SQLException {
		this.connection = database.server().connect(database.name());
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("TRUNCATE records");
		}
		this.connection.setAutoCommit(false);
	}

	@AfterEach
	void close() throws SQLException {
		this.connection.close();
	}

	@Test
	void newRowsGoStraightInWithCopy() throws SQLException {
		List<SensorRecord> rows = rows("a", 1000, 0.5);

		assertThat(store(rows)).isFalse();
		assertThat(Rows.inTable(database)).isEqualTo(Rows.of(rows));
	}

	@Test
	void sameBatchTwiceGivesOneRowEachWithTheLaterValue() throws SQLException {
		store(rows("a", 100, 0.5));

		assertThat(store(rows("a", 100, 0.75))).isTrue();
		assertThat(Rows.inTable(database)).isEqualTo(Rows.of(rows("a", 100, 0.75)));
	}

	@Test
	void batchHoldingAKeyTwiceKeepsTheLaterRow() throws SQLException {
		List<SensorRecord> rows = new ArrayList<>(rows("a", 3, 0.1));
		rows.add(new SensorRecord(T0.withOffsetSameInstant(java.time.ZoneOffset.UTC), "a", 0.9));

		store(rows);

		assertThat(Rows.inTable(database)).hasSize(3).contains("a|" + T0.toEpochSecond() * 1_000_000 + "|0.9");
	}

	@Test
	void anUpdateThatChangesNothingWritesNothing() throws SQLException {
		store(rows("a", 10, 0.5));
		List<String> before = versions();

		store(rows("a", 10, 0.5));

		assertThat(versions()).isEqualTo(before);
		store(rows("a", 10, 0.6));
		assertThat(versions()).doesNotContainAnyElementsOf(before);
	}

	private boolean store(List<SensorRecord> rows) throws SQLException {
		this.partitions.ensure(this.connection, List.of(rows));
		boolean upserted = this.writer.write(this.connection, LatestPerKey.of(rows));
		this.connection.commit();
		return upserted;
	}

	/** Each row's creating transaction: unchanged when nothing was written. */
	private List<String> versions() throws SQLException {
		List<String> versions = new ArrayList<>();
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT xmin::text FROM records ORDER BY sensor_id, record_time")) {
			while (rows.next()) {
				versions.add(rows.getString(1));
			}
		}
		this.connection.commit();
		return versions;
	}

	private static List<SensorRecord> rows(String sensor, int count, double value) {
		List<SensorRecord> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(new SensorRecord(T0.plusSeconds(i), sensor, value));
		}
		return rows;
	}

}
