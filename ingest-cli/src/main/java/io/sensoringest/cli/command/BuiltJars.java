package io.sensoringest.cli.command;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of {@code --consumer-jar} and {@code --producer-jar}: the apps' jars built
 * beside the command line's own. From the folder of the command line's jar (or classes)
 * upwards, the first folder that holds {@code consumer-app.jar}, or the build's
 * {@code consumer-app/target/consumer-app.jar}; where none does, that build path below
 * the working folder, which the command then reports as missing.
 */
public final class BuiltJars implements IDefaultValueProvider {

	@Override
	public String defaultValue(ArgSpec argument) {
		if (argument instanceof OptionSpec option) {
			return switch (option.longestName()) {
				case "--consumer-jar" -> shown(find("consumer-app", home()));
				case "--producer-jar" -> shown(find("producer-app", home()));
				default -> null;
			};
		}
		return null;
	}

	/**
	 * Returns the path as short as it may be said: relative to the working folder when
	 * below it, as a user of {@code make} would write it.
	 */
	static String shown(Path jar) {
		Path here = Path.of("").toAbsolutePath();
		Path absolute = jar.toAbsolutePath().normalize();
		return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
	}

	/** Returns the app's jar nearest to the given folder, looking upwards. */
	static Path find(String app, Path from) {
		String jar = app + ".jar";
		for (Path dir = from; dir != null; dir = dir.getParent()) {
			for (Path candidate : new Path[] { dir.resolve(jar), dir.resolve(app).resolve("target").resolve(jar) }) {
				if (Files.isRegularFile(candidate)) {
					return candidate;
				}
			}
		}
		return Path.of(app, "target", jar);
	}

	/** Returns the folder of the jar or the classes this command line runs from. */
	private static Path home() {
		try {
			Path location = location(BuiltJars.class.getProtectionDomain().getCodeSource().getLocation().toString());
			return Files.isDirectory(location) ? location : location.toAbsolutePath().getParent();
		}
		catch (RuntimeException ex) {
			return Path.of("").toAbsolutePath();
		}
	}

	/**
	 * Returns the file or folder a code source names: a {@code file:} URL, or the outer
	 * jar of one nested in another, as Spring Boot's launcher names its classes
	 * ({@code jar:nested:/x/ingest-cli.jar/!BOOT-INF/classes/!/}).
	 */
	static Path location(String url) {
		String path = url.replaceFirst("^jar:", "").replaceFirst("^nested:", "file:");
		int nested = path.indexOf("/!");
		if (nested < 0) {
			nested = path.indexOf("!/");
		}
		if (nested >= 0) {
			path = path.substring(0, nested);
		}
		return Path.of(URI.create(path));
	}

}
