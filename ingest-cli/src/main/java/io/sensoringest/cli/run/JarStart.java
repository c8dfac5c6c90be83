package io.sensoringest.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the command line starts the apps' jars (the consumers, the migration, chaos's
 * producer, the benchmark's whole run): through {@code scripts/start-jar.sh}, the one
 * start-up mechanism of the project, which the make targets use for the command line
 * itself. It starts a jar from its extracted form with an AOT cache per command; its
 * comment says how. The script is found from the jar upwards, as a build lays them out;
 * where there is none (a jar copied elsewhere), the jar starts as it is.
 */
public final class JarStart {

	private static final Path SCRIPT = Path.of("scripts", "start-jar.sh");

	private JarStart() {
	}

	/**
	 * Returns how to start {@code java [options] -jar jar arguments} with this process's
	 * Java.
	 */
	public static ProcessBuilder of(Path jar, List<String> options, String... arguments) {
		List<String> command = new ArrayList<>();
		Optional<Path> script = script(jar);
		if (script.isPresent()) {
			command.addAll(List.of("bash", script.get().toString(), jar.toString()));
			command.addAll(options);
			command.add("--");
		}
		else {
			command.add(javaCommand());
			command.addAll(options);
			command.addAll(List.of("-jar", jar.toString()));
		}
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("JAVA", javaCommand());
		return builder;
	}

	/**
	 * Sends SIGKILL to a process started here and to what it started: a start that makes
	 * its AOT cache runs the JVM as the script's child.
	 */
	public static void kill(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	/**
	 * Returns the JVM of a process started here: the process, or the JVM the script waits
	 * for while it makes the cache.
	 */
	public static ProcessHandle jvm(Process process) {
		return process.children().findFirst().orElse(process.toHandle());
	}

	/** Returns this process's {@code java}. */
	static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Optional<Path> script(Path jar) {
		for (Path dir = jar.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve(SCRIPT))) {
				return Optional.of(dir.resolve(SCRIPT));
			}
		}
		return Optional.empty();
	}

}
