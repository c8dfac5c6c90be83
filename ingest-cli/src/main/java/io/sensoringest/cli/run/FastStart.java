package io.sensoringest.cli.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.cli.command.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Spring Boot jar the fast way its documentation gives for Java 25: from the
 * jar's extracted form ({@code java -Djarmode=tools -jar app.jar extract}), with an AOT
 * cache of the classes it loads and links (JEP 483, made in one run since JEP 514).
 *
 * <p>
 * Both sit beside the jar, in a folder named for its size and time, so that a rebuilt jar
 * gets its own. The cache is made by the first consumer that starts without one, as it
 * exits ({@code -XX:AOTCacheOutput}), into a file of its own; once that process has
 * exited cleanly the file is moved into place, so that no JVM maps a half-written cache.
 * Where anything of this fails, the jar starts as it is.
 */
final class FastStart {

	private static final Logger logger = LoggerFactory.getLogger(FastStart.class);

	private static final String ARCHIVE = "app.aot";

	private static final String TRAINING = ".training-";

	/**
	 * No AOT cache warnings in the app's log: a missing or stale cache only means slower.
	 */
	private static final List<String> QUIET = List.of("-Xlog:aot=off", "-Xlog:cds=off");

	private FastStart() {
	}

	/**
	 * Returns how to start the jar fast.
	 * @param jar the Spring Boot jar
	 * @param options the JVM options it is started with: under a Java agent (the tests'
	 * coverage) no cache is made, which would hold the agent's classes; under a flight
	 * recording none is used: mapping a class archive crashed Java 17 here, in its class
	 * file load hook
	 * @param train whether this start may make the cache if there is none
	 */
	static synchronized Launch launch(Path jar, List<String> options, boolean train) {
		Path dir;
		try {
			dir = extracted(jar);
		}
		catch (IOException ex) {
			logger.debug("starting {} as it is: {}", jar, ex.getMessage());
			return new Launch(List.of("-jar", jar.toString()), null);
		}
		List<String> arguments = new ArrayList<>(QUIET);
		Path archive = dir.resolve(ARCHIVE);
		Path training = null;
		boolean agent = options.stream().anyMatch((option) -> option.startsWith("-javaagent"));
		boolean recording = options.stream().anyMatch((option) -> option.startsWith("-XX:StartFlightRecording"));
		if (recording) {
			logger.debug("starting {} without an AOT cache under a flight recording", jar);
		}
		else if (Files.isRegularFile(archive)) {
			arguments.add("-XX:AOTCache=" + archive);
		}
		else if (train && !agent && !trainingUnderWay(dir)) {
			training = claim(dir);
			if (training != null) {
				arguments.add("-XX:AOTCacheOutput=" + training);
			}
		}
		arguments.add("-jar");
		arguments.add(dir.resolve(jar.getFileName()).toString());
		return new Launch(arguments, training);
	}

	/**
	 * Ends a start's training once its process is gone: the cache it wrote goes into
	 * place if the process exited cleanly; otherwise the claim goes, so that the next
	 * start trains instead of waiting out the claim's ten minutes.
	 * @param training the file it was told to write, or {@code null}
	 * @param exitedCleanly whether the process exited 0
	 */
	static synchronized void settle(Path training, boolean exitedCleanly) {
		if (training == null) {
			return;
		}
		try {
			if (exitedCleanly && Files.isRegularFile(training) && Files.size(training) > 0) {
				Files.move(training, training.resolveSibling(ARCHIVE), StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
			}
			else {
				Files.deleteIfExists(training);
			}
		}
		catch (IOException ex) {
			logger.debug("the AOT cache {} stays unused: {}", training, ex.getMessage());
		}
	}

	/** Returns the jar's extracted form, extracting it first if needed. */
	private static Path extracted(Path jar) throws IOException {
		String name = jar.getFileName().toString();
		Path dir = jar.toAbsolutePath()
			.resolveSibling(name.replaceAll("\\.jar$", "") + ".fast-" + Long.toHexString(Files.size(jar)) + "-"
					+ Long.toHexString(Files.getLastModifiedTime(jar).toMillis()));
		if (Files.isRegularFile(dir.resolve(name))) {
			return dir;
		}
		Path scratch = Files.createTempDirectory(jar.toAbsolutePath().getParent(), ".extract-");
		// readable by whoever may run the jar, as the jar itself is
		Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
		try {
			Process extract = new ProcessBuilder(ConsumerProcesses.javaCommand(), "-Djarmode=tools", "-jar",
					jar.toString(), "extract", "--force", "--destination", scratch.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (extract.waitFor() != 0) {
				throw new IOException("java -Djarmode=tools -jar " + jar + " extract exited " + extract.exitValue());
			}
			Files.move(scratch, dir, StandardCopyOption.ATOMIC_MOVE);
			removeOlderBuilds(dir);
		}
		catch (FileSystemException ex) {
			if (!Files.isRegularFile(dir.resolve(name))) {
				throw ex;
			}
			// another process extracted it meanwhile
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while extracting " + jar, ex);
		}
		finally {
			Folders.deleteRecursively(scratch);
		}
		return dir;
	}

	/** Removes what earlier builds of the jar left beside it: 90 MB each. */
	private static void removeOlderBuilds(Path current) throws IOException {
		String prefix = current.getFileName().toString().replaceAll("-[0-9a-f]+-[0-9a-f]+$", "-");
		try (DirectoryStream<Path> builds = Files.newDirectoryStream(current.getParent(), prefix + "*")) {
			for (Path build : builds) {
				if (!build.equals(current)) {
					Folders.deleteRecursively(build);
				}
			}
		}
	}

	/**
	 * Creates the file a training start will write, empty until it exits, so that the
	 * next start sees that one is under way; {@code null} if it cannot.
	 */
	private static Path claim(Path dir) {
		try {
			return Files.createFile(dir.resolve(TRAINING + ProcessHandle.current().pid() + "-" + System.nanoTime()));
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Whether a training file exists that a process may still be writing; one left for
	 * over ten minutes belongs to a process that was killed, and goes.
	 */
	private static boolean trainingUnderWay(Path dir) {
		boolean underWay = false;
		try (DirectoryStream<Path> training = Files.newDirectoryStream(dir, TRAINING + "*")) {
			for (Path file : training) {
				if (System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis() > 600_000) {
					Files.deleteIfExists(file);
				}
				else {
					underWay = true;
				}
			}
			return underWay;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * How to start the jar.
	 *
	 * @param arguments JVM options and {@code -jar} with the jar to run
	 * @param training the cache file this start writes as it exits, or {@code null}
	 */
	record Launch(List<String> arguments, Path training) {

	}

}
