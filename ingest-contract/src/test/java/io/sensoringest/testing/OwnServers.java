package io.sensoringest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Servers a test class starts for itself below one temporary folder: stopped, and the
 * folder removed, on {@link #close()}, or when the test JVM exits without it.
 */
abstract class OwnServers implements AutoCloseable {

	private final Path home;

	private final Thread cleanUp = new Thread(this::stopAndRemove, getClass().getSimpleName() + "-clean-up");

	OwnServers(Path home) {
		this.home = home;
		Runtime.getRuntime().addShutdownHook(this.cleanUp);
	}

	/** Returns the folder that holds everything of these servers. */
	Path home() {
		return this.home;
	}

	/** Stops every server, at once; called once or more. */
	abstract void stopServers();

	@Override
	public void close() {
		stopAndRemove();
		try {
			Runtime.getRuntime().removeShutdownHook(this.cleanUp);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down and runs the hook itself
		}
	}

	private void stopAndRemove() {
		stopServers();
		try (Stream<Path> files = Files.walk(this.home)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a temporary folder left behind is harmless
		}
	}

	/** Returns a TCP port that nothing listens on now. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
