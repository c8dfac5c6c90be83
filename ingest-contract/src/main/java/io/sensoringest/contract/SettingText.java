package io.sensoringest.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How settings are written, shared by every reader of them (the apps through Spring Boot,
 * the command line through {@link Settings}): the duration syntax, enum constants as
 * written, and the words for a value of the wrong kind.
 */
public final class SettingText {

	/** What a duration setting accepts, as error messages show it. */
	public static final String DURATION_FORMS = "250ms, 5s, 5m, 1h, off";

	private SettingText() {
	}

	/**
	 * Reads a duration written as a number and a unit ({@code 250ms}, {@code 5s},
	 * {@code 5m}, {@code 1h}), a bare number of seconds, or ISO-8601 ({@code PT5M});
	 * {@code 0} and {@code off} give {@link Duration#ZERO}.
	 * @throws IllegalArgumentException if the text is none of those, or negative
	 */
	public static Duration duration(String text) {
		String normal = text.trim().toLowerCase(Locale.ROOT);
		try {
			Duration value = normal.equals("off") ? Duration.ZERO : parseDuration(normal);
			if (!value.isNegative()) {
				return value;
			}
		}
		catch (ArithmeticException | DateTimeParseException | NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("'" + text + "' is not a duration (" + DURATION_FORMS + ")");
	}

	private static Duration parseDuration(String text) {
		if (text.startsWith("pt")) {
			return Duration.parse(text);
		}
		String[][] units = { { "ms", "0.001" }, { "s", "1" }, { "m", "60" }, { "h", "3600" } };
		for (String[] unit : units) {
			if (text.endsWith(unit[0])) {
				BigDecimal amount = new BigDecimal(text.substring(0, text.length() - unit[0].length()).trim());
				return seconds(amount.multiply(new BigDecimal(unit[1])));
			}
		}
		return seconds(new BigDecimal(text));
	}

	private static Duration seconds(BigDecimal seconds) {
		return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
	}

	/**
	 * Returns an enum constant as a setting writes it: {@code VERIFY_FULL} →
	 * {@code verify-full}.
	 */
	public static String constant(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** Returns the constants of an enum as a setting writes them, separated by commas. */
	public static String constants(Class<?> type) {
		return Arrays.stream(type.getEnumConstants())
			.map((constant) -> constant((Enum<?>) constant))
			.collect(Collectors.joining(", "));
	}

	/**
	 * Returns what is wrong with a value that could not be read as the given type, for
	 * example {@code "is not a whole number"}; {@code null} for a type without such
	 * words.
	 */
	public static String notA(Class<?> type) {
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "is not a whole number";
		}
		if (type == Duration.class) {
			return "is not a duration (" + DURATION_FORMS + ")";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "is not true or false";
		}
		if (type.isEnum()) {
			return "is not one of " + constants(type);
		}
		return null;
	}

}
