package io.sensoringest.cli.run;

import java.util.List;

import io.sensoringest.producer.api.RunResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineResultTests {

	private static final RunResult PUBLISHED = new RunResult(3, 3, 0, 0, 600_000, 600_000, 0, 5.0, null, List.of(),
			List.of());

	@Test
	void aRunThatStoredEveryRowIsCompleteWhateverItsConsumersWentThrough() {
		PipelineResult result = result(new StoredRows.Count(600_000, 600_000, true), List.of(0, -1), 0);

		assertThat(result.complete()).isTrue();
		assertThat(result.stoppedCleanly()).isFalse();
		assertThat(result.summary()).startsWith(
				"run: 600,000 rows in valid input, 600,000 published, 600,000 stored, 0 rejected; 5.0 s, 120,000 rows/s");
	}

	@Test
	void rowsMissingMakeItIncompleteAndTheSummaryAndTheProblemGiveTheSameCounts() {
		PipelineResult result = result(new StoredRows.Count(600_000, 598_800, false), List.of(0, 0), 3);

		assertThat(result.complete()).isFalse();
		assertThat(result.summary()).contains("600,000 published, 598,800 stored");
		assertThat(result.problem()).isEqualTo("not every row is stored: 1,200 of 600,000 published rows are missing: "
				+ "3 messages left in the queue, 0 dead-lettered (make dlq-show)");
	}

	@Test
	void aRunWhoseLedgerCouldNotBeReadIsNotCalledComplete() {
		PipelineResult result = result(null, List.of(0), 0);

		assertThat(result.complete()).isFalse();
		assertThat(result.summary()).contains("(PostgreSQL did not answer) stored");
		assertThat(result.problem()).contains("PostgreSQL did not answer");
	}

	private static PipelineResult result(StoredRows.Count stored, List<Integer> statuses, long left) {
		return new PipelineResult(PUBLISHED, 5.0, left, 0, stored, statuses, null, false, 150, List.of(186L), null);
	}

}
