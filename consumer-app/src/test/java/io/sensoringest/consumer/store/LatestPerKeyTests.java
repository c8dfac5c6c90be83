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

}
