package io.sensoringest.producer.publish;

import java.util.List;

import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.Envelope;

/**
 * One message: the rows of one segment or more, each a run of consecutive valid rows of
 * one file, in the wire format.
 *
 * @param envelope its id and headers
 * @param segments its segments, in the order the body holds their rows
 * @param body the rows in the wire format
 */
record Chunk(Envelope envelope, List<Segment> segments, byte[] body) {

	/** Returns the number of rows. */
	int rows() {
		return this.envelope.rowCount();
	}

	/**
	 * One file's part of a message.
	 *
	 * @param file the file, told when the segment is confirmed
	 * @param metadata what the message's headers say of it
	 * @param sequence its place among the segments this run publishes of the file, from 0
	 * @param lastLine the line of its last row
	 */
	record Segment(FileProgress file, ChunkMetadata metadata, long sequence, long lastLine) {

		int rows() {
			return this.metadata.rowCount();
		}

	}

}
