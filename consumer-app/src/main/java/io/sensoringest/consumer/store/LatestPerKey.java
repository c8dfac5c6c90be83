package io.sensoringest.consumer.store;

import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sensoringest.contract.SensorRecord;

/**
 * Reduces a batch to one row per key {@code (sensor_id, record_time)}, the later row
 * winning, sorted by key: so that a batch never conflicts with itself, and so that
 * consumers writing at once take row locks in the same order and cannot deadlock.
 */
public final class LatestPerKey {

	private static final Comparator<SensorRecord> KEY_ORDER = Comparator.comparing(SensorRecord::sensorId)
		.thenComparing(LatestPerKey::epochMicros);

	private LatestPerKey() {
	}

	/**
	 * Returns the batch with one row per key, in key order.
	 * @param rows the rows in delivery order
	 */
	public static List<SensorRecord> of(List<SensorRecord> rows) {
		Map<Key, SensorRecord> latest = new HashMap<>(rows.size() * 2);
		for (SensorRecord row : rows) {
			latest.put(new Key(row.sensorId(), epochMicros(row)), row);
		}
		List<SensorRecord> sorted = new ArrayList<>(latest.values());
		sorted.sort(KEY_ORDER);
		return sorted;
	}

	/** The instant in microseconds: what PostgreSQL compares, whatever the offset. */
	static long epochMicros(SensorRecord row) {
		return row.recordTime().toEpochSecond() * 1_000_000 + row.recordTime().get(ChronoField.MICRO_OF_SECOND);
	}

	private record Key(String sensorId, long epochMicros) {

	}

}
