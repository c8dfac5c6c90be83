package io.sensoringest.contract;

import java.time.OffsetDateTime;

/**
 * One sensor reading, as stored in the {@code records} table.
 *
 * @param recordTime when it was taken, with the offset it was written in
 * @param sensorId which sensor took it; never blank
 * @param value what it read; always finite
 */
public record SensorRecord(OffsetDateTime recordTime, String sensorId, double value) {

}
