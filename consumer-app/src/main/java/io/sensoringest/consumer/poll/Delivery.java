package io.sensoringest.consumer.poll;

import java.util.List;

import com.rabbitmq.client.GetResponse;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.Envelope;
import io.sensoringest.contract.SensorRecord;

/**
 * A decoded message waiting to be stored.
 *
 * @param response the message as the broker delivered it, to dead-letter it as it came
 * @param envelope its id and segments
 * @param rows its rows, segment after segment
 */
record Delivery(GetResponse response, Envelope envelope, List<SensorRecord> rows) {

	/** Returns its delivery tag on the worker's channel. */
	long tag() {
		return this.response.getEnvelope().getDeliveryTag();
	}

	/**
	 * Returns the rows of one of its segments: segments follow each other in the body in
	 * the order the envelope names them.
	 * @param index the segment's place in {@link Envelope#segments()}
	 */
	List<SensorRecord> rowsOf(int index) {
		List<ChunkMetadata> segments = this.envelope.segments();
		if (segments.size() == 1) {
			return this.rows;
		}
		int from = 0;
		for (int i = 0; i < index; i++) {
			from += segments.get(i).rowCount();
		}
		return this.rows.subList(from, from + segments.get(index).rowCount());
	}

}
