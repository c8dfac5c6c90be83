package io.sensoringest.cli.chaos;

import java.util.ArrayList;
import java.util.List;

import io.sensoringest.cli.command.Fault;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTests {

	private static final List<Fault> FAULTS = Fault
		.parse("kill-consumer, restart-rabbitmq,kill-producer,restart-postgres,kill-consumer");

	@Test
	void readsTheListAndNamesAnUnknownFault() {
		assertThat(FAULTS).containsExactly(Fault.KILL_CONSUMER, Fault.RESTART_RABBITMQ, Fault.KILL_PRODUCER,
				Fault.RESTART_POSTGRES, Fault.KILL_CONSUMER);
		assertThatThrownBy(() -> Fault.parse("kill-consumer,reboot")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("names an unknown fault 'reboot'; known: kill-consumer,");
	}

	@Test
	void everyFaultComesDueOnceInOrderOfItsShareAndTheSameSeedGivesTheSamePlan() {
		assertThat(FaultPlan.draw(FAULTS, 42).toString()).isEqualTo(FaultPlan.draw(FAULTS, 42).toString())
			.isNotEqualTo(FaultPlan.draw(FAULTS, 43).toString());
		FaultPlan plan = FaultPlan.draw(FAULTS, 42);
		List<FaultPlan.Planned> due = new ArrayList<>();
		for (double share = 0; share <= 1.0; share += 0.01) {
			FaultPlan.Planned next;
			while ((next = plan.next(share, share, (fault) -> true)) != null) {
				assertThat(next.share()).isLessThanOrEqualTo(share).isBetween(0.05, 0.85);
				due.add(next);
			}
		}
		assertThat(due).extracting(FaultPlan.Planned::fault).containsExactlyInAnyOrderElementsOf(FAULTS);
		assertThat(plan.pending()).isEmpty();
	}

	@Test
	void aFaultThatCannotStrikeYetWaits() {
		FaultPlan plan = FaultPlan.draw(List.of(Fault.KILL_CONSUMER), 1);

		assertThat(plan.next(1, 1, (fault) -> false)).isNull();
		assertThat(plan.next(1, 1, (fault) -> true).fault()).isEqualTo(Fault.KILL_CONSUMER);
	}

}
