package io.sensoringest.cli.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The supervisor's memory of each consumer: when it started last, how many times in a row
 * it died young, and when it is due to start again. Only the supervising thread uses it.
 */
final class Restarts {

	/** A consumer that exits sooner than this after its start died young. */
	static final Duration QUICK_DEATH = Duration.ofSeconds(10);

	/** After this many young deaths in a row a consumer is not started again. */
	static final int YOUNG_DEATHS_GIVEN_UP = 3;

	/** The first restart's delay, doubled for each young death before it. */
	static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(1);

	private final Map<Integer, Long> startedAt = new HashMap<>();

	private final Map<Integer, Integer> youngDeaths = new HashMap<>();

	private final Map<Integer, Long> due = new HashMap<>();

	/** Consumers started before supervision began count from its start. */
	private final long created = System.nanoTime();

	long startedAt(int consumer) {
		return this.startedAt.getOrDefault(consumer, this.created);
	}

	int died(int consumer, boolean young) {
		int deaths = young ? this.youngDeaths.getOrDefault(consumer, 0) + 1 : 0;
		this.youngDeaths.put(consumer, deaths);
		return deaths;
	}

	void restartAfter(int consumer, long now, Duration delay) {
		this.due.put(consumer, now + delay.toNanos());
	}

	boolean pending(int consumer) {
		return this.due.containsKey(consumer);
	}

	boolean due(int consumer, long now) {
		return now - this.due.get(consumer) >= 0;
	}

	void started(int consumer, long now) {
		this.due.remove(consumer);
		this.startedAt.put(consumer, now);
	}

}
