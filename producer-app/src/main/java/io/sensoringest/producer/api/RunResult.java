package io.sensoringest.producer.api;

import java.util.List;

/**
 * What a run did.
 *
 * @param files input files found
 * @param filesPublished files whose every valid row is now confirmed
 * @param filesAlreadyDone files skipped because an earlier run published them
 * @param filesFailed files skipped whole: no header, unreadable
 * @param rowsValid valid rows of every file now completely published, in this run or
 * before
 * @param rowsConfirmed rows the broker confirmed in this run
 * @param rowsRejected rows rejected in this run
 * @param seconds wall time
 * @param fatal why the run stopped early, or {@code null}
 * @param unfinished how far each unfinished file got, when it stopped early
 * @param filesWithRejects the files that had rejected rows or could not be used
 */
public record RunResult(int files, int filesPublished, int filesAlreadyDone, int filesFailed, long rowsValid,
		long rowsConfirmed, long rowsRejected, double seconds, String fatal, List<String> unfinished,
		List<String> filesWithRejects) {

	/** How many files with rejects the summary names. */
	private static final int NAMED = 5;

	/**
	 * 0: every valid row confirmed; 1: that, but some rows or files were rejected; 2:
	 * stopped early.
	 */
	public int exitCode() {
		if (fatal != null) {
			return 2;
		}
		return (rowsRejected > 0 || filesFailed > 0) ? 1 : 0;
	}

	/** Returns the one summary line. */
	public String summary() {
		if (fatal == null && filesPublished == 0 && filesFailed == 0 && filesAlreadyDone > 0) {
			return String.format(
					"nothing to publish: all %,d files were published before (--force publishes them again)",
					filesAlreadyDone);
		}
		String already = (filesAlreadyDone > 0)
				? String.format(" (%,d already published before, skipped)", filesAlreadyDone) : "";
		return String.format(
				"%s%,d files%s, %,d published, %,d failed; %,d rows published, %,d rows rejected, %.1f s, %,.0f rows/s%s",
				(fatal != null) ? "stopped early: " : "", files, already, filesPublished, filesFailed, rowsConfirmed,
				rowsRejected, seconds, rowsConfirmed / Math.max(seconds, 1e-3), rejectsNamed());
	}

	private String rejectsNamed() {
		if (filesWithRejects.isEmpty()) {
			return "";
		}
		List<String> sorted = filesWithRejects.stream().sorted().toList();
		String more = (sorted.size() > NAMED) ? " and " + (sorted.size() - NAMED) + " more" : "";
		return "; see " + String.join(", ", sorted.subList(0, Math.min(NAMED, sorted.size()))) + more;
	}

}
