package io.sensoringest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.sensoringest.contract.SensorRecord;
import io.sensoringest.testing.TestDatabase;

/**
 * Rows compared by what the table keeps: sensor, instant to the microsecond, and value.
 */
public final class Rows {

	private Rows() {
	}

	/** Returns each row as {@code sensor|epoch micros|value}. */
	public static Set<String> of(Collection<SensorRecord> rows) {
		Set<String> keys = new TreeSet<>();
		rows.forEach((row) -> keys.add(key(row.sensorId(), row.recordTime(), row.value())));
		return keys;
	}

	/**
	 * Reads every {@code .csv} file of a folder by a path of its own, without the
	 * project's code: the header skipped, each line split on commas.
	 */
	public static List<SensorRecord> readFiles(Path folder) throws IOException {
		List<SensorRecord> rows = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".csv")).toList()) {
				Files.readAllLines(file)
					.stream()
					.skip(1)
					.map((line) -> line.split(","))
					.forEach((f) -> rows
						.add(new SensorRecord(OffsetDateTime.parse(f[0]), f[1], Double.parseDouble(f[2]))));
			}
		}
		return rows;
	}

	/** Returns every row of {@code records} in the same form. */
	public static Set<String> inTable(TestDatabase database) throws SQLException {
		Set<String> keys = new TreeSet<>();
		try (Connection connection = database.server().connect(database.name());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT sensor_id, record_time, value FROM records")) {
			while (rows.next()) {
				keys.add(key(rows.getString(1), rows.getObject(2, OffsetDateTime.class), rows.getDouble(3)));
			}
		}
		return keys;
	}

	/**
	 * Returns the number of rows in {@code records}; 0 while the table is not there yet.
	 */
	public static long count(TestDatabase database) {
		try (Connection connection = database.server().connect(database.name());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM records")) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			return 0;
		}
	}

	/**
	 * Returns the rows the ledger says were stored, summed over its messages: a row sent
	 * twice in messages of different ids counts twice, which tests of "sent once" want.
	 */
	public static long inLedger(TestDatabase database) throws SQLException {
		try (Connection connection = database.server().connect(database.name());
				Statement statement = connection.createStatement();
				ResultSet sum = statement.executeQuery("SELECT coalesce(sum(row_count), 0) FROM ingest_ledger")) {
			sum.next();
			return sum.getLong(1);
		}
	}

	private static String key(String sensorId, OffsetDateTime time, double value) {
		long micros = time.toEpochSecond() * 1_000_000 + time.getNano() / 1000;
		return sensorId + "|" + micros + "|" + value;
	}

}
