package io.sensoringest.consumer.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;

import io.sensoringest.contract.SensorRecord;
import org.postgresql.PGConnection;

/**
 * Writes a batch into {@code records}, inside the caller's transaction. It first COPYs
 * the rows straight into the table, which is as fast as PostgreSQL loads; if any key is
 * there already (a redelivery, or a row sent twice), it rolls back to before the COPY and
 * upserts instead: COPY into a temporary table, then {@code INSERT ... ON CONFLICT DO
 * UPDATE}, which leaves a row alone when its value would not change.
 */
public final class RecordWriter {

	private static final String UNIQUE_VIOLATION = "23505";

	private static final byte[] BINARY_SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

	/**
	 * 2000-01-01T00:00:00Z, where PostgreSQL's timestamps count from, in Unix
	 * microseconds.
	 */
	static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

	private static final String COPY_INTO_RECORDS = "COPY records (record_time, sensor_id, value) FROM STDIN (FORMAT binary)";

	private static final String CREATE_INCOMING = "CREATE TEMP TABLE IF NOT EXISTS records_incoming "
			+ "(LIKE records) ON COMMIT DELETE ROWS";

	private static final String COPY_INTO_INCOMING = "COPY records_incoming (record_time, sensor_id, value) "
			+ "FROM STDIN (FORMAT binary)";

	private static final String UPSERT = """
			INSERT INTO records (record_time, sensor_id, value)
			SELECT record_time, sensor_id, value FROM records_incoming ORDER BY sensor_id, record_time
			ON CONFLICT (sensor_id, record_time) DO UPDATE SET value = EXCLUDED.value
			WHERE records.value IS DISTINCT FROM EXCLUDED.value""";

	/**
	 * Writes the rows; does not commit.
	 * @param connection a connection with auto-commit off
	 * @param rows rows with one row per key, in key order (see {@link LatestPerKey})
	 * @return whether the rows met existing keys and were upserted
	 */
	public boolean write(Connection connection, List<SensorRecord> rows) throws SQLException {
		byte[] copy = copyBinary(rows);
		Savepoint beforeCopy = connection.setSavepoint();
		try {
			copy(connection, COPY_INTO_RECORDS, copy);
			connection.releaseSavepoint(beforeCopy);
			return false;
		}
		catch (SQLException ex) {
			if (!UNIQUE_VIOLATION.equals(ex.getSQLState())) {
				throw ex;
			}
			connection.rollback(beforeCopy);
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(CREATE_INCOMING);
			copy(connection, COPY_INTO_INCOMING, copy);
			statement.executeUpdate(UPSERT);
		}
		return true;
	}

	private static void copy(Connection connection, String sql, byte[] text) throws SQLException {
		try {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(text));
		}
		catch (IOException ex) {
			throw new SQLException("COPY failed: " + ex.getMessage(), "08006", ex);
		}
	}

	/**
	 * The rows in COPY's binary format, which PostgreSQL reads without parsing text:
	 * {@code timestamptz} as microseconds since 2000-01-01 UTC, {@code text} as UTF-8,
	 * {@code float8} as its IEEE bits. Written into one buffer of the exact size: a
	 * {@code DataOutputStream} made several synchronized calls per field.
	 */
	static byte[] copyBinary(List<SensorRecord> rows) {
		byte[][] sensorIds = new byte[rows.size()][];
		// signature, flags, header extension; the trailer
		int size = BINARY_SIGNATURE.length + 4 + 4 + 2;
		for (int i = 0; i < sensorIds.length; i++) {
			sensorIds[i] = rows.get(i).sensorId().getBytes(StandardCharsets.UTF_8);
			// field count, then length and bytes of each field
			size += 2 + (4 + 8) + (4 + sensorIds[i].length) + (4 + 8);
		}
		ByteBuffer out = ByteBuffer.allocate(size);
		out.put(BINARY_SIGNATURE).putInt(0).putInt(0);
		for (int i = 0; i < sensorIds.length; i++) {
			SensorRecord row = rows.get(i);
			out.putShort((short) 3);
			out.putInt(8).putLong(LatestPerKey.epochMicros(row) - POSTGRES_EPOCH_MICROS);
			out.putInt(sensorIds[i].length).put(sensorIds[i]);
			out.putInt(8).putDouble(row.value());
		}
		out.putShort((short) -1);
		return out.array();
	}

}
