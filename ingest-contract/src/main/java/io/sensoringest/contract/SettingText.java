package io.sensoringest.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How settings are written, shared by every reader of them (the apps through Spring Boot,
 * the command line through {@link DotEnv}): the duration syntax, enum constants as
 * written, and the words for a value of the wrong kind.
 */
public final class SettingText {

	/** What a duration setting accepts, as error messages show it. */
	public static final String DURATION_FORMS = "250ms, 5s, 5m, 1h, 90d, off";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

	private SettingText() {
	}

	/**
	 * Returns whether a setting is a secret, whose value is never shown: a password or
	 * the RabbitMQ cluster's cookie. ({@code make show-settings} applies the same rule.)
	 */
	public static boolean isSecret(String name) {
		return name.contains("PASSWORD") || name.contains("COOKIE");
	}

	/** Returns a setting's value as it may be shown: a secret's as asterisks. */
	public static String shown(String name, String value) {
		return (isSecret(name) && value != null && !value.isEmpty()) ? "******" : value;
	}

	/**
	 * Returns the environment name that a property's raw value is mapped from, as in
	 * {@code ${PRODUCER_BATCH_ROWS:5000}}; {@code null} when it is not a placeholder.
	 */
	public static String placeholderName(Object raw) {
		Matcher placeholder = PLACEHOLDER.matcher((raw != null) ? raw.toString() : "");
		return placeholder.find() ? placeholder.group(1) : null;
	}

	/**
	 * Returns what is wrong with a number that is missing or outside {@code [min, max]},
	 * or {@code null}.
	 */
	public static String outside(Number value, long min, long max) {
		if (value == null) {
			return "is not set";
		}
		return (value.longValue() < min || value.longValue() > max) ? "must be between " + min + " and " + max : null;
	}

	/** Returns what is wrong with a value that is missing, or {@code null}. */
	public static String missing(Object value) {
		return (value == null) ? "is not set" : null;
	}

	/** Returns what is wrong with a missing or zero duration, or {@code null}. */
	public static String notPositive(Duration value) {
		if (value == null) {
			return "is not set";
		}
		return value.isZero() ? "must be longer than zero" : null;
	}

	/** Returns what is wrong with a blank value that must be set, or {@code null}. */
	public static String unset(String value) {
		return (blankToNull(value) == null) ? "is not set" : null;
	}

	/**
	 * Returns what is wrong with a file that is named but cannot be read, or
	 * {@code null}; a blank name is not a file and is fine.
	 */
	public static String unreadable(String file) {
		return (blankToNull(file) != null && !Files.isReadable(Path.of(file.strip()))) ? "is not a readable file"
				: null;
	}

	/** Returns the value stripped, or {@code null} when it is blank or missing. */
	public static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
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

	/**
	 * Returns a duration as a setting writes it ({@code 250ms}, {@code 5s}, {@code 5m},
	 * {@code 1h}, {@code 90d}; {@code off} for zero), in the largest unit that holds it
	 * whole, so that a message names the value the user gave.
	 */
	public static String written(Duration value) {
		if (value.isZero()) {
			return "off";
		}
		long millis = value.toMillis();
		long[] sizes = { 86_400_000, 3_600_000, 60_000, 1000 };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < sizes.length; i++) {
			if (millis % sizes[i] == 0) {
				return (millis / sizes[i]) + units[i];
			}
		}
		return millis + "ms";
	}

	private static Duration parseDuration(String text) {
		if (text.startsWith("pt")) {
			return Duration.parse(text);
		}
		String[][] units = { { "ms", "0.001" }, { "s", "1" }, { "m", "60" }, { "h", "3600" }, { "d", "86400" } };
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
	 * Returns a converter's reason in the words of {@link #notA(Class)} when it names the
	 * type it could not convert to ({@code Failed to convert to type java.lang.Integer}),
	 * else the reason as it is.
	 */
	public static String conversionProblem(String reason) {
		String prefix = "Failed to convert to type ";
		if (reason != null && reason.startsWith(prefix)) {
			try {
				String problem = notA(Class.forName(reason.substring(prefix.length()).strip()));
				if (problem != null) {
					return problem;
				}
			}
			catch (ClassNotFoundException ex) {
				// not a type this project knows: the reason as it is
			}
		}
		return reason;
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
