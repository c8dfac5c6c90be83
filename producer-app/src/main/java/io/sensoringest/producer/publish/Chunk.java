package io.sensoringest.producer.publish;

import io.sensoringest.contract.ChunkMetadata;

/**
 * One message's worth of consecutive valid rows of one file.
 *
 * @param metadata its id and headers
 * @param sequence its place among the chunks this run publishes of the file, from 0
 * @param lastLine the line of its last row
 * @param body the rows in the wire format
 */
public record Chunk(ChunkMetadata metadata, long sequence, long lastLine, byte[] body) {

	/** Returns the number of rows. */
	public int rows() {
		return metadata.rowCount();
	}

}
