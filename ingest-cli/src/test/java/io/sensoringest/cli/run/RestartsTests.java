package io.sensoringest.cli.run;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartsTests {

	@Test
	void youngDeathsInARowAreCountedAndAConsumerThatRanAWhileStartsTheCountAgain() {
		Restarts restarts = new Restarts();

		assertThat(restarts.died(0, true)).isEqualTo(1);
		assertThat(restarts.died(0, true)).isEqualTo(2);
		assertThat(restarts.died(1, true)).as("each consumer counts its own").isEqualTo(1);
		assertThat(restarts.died(0, false)).isZero();
		assertThat(restarts.died(0, true)).isEqualTo(1);
	}

	@Test
	void aRestartIsDueOnlyOnceItsDelayHasPassedAndStartingItRecordsWhen() {
		Restarts restarts = new Restarts();
		long now = 1_000_000_000L;

		restarts.restartAfter(0, now, Duration.ofSeconds(2));

		assertThat(restarts.pending(0)).isTrue();
		assertThat(restarts.due(0, now + Duration.ofMillis(1999).toNanos())).isFalse();
		assertThat(restarts.due(0, now + Duration.ofSeconds(2).toNanos())).isTrue();
		restarts.started(0, now + Duration.ofSeconds(2).toNanos());
		assertThat(restarts.pending(0)).isFalse();
		assertThat(restarts.startedAt(0)).isEqualTo(now + Duration.ofSeconds(2).toNanos());
	}

	@Test
	void anExitStatusIsExplainedWhereItSaysSomething() {
		assertThat(ConsumerProcesses.describe(137)).contains("SIGKILL");
		assertThat(ConsumerProcesses.describe(1)).isEmpty();
	}

}
