package io.sensoringest.consumer.poll;

import java.util.List;

import com.rabbitmq.client.GetResponse;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.SensorRecord;

/**
 * A decoded message waiting to be stored.
 *
 * @param response the message as the broker delivered it, to dead-letter it as it came
 * @param metadata its id and headers
 * @param rows its rows
 */
record Delivery(GetResponse response, ChunkMetadata metadata, List<SensorRecord> rows) {

	/** Returns its delivery tag on the worker's channel. */
	long tag() {
		return this.response.getEnvelope().getDeliveryTag();
	}

}
