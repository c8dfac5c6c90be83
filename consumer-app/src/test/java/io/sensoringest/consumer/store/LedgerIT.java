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
			ChunkMetadata a = ChunkMetadata.of("f1", "a.csv", 2, 5000, 0);
			ChunkMetadata b = ChunkMetadata.of("f1", "a.csv", 5002, 10, 5000);

			assertThat(this.ledger.claim(connection, List.of(a, b, a))).containsExactlyInAnyOrder("f1:2:5000",
					"f1:5002:10");
			connection.commit();
			assertThat(this.ledger.claim(connection, List.of(b, new ChunkMetadata("f2:2", null, -1, 1, -1))))
				.containsExactly("f2:2");
			connection.rollback();

			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(
							"SELECT message_id, source_file, first_line, row_count, first_row FROM ingest_ledger "
									+ "WHERE split_part(message_id, ':', 1) IN ('f1', 'f2') ORDER BY 1")) {
				rows.next();
				assertThat(rows.getString(1) + " " + rows.getString(2) + " " + rows.getLong(3) + " " + rows.getInt(4)
						+ " " + rows.getLong(5))
					.isEqualTo("f1:2:5000 a.csv 2 5000 0");
				rows.next();
				assertThat(rows.getString(1)).isEqualTo("f1:5002:10");
				assertThat(rows.next()).as("the rolled-back claim left nothing").isFalse();
			}
		}
	}

	@Test
	void aMessageThatStartsWhereAStoredOneDidButHoldsMoreRowsIsNew() throws SQLException {
		try (Connection connection = database.server().connect(database.name())) {
			connection.setAutoCommit(false);
			ChunkMetadata two = ChunkMetadata.of("f3", "c.csv", 2, 2, 0);
			ChunkMetadata five = ChunkMetadata.of("f3", "c.csv", 2, 5, 0);

			assertThat(this.ledger.claim(connection, List.of(two))).containsExactly(two.messageId());
			connection.commit();
			assertThat(this.ledger.claim(connection, List.of(two, five))).containsExactly(five.messageId());
			connection.commit();
		}
	}

	@Test
	void storedRowsCountEachRowOnceHoweverTheMessagesThatCarriedItWereCut() throws SQLException {
		try (Connection connection = database.server().connect(database.name())) {
			connection.setAutoCommit(false);
			// rows 0-1 in a message of two, then rows 0-4 and 5-6 in messages of five;
			// and an
			// entry of an earlier version, which says nothing of where its rows start
			this.ledger.claim(connection,
					List.of(ChunkMetadata.of("f4", "d.csv", 2, 2, 0), ChunkMetadata.of("f4", "d.csv", 2, 5, 0),
							ChunkMetadata.of("f4", "d.csv", 8, 2, 5), new ChunkMetadata("f5:2", "e.csv", 2, 3, -1),
							new ChunkMetadata("f5:5", "e.csv", 5, 4, -1)));
			connection.commit();

			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT fingerprint, stored_rows, messages "
							+ "FROM ingest_stored_rows(ARRAY['f4', 'f5', 'f6']) ORDER BY 1")) {
				rows.next();
				assertThat(rows.getString(1) + " " + rows.getLong(2) + " " + rows.getLong(3)).isEqualTo("f4 7 3");
				rows.next();
				assertThat(rows.getString(1) + " " + rows.getLong(2) + " " + rows.getLong(3)).isEqualTo("f5 7 2");
				assertThat(rows.next()).as("a file with nothing stored has no line").isFalse();
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
