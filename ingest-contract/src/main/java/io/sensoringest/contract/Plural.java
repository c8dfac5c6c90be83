package io.sensoringest.contract;

/** Counts in words: "1 message", "1,200 messages". */
public final class Plural {

	private Plural() {
	}

	/** Returns the count with thousands separators and the noun, plural unless one. */
	public static String of(long count, String noun) {
		return String.format("%,d %s", count, (count == 1) ? noun : noun + "s");
	}

}
