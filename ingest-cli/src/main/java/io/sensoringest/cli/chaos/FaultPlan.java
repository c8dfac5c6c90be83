package io.sensoringest.cli.chaos;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.sensoringest.cli.command.Fault;

/**
 * When each fault strikes: at a random share of the rows, drawn from a seed so that a run
 * can be repeated. Faults on the producer are timed by the rows it has had confirmed, the
 * others by the rows stored, so each lands while its victim is at work however fast the
 * machine is.
 */
final class FaultPlan {

	private static final double FIRST = 0.05;

	private static final double PRODUCER_LAST = 0.7;

	private static final double LAST = 0.85;

	private final Deque<Planned> producerFaults;

	private final Deque<Planned> otherFaults;

	private FaultPlan(Deque<Planned> producerFaults, Deque<Planned> otherFaults) {
		this.producerFaults = producerFaults;
		this.otherFaults = otherFaults;
	}

	static FaultPlan draw(List<Fault> faults, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Planned> planned = faults.stream()
			.map((fault) -> new Planned(fault,
					random.nextDouble(FIRST, fault.hitsTheProducer() ? PRODUCER_LAST : LAST)))
			.sorted(Comparator.comparingDouble(Planned::share))
			.toList();
		return new FaultPlan(
				planned.stream()
					.filter((p) -> p.fault().hitsTheProducer())
					.collect(Collectors.toCollection(ArrayDeque::new)),
				planned.stream()
					.filter((p) -> !p.fault().hitsTheProducer())
					.collect(Collectors.toCollection(ArrayDeque::new)));
	}

	/**
	 * Takes the next fault that is due, if any.
	 * @param confirmedShare share of the rows the broker has confirmed to the producer
	 * @param storedShare share of the rows stored
	 * @param possible whether a fault can strike now (a consumer to kill must be at work)
	 * @return the fault, or {@code null}
	 */
	Planned next(double confirmedShare, double storedShare, Predicate<Fault> possible) {
		if (!this.producerFaults.isEmpty() && this.producerFaults.peek().share() <= confirmedShare
				&& possible.test(this.producerFaults.peek().fault())) {
			return this.producerFaults.poll();
		}
		if (!this.otherFaults.isEmpty() && this.otherFaults.peek().share() <= storedShare
				&& possible.test(this.otherFaults.peek().fault())) {
			return this.otherFaults.poll();
		}
		return null;
	}

	/** Returns the faults not injected yet. */
	List<Planned> pending() {
		return Stream.concat(this.producerFaults.stream(), this.otherFaults.stream()).toList();
	}

	@Override
	public String toString() {
		return Stream.concat(this.producerFaults.stream(), this.otherFaults.stream())
			.sorted(Comparator.comparingDouble(Planned::share))
			.map(Planned::toString)
			.collect(Collectors.joining(", "));
	}

	/**
	 * A fault and when it strikes.
	 *
	 * @param fault the fault
	 * @param share the share of the rows (confirmed, or stored) it waits for
	 */
	record Planned(Fault fault, double share) {

		@Override
		public String toString() {
			return fault.setting() + " at " + Math.round(share * 100) + "% "
					+ (fault.hitsTheProducer() ? "confirmed" : "stored");
		}

	}

}
