package io.sensoringest.contract;

import java.time.Duration;

/**
 * Delays that double from a first to a largest value, for retrying against a server that
 * went away.
 */
public final class Backoff {

	private final long firstMillis;

	private final long maxMillis;

	private long nextMillis;

	public Backoff(Duration first, Duration max) {
		this.firstMillis = first.toMillis();
		this.maxMillis = max.toMillis();
		this.nextMillis = this.firstMillis;
	}

	/** Returns the delay before the next try, and doubles the one after. */
	public long nextDelayMillis() {
		long delay = this.nextMillis;
		this.nextMillis = Math.min(this.nextMillis * 2, this.maxMillis);
		return delay;
	}

	/** Returns whether the next delay is the first: no retry since the last success. */
	public boolean atStart() {
		return this.nextMillis == this.firstMillis;
	}

	/** Starts again from the first delay, after a success. */
	public void reset() {
		this.nextMillis = this.firstMillis;
	}

}
