package io.sensoringest.producer.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which files in a watched folder are complete and not yet taken. A file counts as
 * complete once its size and modification time have stayed the same for the settle time,
 * or once it was last modified longer ago than that (a file renamed into place is taken
 * at once). A file taken before is taken again when it changed since: a new version. Pure
 * bookkeeping over what scans report, with times in milliseconds, so that it can be
 * tested without a clock. Safe to ask from another thread (the meters).
 */
final class Settling {

	private final long settleMillis;

	private final Map<Path, Seen> seen = new TreeMap<>();

	private final Map<Path, Stamp> taken = new HashMap<>();

	Settling(long settleMillis) {
		this.settleMillis = settleMillis;
	}

	/**
	 * Notes what a scan of the whole folder found; a file it no longer found is
	 * forgotten, so that one put back is taken again.
	 */
	synchronized void scanned(Map<Path, Stamp> files, long now) {
		this.seen.keySet().retainAll(files.keySet());
		this.taken.keySet().retainAll(files.keySet());
		files.forEach((path, stamp) -> {
			Seen before = this.seen.get(path);
			if (before == null || !before.stamp().equals(stamp)) {
				this.seen.put(path, new Seen(stamp, now));
			}
		});
	}

	/** Returns the complete files not taken in their present version, by path. */
	synchronized List<Path> ready(long now) {
		List<Path> ready = new ArrayList<>();
		this.seen.forEach((path, seen) -> {
			if (settled(seen, now) && !seen.stamp().equals(this.taken.get(path))) {
				ready.add(path);
			}
		});
		return ready;
	}

	/** Whether the file was taken before in another version. */
	synchronized boolean changedSinceTaken(Path path) {
		Stamp before = this.taken.get(path);
		Seen now = this.seen.get(path);
		return before != null && now != null && !before.equals(now.stamp());
	}

	/** Returns the version of the file that {@link #ready} offered. */
	synchronized Stamp stamp(Path path) {
		return this.seen.get(path).stamp();
	}

	/** Notes that a version of the file was taken. */
	synchronized void taken(Path path, Stamp stamp) {
		this.taken.put(path, stamp);
	}

	/** Forgets that the file was taken, so that it is offered again. */
	synchronized void untaken(Path path) {
		this.taken.remove(path);
	}

	/** Returns how many input files the last scan found. */
	synchronized int seen() {
		return this.seen.size();
	}

	/** Returns how many files are seen but not taken in their present version. */
	synchronized int waiting() {
		return (int) this.seen.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().stamp().equals(this.taken.get(entry.getKey())))
			.count();
	}

	/**
	 * Returns when the file seen longest ago, and not taken yet, was first seen in its
	 * present version; {@code now} when none waits.
	 */
	synchronized long oldestWaitingSince(long now) {
		return this.seen.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().stamp().equals(this.taken.get(entry.getKey())))
			.mapToLong((entry) -> entry.getValue().since())
			.min()
			.orElse(now);
	}

	/**
	 * Returns when the next file seen but not complete yet will be complete, if it does
	 * not change; {@link Long#MAX_VALUE} when none is settling.
	 */
	synchronized long nextDue(long now) {
		long due = Long.MAX_VALUE;
		for (Seen seen : this.seen.values()) {
			if (!settled(seen, now)) {
				due = Math.min(due, Math.min(seen.since(), seen.stamp().modifiedMillis()) + this.settleMillis);
			}
		}
		return due;
	}

	private boolean settled(Seen seen, long now) {
		return now - seen.since() >= this.settleMillis || now - seen.stamp().modifiedMillis() >= this.settleMillis;
	}

	/**
	 * A version of a file as a scan sees it.
	 *
	 * @param size bytes
	 * @param modifiedMillis modification time
	 */
	record Stamp(long size, long modifiedMillis) {

	}

	/**
	 * A file as last seen, and since when it looked that way.
	 */
	private record Seen(Stamp stamp, long since) {

	}

}
