package io.sensoringest.producer.watch;

import java.nio.file.Path;
import java.util.Map;

import io.sensoringest.producer.watch.Settling.Stamp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettlingTests {

	private static final Path A = Path.of("a.csv");

	private final Settling settling = new Settling(2000);

	@Test
	void aFileIsReadyOnceItStayedTheSameForTheSettleTime() {
		this.settling.scanned(Map.of(A, new Stamp(10, 10_000)), 10_000);
		this.settling.scanned(Map.of(A, new Stamp(20, 11_000)), 11_000);

		assertThat(this.settling.ready(12_900)).isEmpty();
		assertThat(this.settling.nextDue(12_900)).isEqualTo(13_000);
		assertThat(this.settling.ready(13_000)).containsExactly(A);
		assertThat(this.settling.waiting()).isEqualTo(1);
		assertThat(this.settling.oldestWaitingSince(13_000)).isEqualTo(11_000);
	}

	@Test
	void aFileLastModifiedLongerAgoThanTheSettleTimeIsReadyAtOnce() {
		this.settling.scanned(Map.of(A, new Stamp(10, 1_000)), 10_000);

		assertThat(this.settling.ready(10_000)).containsExactly(A);
		assertThat(this.settling.nextDue(10_000)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void aTakenFileIsOfferedAgainOnlyWhenItChanged() {
		this.settling.scanned(Map.of(A, new Stamp(10, 1_000)), 10_000);
		this.settling.taken(A, this.settling.stamp(A));

		this.settling.scanned(Map.of(A, new Stamp(10, 1_000)), 20_000);
		assertThat(this.settling.ready(20_000)).isEmpty();
		assertThat(this.settling.changedSinceTaken(A)).isFalse();
		assertThat(this.settling.waiting()).isZero();

		this.settling.scanned(Map.of(A, new Stamp(30, 20_000)), 20_000);
		assertThat(this.settling.changedSinceTaken(A)).isTrue();
		assertThat(this.settling.ready(21_999)).isEmpty();
		assertThat(this.settling.ready(22_000)).containsExactly(A);
	}

	@Test
	void aFileThatWasGoneIsTakenAgainWhenItIsBack() {
		this.settling.scanned(Map.of(A, new Stamp(10, 1_000)), 10_000);
		this.settling.taken(A, this.settling.stamp(A));
		this.settling.scanned(Map.of(), 11_000);
		this.settling.scanned(Map.of(A, new Stamp(10, 1_000)), 12_000);

		assertThat(this.settling.ready(12_000)).containsExactly(A);
	}

	@Test
	void anUntakenFileIsOfferedAgain() {
		this.settling.scanned(Map.of(A, new Stamp(10, 1_000)), 10_000);
		this.settling.taken(A, this.settling.stamp(A));
		this.settling.untaken(A);

		assertThat(this.settling.ready(10_000)).containsExactly(A);
	}

}
