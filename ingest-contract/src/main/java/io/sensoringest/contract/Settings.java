package io.sensoringest.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The project's settings as text, for code that runs without Spring (the tests' server
 * lookup): the environment first, then the nearest {@code .env} at or above the working
 * directory, the same file that make, docker compose and the apps read. The apps and the
 * CLI bind theirs with Spring Boot, behind the same {@code .env}. Values are taken as
 * written: {@code .env} has no quoting or expansion, so that all three readers agree on
 * it.
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
