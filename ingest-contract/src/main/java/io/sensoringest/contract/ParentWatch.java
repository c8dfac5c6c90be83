package io.sensoringest.contract;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an app, as SIGTERM would, once the process that started it is gone, even when
 * that one was killed with SIGKILL and could not stop it: so that a command that starts
 * consumers or a producer ({@code make run}, {@code make watch}, {@code make chaos})
 * never leaves one behind, whatever ends it.
 */
public final class ParentWatch {

	private static final Logger logger = LoggerFactory.getLogger(ParentWatch.class);

	private static final long CHECK_MILLIS = 500;

	/**
	 * The environment variable in which the command that starts an app names itself by
	 * its pid. Asked for its parent, an app whose starter died while its JVM was still
	 * starting would name whichever process adopted it.
	 */
	public static final String STARTER_PID = "SENSOR_INGEST_STARTER_PID";

	/**
	 * The parent as the process started: asked later, after the parent died, the answer
	 * would be whichever process adopted this one. Empty when the starter named in
	 * {@value #STARTER_PID} was gone already.
	 */
	private static volatile Optional<ProcessHandle> startedBy = Optional.empty();

	private static volatile boolean starterGone;

	private static volatile boolean starterNamed;

	private final Optional<ProcessHandle> parent = startedBy.or(() -> ProcessHandle.current().parent());

	private final boolean parentGone = starterGone;

	private final String why;

	private final boolean enabled;

	private final Runnable stop;

	private ScheduledExecutorService watch;

	/**
	 * Notes which process started this one: the one {@value #STARTER_PID} names, else the
	 * parent. Call first thing in {@code main}.
	 */
	public static void rememberParent() {
		String starter = System.getenv(STARTER_PID);
		startedBy = starter(starter);
		starterNamed = starter != null;
		starterGone = starter != null && startedBy.isEmpty();
	}

	/** Whether a command of this project started this process and named itself. */
	public static boolean startedByCommand() {
		return starterNamed;
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

	/**
	 * Prepares a watch.
	 * @param enabled whether to watch at all
	 * @param why what the log line names as the reason, such as the setting that asks for
	 * it
	 * @param stop stops the app as SIGTERM would, from the watching thread
	 */
	public ParentWatch(boolean enabled, String why, Runnable stop) {
		this.enabled = enabled;
		this.why = why;
		this.stop = stop;
	}

	/** Starts watching, where enabled and there is a parent to watch. */
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
			logger.warn("the process that started this one{} is gone: stopping ({})",
					this.parentGone ? ", named in " + STARTER_PID + "," : " (pid " + this.parent.get().pid() + ")",
					this.why);
			this.watch.shutdown();
			this.stop.run();
		}
	}

	/** Stops watching. */
	public void stop() {
		if (this.watch != null) {
			this.watch.shutdownNow();
		}
	}

	/** Whether it watches. */
	public boolean isRunning() {
		return this.watch != null && !this.watch.isShutdown();
	}

}
