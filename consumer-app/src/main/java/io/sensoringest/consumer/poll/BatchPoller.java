package io.sensoringest.consumer.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import io.sensoringest.consumer.settings.ConsumerProperties;
import io.sensoringest.consumer.store.Partitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs {@code CONSUMER_CONCURRENCY} poll workers from the end of start-up (after the
 * migrations) until shutdown. Stopping asks each worker to finish, store and ack the
 * batch in hand, and waits up to {@code CONSUMER_SHUTDOWN_TIMEOUT} for them. With
 * {@code CONSUMER_EXIT_WHEN_IDLE} set, it asks for the process to exit once every worker
 * has found the queue empty for that long.
 */
public final class BatchPoller implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(BatchPoller.class);

	/** Exit status when a worker met a fault that no retry can cure. */
	public static final int FATAL = 2;

	private final ConsumerProperties settings;

	private final Servers servers;

	private final ConsumerMetrics metrics;

	private final IntConsumer exit;

	private final List<PollWorker> workers = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private ScheduledExecutorService idleWatch;

	private volatile boolean running;

	/** The partitions of records, one record of them for every worker of this process. */
	private final Partitions partitions;

	/**
	 * Creates the poller.
	 * @param exit ends the process with a status, from a thread of its own
	 */
	public BatchPoller(ConsumerProperties settings, Servers servers, ConsumerMetrics metrics, IntConsumer exit) {
		this.settings = settings;
		this.servers = servers;
		this.metrics = metrics;
		this.exit = exit;
		this.partitions = new Partitions(settings.partitionInterval(), settings.retention());
	}

	@Override
	public void start() {
		for (int i = 0; i < this.settings.concurrency(); i++) {
			PollWorker worker = new PollWorker("worker-" + i, this.settings, this.servers, this.metrics,
					this.partitions, this::fatal);
			Thread thread = new Thread(worker, "poll-worker-" + i);
			this.workers.add(worker);
			this.threads.add(thread);
			thread.start();
		}
		this.running = true;
		logger.info("polling queue {} at {} with {} worker(s), {} rows per transaction",
				this.settings.topology().queueName(), this.servers.broker().describe(), this.settings.concurrency(),
				this.settings.batchRows());
		if (!this.settings.exitWhenIdle().isZero()) {
			this.idleWatch = Executors.newSingleThreadScheduledExecutor();
			this.idleWatch.scheduleWithFixedDelay(this::exitIfIdle, 100, 100, TimeUnit.MILLISECONDS);
		}
	}

	private void exitIfIdle() {
		long now = System.nanoTime();
		long idleFor = this.settings.exitWhenIdle().toNanos();
		if (this.running && this.workers.stream()
			.allMatch((w) -> w.idleSinceNanos() >= 0 && now - w.idleSinceNanos() >= idleFor)) {
			logger.info("the queue stayed empty for {}: exiting (CONSUMER_EXIT_WHEN_IDLE)",
					this.settings.exitWhenIdle());
			this.idleWatch.shutdown();
			this.exit.accept(0);
		}
	}

	private void fatal(RuntimeException ex) {
		logger.error("stopping: {}", ex.getMessage());
		this.exit.accept(FATAL);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.idleWatch != null) {
			this.idleWatch.shutdownNow();
		}
		this.workers.forEach(PollWorker::requestStop);
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		for (Thread thread : this.threads) {
			try {
				thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			if (thread.isAlive()) {
				logger.warn(
						"{} did not finish within CONSUMER_SHUTDOWN_TIMEOUT={}; its unacked messages return to the queue",
						thread.getName(), this.settings.shutdownTimeout());
			}
		}
		logger.info("stopped polling");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Whether every worker thread is alive, for the health endpoint. */
	public boolean workersAlive() {
		return this.running && this.threads.stream().allMatch(Thread::isAlive);
	}

}
