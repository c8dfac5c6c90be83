package io.sensoringest.producer.checkpoint;

import io.sensoringest.producer.input.FileIdentity;

/**
 * How far the broker has confirmed one version of one file.
 *
 * @param path the file's absolute path, the key
 * @param identity the version of the file this applies to
 * @param confirmedLine every valid row up to this line is confirmed (0: none)
 * @param rowsConfirmed how many rows that is
 * @param rowsRejected rows rejected so far
 * @param complete whether every valid row of the file is confirmed
 */
public record FileCheckpoint(String path, FileIdentity identity, long confirmedLine, long rowsConfirmed,
		long rowsRejected, boolean complete) {

	private static final int FIELDS = 8;

	/** A file nothing of which is confirmed yet. */
	public static FileCheckpoint start(String path, FileIdentity identity) {
		return new FileCheckpoint(path, identity, 0, 0, 0, false);
	}

	public String toLine() {
		return Tsv.line(path, identity.size(), identity.modifiedMillis(), identity.fingerprint(), confirmedLine,
				rowsConfirmed, rowsRejected, complete);
	}

	/**
	 * Reads a line back; {@code null} for a line that is not whole (a write cut short).
	 */
	public static FileCheckpoint fromLine(String line) {
		String[] f = line.split("\t", -1);
		if (f.length != FIELDS || !(f[7].equals("true") || f[7].equals("false"))) {
			return null;
		}
		try {
			return new FileCheckpoint(Tsv.unescape(f[0]),
					new FileIdentity(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]), Long.parseLong(f[4]),
					Long.parseLong(f[5]), Long.parseLong(f[6]), Boolean.parseBoolean(f[7]));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
