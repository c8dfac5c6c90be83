package io.sensoringest.consumer.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger against a real PostgreSQL with the migrated schema.
 */
class LedgerIT {

	private static TestDatabase database;

	private final Ledger ledger = new Ledger();

	@BeforeAll
	static void migrate() {
		database = MigratedDatabase.create("ledger");
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@Test
	void claimsEachMessageOnceAcrossTransactionsAndWithinOne() throws SQLException {
		try (Connection connection = database.server().connect(database.name())) {
			connection.setAutoCommit(false);
			ChunkMetadata a = new ChunkMetadata("f1:2", "a.csv", 2, 5000);
			ChunkMetadata b = new ChunkMetadata("f1:5002", "a.csv", 5002, 10);

			assertThat(this.ledger.claim(connection, List.of(a, b, a))).containsExactlyInAnyOrder("f1:2", "f1:5002");
			connection.commit();
			assertThat(this.ledger.claim(connection, List.of(b, new ChunkMetadata("f2:2", null, -1, 1))))
				.containsExactly("f2:2");
			connection.rollback();

			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(
							"SELECT message_id, source_file, first_line, row_count FROM ingest_ledger ORDER BY 1")) {
				rows.next();
				assertThat(rows.getString(1) + " " + rows.getString(2) + " " + rows.getLong(3) + " " + rows.getInt(4))
					.isEqualTo("f1:2 a.csv 2 5000");
				rows.next();
				assertThat(rows.getString(1)).isEqualTo("f1:5002");
				assertThat(rows.next()).as("the rolled-back claim left nothing").isFalse();
			}
		}
	}

	@Test
	void claimingNothingWritesNothing() throws SQLException {
		try (Connection connection = database.server().connect(database.name())) {
			assertThat(this.ledger.claim(connection, List.of())).isEmpty();
		}
	}

}
