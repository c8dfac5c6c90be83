package io.sensoringest.producer.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunResultTests {

	@Test
	void exitsZeroOneOrTwo() {
		assertThat(result(0, 0, null).exitCode()).isZero();
		assertThat(result(3, 0, null).exitCode()).isEqualTo(1);
		assertThat(result(0, 1, null).exitCode()).isEqualTo(1);
		assertThat(result(0, 0, "broker gone").exitCode()).isEqualTo(2);
	}

	@Test
	void summarySaysWhatWasDoneAndHowFast() {
		assertThat(result(2, 0, null).summary())
			.isEqualTo("10 files, 10 published, 0 failed; 1,000 rows published, 2 rows rejected, 2.0 s, 500 rows/s");
	}

	@Test
	void summaryNamesTheFilesWithRejectsFirstFiveInOrder() {
		RunResult some = new RunResult(10, 9, 0, 1, 1000, 1000, 2, 2.0, null, List.of(), List.of("b.csv", "a.csv"));
		RunResult many = new RunResult(10, 10, 0, 0, 1000, 1000, 7, 2.0, null, List.of(),
				List.of("g", "f", "e", "d", "c", "b", "a"));

		assertThat(some.summary()).endsWith("500 rows/s; see a.csv, b.csv");
		assertThat(many.summary()).endsWith("; see a, b, c, d, e and 2 more");
	}

	@Test
	void summarySaysWhenThereWasNothingToDo() {
		RunResult nothing = new RunResult(4, 0, 4, 0, 40, 0, 0, 0.5, null, List.of(), List.of());

		assertThat(nothing.summary())
			.isEqualTo("nothing to publish: all 4 files were published before (--force publishes them again)");
		assertThat(nothing.exitCode()).isZero();
	}

	private static RunResult result(long rejected, int failed, String fatal) {
		return new RunResult(10, 10 - failed, 0, failed, 1000, 1000, rejected, 2.0, fatal, List.of(), List.of());
	}

}
