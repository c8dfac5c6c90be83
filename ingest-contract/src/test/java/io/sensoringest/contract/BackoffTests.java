package io.sensoringest.contract;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	@Test
	void doublesUpToTheLargestDelayAndStartsAgainAfterReset() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));

		assertThat(new long[] { backoff.nextDelayMillis(), backoff.nextDelayMillis(), backoff.nextDelayMillis(),
				backoff.nextDelayMillis(), backoff.nextDelayMillis() })
			.containsExactly(100, 200, 400, 500, 500);
		backoff.reset();
		assertThat(backoff.nextDelayMillis()).isEqualTo(100);
	}

}
