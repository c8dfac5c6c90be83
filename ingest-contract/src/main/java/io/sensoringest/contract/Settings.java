package io.sensoringest.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The project's settings for code that runs without Spring: the environment first, then
 * the nearest {@code .env} at or above the working directory, the same file that make,
 * docker compose and the apps read. Values are taken as written: {@code .env} has no
 * quoting or expansion, so that all three readers agree on it.
 */
public final class Settings {

	private final Map<String, String> environment;

	private final Map<String, String> dotEnv;

	Settings(Map<String, String> environment, Map<String, String> dotEnv) {
		this.environment = environment;
		this.dotEnv = dotEnv;
	}

	/** Returns the settings of this process. */
	public static Settings load() {
		return new Settings(System.getenv(), nearestDotEnv());
	}

	/**
	 * Returns the values of the nearest {@code .env} at or above the working directory,
	 * with no environment in front of them.
	 */
	public static Map<String, String> nearestDotEnv() {
		Path dotEnvFile = findDotEnv(Path.of("").toAbsolutePath());
		return (dotEnvFile != null) ? parse(dotEnvFile) : Map.of();
	}

	/** Returns settings taken only from the given map, for tests. */
	public static Settings of(Map<String, String> values) {
		return new Settings(values, Map.of());
	}

	/**
	 * Returns the setting's value, if the environment or {@code .env} has a non-blank
	 * one.
	 */
	public Optional<String> find(String name) {
		String value = environment.get(name);
		if (value == null || value.isBlank()) {
			value = dotEnv.get(name);
		}
		return Optional.ofNullable(value).filter((v) -> !v.isBlank());
	}

	/**
	 * Returns the setting's value.
	 * @throws InvalidSettingException if neither the environment nor {@code .env} has it
	 */
	public String get(String name) {
		return find(name).orElseThrow(() -> new InvalidSettingException(name, null, "is not set"));
	}

	/**
	 * Returns a whole-number setting.
	 * @throws InvalidSettingException if it is missing, not a whole number, or outside
	 * {@code [min, max]}
	 */
	public long whole(String name, long min, long max) {
		String text = get(name);
		long value;
		try {
			value = Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidSettingException(name, text, "is not a whole number");
		}
		if (value < min || value > max) {
			throw new InvalidSettingException(name, text, "must be between " + min + " and " + max);
		}
		return value;
	}

	/** Returns a whole-number setting that fits an {@code int}. */
	public int integer(String name, int min, int max) {
		return (int) whole(name, min, max);
	}

	/** Returns a TCP port setting; 0 where the caller lets the system pick one. */
	public int port(String name) {
		return integer(name, 0, 65535);
	}

	/**
	 * Returns a duration setting, written as {@link SettingText#duration(String)} reads
	 * it.
	 */
	public Duration duration(String name) {
		String text = get(name);
		try {
			return SettingText.duration(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(name, text, SettingText.notA(Duration.class));
		}
	}

	/**
	 * Returns a setting that must name one of an enum's constants, in any case, with
	 * {@code -} or {@code _} between words.
	 */
	public <E extends Enum<E>> E choice(String name, Class<E> type) {
		String text = get(name);
		for (E constant : type.getEnumConstants()) {
			if (SettingText.constant(constant).equalsIgnoreCase(text.trim().replace('_', '-'))) {
				return constant;
			}
		}
		throw new InvalidSettingException(name, text, SettingText.notA(type));
	}

	/**
	 * Returns a setting that holds words separated by blanks, such as JVM options; none
	 * when it is missing or blank.
	 */
	public List<String> words(String name) {
		return find(name).map((text) -> List.of(text.strip().split("\\s+"))).orElse(List.of());
	}

	/** Returns a true/false setting. */
	public boolean flag(String name) {
		String text = get(name);
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "true", "yes", "1", "on" -> true;
			case "false", "no", "0", "off" -> false;
			default -> throw new InvalidSettingException(name, text, "is not true or false");
		};
	}

	/**
	 * Returns the nearest directory at or above the given one that holds a {@code .env}.
	 */
	public static Path projectRoot(Path from) {
		Path file = findDotEnv(from.toAbsolutePath());
		if (file == null) {
			throw new IllegalStateException("no .env at or above " + from.toAbsolutePath());
		}
		return file.getParent();
	}

	private static Path findDotEnv(Path dir) {
		for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
			if (Files.isRegularFile(candidate.resolve(".env"))) {
				return candidate.resolve(".env");
			}
		}
		return null;
	}

	static Map<String, String> parse(Path file) {
		Map<String, String> values = new HashMap<>();
		try {
			for (String line : Files.readAllLines(file)) {
				int eq = line.indexOf('=');
				if (!line.startsWith("#") && eq > 0) {
					values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		return values;
	}

}
