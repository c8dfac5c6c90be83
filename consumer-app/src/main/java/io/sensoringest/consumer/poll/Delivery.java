package io.sensoringest.consumer.poll;

import java.util.List;

import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.SensorRecord;

/**
 * A decoded message waiting to be stored.
 *
 * @param tag its delivery tag on the worker's channel
 * @param metadata its id and headers
 * @param rows its rows
 */
record Delivery(long tag, ChunkMetadata metadata, List<SensorRecord> rows) {

}
