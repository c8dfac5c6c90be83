package io.sensoringest.consumer.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sensoringest.contract.ChunkMetadata;

/**
 * The record of which messages are stored ({@code ingest_ledger}), kept in the same
 * transaction as their rows. A message id names its exact rows (file version, first line,
 * row count), so an id found here means exactly these rows are stored; each entry also
 * keeps where its rows start among the file's valid rows, so that rows carried by
 * differently cut messages are counted once (migration V4, {@code ingest_stored_rows}).
 * Claiming a batch's messages inserts the ones not there yet and says which they were:
 * the others were stored by an earlier delivery, and their rows must not be written
 * again. A message still being stored by another worker makes the claim wait for that
 * worker's commit, so two copies of one message are never both stored.
 */
public final class Ledger {

	private static final String CLAIM = """
			INSERT INTO ingest_ledger (message_id, source_file, first_line, row_count, first_row)
			SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::integer[], ?::bigint[]) ORDER BY 1
			ON CONFLICT (message_id) DO NOTHING
			RETURNING message_id""";

	/**
	 * Records the messages that are not in the ledger yet; does not commit.
	 * @param connection a connection with auto-commit off
	 * @param messages the batch's messages, those without an id left out
	 * @return the ids that were new, whose rows are to be written now
	 */
	public Set<String> claim(Connection connection, List<ChunkMetadata> messages) throws SQLException {
		Map<String, ChunkMetadata> byId = new LinkedHashMap<>();
		messages.stream()
			.sorted(Comparator.comparing(ChunkMetadata::messageId))
			.forEach((message) -> byId.putIfAbsent(message.messageId(), message));
		if (byId.isEmpty()) {
			return Set.of();
		}
		Object[] files = byId.values().stream().map(ChunkMetadata::sourceFile).toArray();
		Object[] lines = byId.values().stream().map((m) -> (m.firstLine() >= 0) ? m.firstLine() : null).toArray();
		Object[] counts = byId.values().stream().map(ChunkMetadata::rowCount).toArray();
		Object[] firstRows = byId.values().stream().map((m) -> (m.firstRow() >= 0) ? m.firstRow() : null).toArray();
		Set<String> claimed = new HashSet<>();
		try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
			claim.setArray(1, array(connection, "text", byId.keySet().toArray()));
			claim.setArray(2, array(connection, "text", files));
			claim.setArray(3, array(connection, "bigint", lines));
			claim.setArray(4, array(connection, "integer", counts));
			claim.setArray(5, array(connection, "bigint", firstRows));
			try (ResultSet result = claim.executeQuery()) {
				while (result.next()) {
					claimed.add(result.getString(1));
				}
			}
		}
		return claimed;
	}

	private static Array array(Connection connection, String type, Object[] values) throws SQLException {
		return connection.createArrayOf(type, values);
	}

}
