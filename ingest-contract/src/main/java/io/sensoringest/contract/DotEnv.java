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
public final class DotEnv {

	/**
	 * The system property naming the {@code .env} file that the apps'
	 * {@code application.yml} imports ({@code .env} in the working directory without it).
	 */
	public static final String DOT_ENV_PROPERTY = "sensor-ingest.dot-env";

	private final Map<String, String> environment;

	private final Map<String, String> dotEnv;

	DotEnv(Map<String, String> environment, Map<String, String> dotEnv) {
		this.environment = environment;
		this.dotEnv = dotEnv;
	}

	/** Returns the settings of this process. */
	public static DotEnv load() {
		return new DotEnv(System.getenv(), nearestDotEnv());
	}

	/**
	 * Returns the values of the nearest {@code .env} at or above the working directory,
	 * with no environment in front of them.
	 */
	public static Map<String, String> nearestDotEnv() {
		return dotEnvFile().map(DotEnv::parse).orElse(Map.of());
	}

	/**
	 * Returns the {@code .env} every process of the project reads: the nearest at or
	 * above the working directory.
	 */
	public static Optional<Path> dotEnvFile() {
		return Optional.ofNullable(findDotEnv(Path.of("").toAbsolutePath()));
	}

	/**
	 * Points the app's {@code application.yml}, which imports the {@code .env} named by
	 * {@link #DOT_ENV_PROPERTY}, at {@link #dotEnvFile()}: called by each app's
	 * {@code main} before Spring starts, so that the apps find {@code .env} as the CLI,
	 * make and the tests do.
	 */
	public static void importNearestDotEnv() {
		dotEnvFile().ifPresent((file) -> System.setProperty(DOT_ENV_PROPERTY, file.toString()));
	}

	/**
	 * The rule by which every process finds its settings, in the words each
	 * {@code --help} ends with, naming the {@code .env} it would read now.
	 */
	public static String rule() {
		return "Settings come from the environment, then the nearest .env at or above the working\nfolder (now "
				+ dotEnvFile().map(Path::toString).orElse("none")
				+ "), then the built-in defaults (docs/configuration.md).";
	}

	/** Returns settings taken only from the given map, for tests. */
	public static DotEnv of(Map<String, String> values) {
		return new DotEnv(values, Map.of());
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
