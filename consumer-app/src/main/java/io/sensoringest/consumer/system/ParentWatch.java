package io.sensoringest.consumer.system;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * With {@code CONSUMER_EXIT_WITH_PARENT=true}: stops the consumer, as SIGTERM would, once
 * the process that started it is gone, even when that one was killed with SIGKILL and
 * could not stop it. The command that runs consumers sets it, so that none outlives it.
 */
public final class ParentWatch implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ParentWatch.class);

	private static final long CHECK_MILLIS = 500;

	/**
	 * The environment variable in which the command that starts a consumer names itself
	 * by its pid. Asked for its parent, a consumer whose starter died while its JVM was
	 * still starting would name whichever process adopted it.
	 */
	public static final String STARTER_PID = "SENSOR_INGEST_STARTER_PID";

	/**
	 * The parent as the process started: asked later, after the parent died, the answer
	 * would be whichever process adopted this one. Empty when the starter named in
	 * {@value #STARTER_PID} was gone already.
	 */
	private static volatile Optional<ProcessHandle> startedBy = Optional.empty();

	private static volatile boolean starterGone;

	private final Optional<ProcessHandle> parent = startedBy.or(() -> ProcessHandle.current().parent());

	private final boolean parentGone = starterGone;

	private final boolean enabled;

	private final IntConsumer exit;

	private ScheduledExecutorService watch;

	/**
	 * Notes which process started this one: the one {@value #STARTER_PID} names, else the
	 * parent. Call first thing in {@code main}.
	 */
	public static void rememberParent() {
		String starter = System.getenv(STARTER_PID);
		startedBy = starter(starter);
		starterGone = starter != null && startedBy.isEmpty();
	}

	/**
	 * Returns the process a starter pid names, empty when it is gone; the parent when
	 * none is named.
	 */
	static Optional<ProcessHandle> starter(String pid) {
		if (pid == null || !pid.strip().matches("\\d+")) {
			return ProcessHandle.current().parent();
		}
		return ProcessHandle.of(Long.parseLong(pid.strip())).filter(ProcessHandle::isAlive);
	}

	ParentWatch(boolean enabled, IntConsumer exit) {
		this.enabled = enabled;
		this.exit = exit;
	}

	@Override
	public void start() {
		if (!this.enabled || (this.parent.isEmpty() && !this.parentGone)) {
			return;
		}
		this.watch = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "parent-watch");
			thread.setDaemon(true);
			return thread;
		});
		this.watch.scheduleWithFixedDelay(this::check, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
	}

	private void check() {
		if (this.parentGone || !this.parent.get().isAlive()) {
			logger.warn("the process that started this consumer{} is gone: stopping (CONSUMER_EXIT_WITH_PARENT)",
					this.parentGone ? ", named in " + STARTER_PID + "," : " (pid " + this.parent.get().pid() + ")");
			this.watch.shutdown();
			this.exit.accept(0);
		}
	}

	@Override
	public void stop() {
		if (this.watch != null) {
			this.watch.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.watch != null && !this.watch.isShutdown();
	}

}
