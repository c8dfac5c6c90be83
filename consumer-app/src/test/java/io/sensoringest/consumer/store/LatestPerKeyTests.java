package io.sensoringest.consumer.store;

import java.time.OffsetDateTime;
import java.util.List;

import io.sensoringest.contract.SensorRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatestPerKeyTests {

	@Test
	void keepsTheLaterRowOfAKeyWhateverTheOffsetAndSortsByKey() {
		SensorRecord first = new SensorRecord(OffsetDateTime.parse("2021-01-01T08:00:00+08:00"), "b", 1);
		SensorRecord other = new SensorRecord(OffsetDateTime.parse("2021-01-01T00:00:01Z"), "a", 2);
		SensorRecord later = new SensorRecord(OffsetDateTime.parse("2021-01-01T00:00:00Z"), "b", 3);
		SensorRecord earlier = new SensorRecord(OffsetDateTime.parse("2021-01-01T00:00:00Z"), "a", 4);

		assertThat(LatestPerKey.of(List.of(first, other, later, earlier))).containsExactly(earlier, other, later);
	}

	@Test
	void ofThreeRowsOfOneKeyTheLastDeliveredWinsWhereverItFallsInKeyOrder() {
		OffsetDateTime time = OffsetDateTime.parse("2021-01-01T00:00:00.000001Z");
		SensorRecord one = new SensorRecord(time, "s", 1);
		SensorRecord before = new SensorRecord(time.minusNanos(1000), "s", 2);
		SensorRecord two = new SensorRecord(time.withOffsetSameInstant(java.time.ZoneOffset.ofHours(-5)), "s", 3);
		SensorRecord after = new SensorRecord(time.plusNanos(1000), "s", 4);
		SensorRecord three = new SensorRecord(time, "s", 5);

		assertThat(LatestPerKey.of(List.of(one, before, two, after, three))).containsExactly(before, three, after);
	}

}
