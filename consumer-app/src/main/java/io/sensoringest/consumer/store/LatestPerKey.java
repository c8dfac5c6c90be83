package io.sensoringest.consumer.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.sensoringest.contract.SensorRecord;

/**
 * Reduces a batch to one row per key {@code (sensor_id, record_time)}, the later row
 * winning, sorted by key: so that a batch never conflicts with itself, and so that
 * consumers writing at once take row locks in the same order and cannot deadlock.
 */
public final class LatestPerKey {

	/**
	 * Key order, on keys worked out once per row: a comparator that derived the
	 * microseconds from the {@code OffsetDateTime} in each comparison, with a map to drop
	 * repeated keys, took more of the consumer's CPU than decoding the rows.
	 */
	private static final Comparator<Keyed> KEY_ORDER = (a, b) -> {
		int bySensor = a.sensorId().compareTo(b.sensorId());
		return (bySensor != 0) ? bySensor : Long.compare(a.epochMicros(), b.epochMicros());
	};

	private LatestPerKey() {
	}

	/**
	 * Returns the batch with one row per key, in key order.
	 * @param rows the rows in delivery order
	 */
	public static List<SensorRecord> of(List<SensorRecord> rows) {
		Keyed[] keyed = new Keyed[rows.size()];
		int i = 0;
		for (SensorRecord row : rows) {
			keyed[i++] = new Keyed(row.sensorId(), epochMicros(row), row);
		}
		// a stable sort keeps rows of one key in delivery order: the last of each run
		// wins
		Arrays.sort(keyed, KEY_ORDER);
		List<SensorRecord> latest = new ArrayList<>(keyed.length);
		for (int k = 0; k < keyed.length; k++) {
			if (k + 1 == keyed.length || KEY_ORDER.compare(keyed[k], keyed[k + 1]) != 0) {
				latest.add(keyed[k].row());
			}
		}
		return latest;
	}

	/** The instant in microseconds: what PostgreSQL compares, whatever the offset. */
	static long epochMicros(SensorRecord row) {
		return row.recordTime().toEpochSecond() * 1_000_000 + row.recordTime().getNano() / 1000;
	}

	private record Keyed(String sensorId, long epochMicros, SensorRecord row) {

	}

}
