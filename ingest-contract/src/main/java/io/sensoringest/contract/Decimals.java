package io.sensoringest.contract;

/**
 * Parses decimal numbers as {@link Double#parseDouble} does, with the same result, faster
 * for the common shape. Both apps parse one value per row, and the general parser was the
 * largest single item of the consumer's CPU profile in {@code make bench}.
 *
 * <p>
 * The common shape is {@code [+-]digits[.digits]} with at most 2<sup>53</sup> as its
 * digits read as an integer and at most 22 of them after the point: that integer and the
 * power of ten are then exact doubles, and one IEEE division rounds their quotient
 * correctly, which is what {@code parseDouble} returns (the fast path of Clinger's
 * algorithm). Anything else goes to {@code parseDouble}.
 */
public final class Decimals {

	private static final double[] POWERS_OF_TEN = new double[23];

	private static final long MAX_EXACT = 1L << 53;

	static {
		double power = 1;
		for (int i = 0; i < POWERS_OF_TEN.length; i++) {
			POWERS_OF_TEN[i] = power;
			power *= 10;
		}
	}

	private Decimals() {
	}

	/**
	 * Parses a number.
	 * @throws NumberFormatException where {@link Double#parseDouble} would
	 */
	public static double parse(String text) {
		double fast = commonShape(text);
		return Double.isNaN(fast) ? Double.parseDouble(text) : fast;
	}

	/** The number, or NaN when the text is not of the common shape. */
	static double commonShape(String text) {
		int length = text.length();
		int i = 0;
		boolean negative = false;
		if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
			negative = text.charAt(0) == '-';
			i++;
		}
		long digits = 0;
		int significant = 0;
		int afterPoint = 0;
		boolean point = false;
		boolean anyDigit = false;
		for (; i < length; i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				anyDigit = true;
				if (digits != 0 || c != '0') {
					// 18 digits cannot overflow a long; more are beyond the fast path
					if (++significant > 18) {
						return Double.NaN;
					}
				}
				digits = digits * 10 + (c - '0');
				if (point) {
					afterPoint++;
				}
			}
			else if (c == '.' && !point) {
				point = true;
			}
			else {
				return Double.NaN;
			}
		}
		if (!anyDigit || digits > MAX_EXACT || afterPoint >= POWERS_OF_TEN.length) {
			return Double.NaN;
		}
		double value = digits / POWERS_OF_TEN[afterPoint];
		return negative ? -value : value;
	}

}
