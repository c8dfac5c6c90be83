package io.sensoringest.cli.run;

import java.util.Optional;

import io.sensoringest.contract.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads from a server that may go away for a while, as in a restart: a failed read
 * answers nothing, says so in one WARN line when the server goes and one INFO line when
 * it answers again, and never throws, so the caller simply asks again later.
 */
public final class Outage {

	private static final Logger logger = LoggerFactory.getLogger(Outage.class);

	private final String server;

	private long sinceNanos = -1;

	/**
	 * Watches one server.
	 * @param server names it in the log lines, for example {@code RabbitMQ at host:5672}
	 */
	public Outage(String server) {
		this.server = server;
	}

	/** Returns what the read gave, or nothing while the server is away. */
	public <T> Optional<T> read(Read<T> read) {
		try {
			T value = read.get();
			if (this.sinceNanos >= 0) {
				logger.info("{} answers again after {} s", this.server,
						String.format("%.1f", (System.nanoTime() - this.sinceNanos) / 1e9));
				this.sinceNanos = -1;
			}
			return Optional.of(value);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		catch (Exception ex) {
			if (this.sinceNanos < 0) {
				this.sinceNanos = System.nanoTime();
				logger.warn("{} does not answer ({}); waiting for it", this.server, Failures.rootMessage(ex));
			}
			return Optional.empty();
		}
	}

	/**
	 * Asks until the server answers or the time is up.
	 * @return what the read gave, or nothing if the server stayed away that long
	 */
	public <T> Optional<T> await(Read<T> read, long timeoutMillis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		Optional<T> value = read(read);
		while (value.isEmpty() && System.currentTimeMillis() < deadline) {
			Thread.sleep(500);
			value = read(read);
		}
		return value;
	}

	/** One read from the server. */
	@FunctionalInterface
	public interface Read<T> {

		T get() throws Exception;

	}

}
