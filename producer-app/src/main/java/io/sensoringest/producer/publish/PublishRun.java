package io.sensoringest.producer.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.producer.ProducerSettings;
import io.sensoringest.producer.checkpoint.CheckpointStore;
import io.sensoringest.producer.checkpoint.FileCheckpoint;
import io.sensoringest.producer.checkpoint.RejectsLog;
import io.sensoringest.producer.input.FileChangedException;
import io.sensoringest.producer.input.FileIdentity;
import io.sensoringest.producer.input.HeaderException;
import io.sensoringest.producer.input.InputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the producer over a list of files: decides per file whether to skip, resume
 * or start it, publishes {@code PRODUCER_PARALLELISM} files at once, each reader on a
 * connection of its own, and reports progress every few seconds.
 */
public final class PublishRun {

	private static final Logger logger = LoggerFactory.getLogger(PublishRun.class);

	private final ProducerSettings settings;

	private final BrokerNodes brokerNodes;

	private final ProducerMetrics metrics;

	private final long progressIntervalMillis;

	private final AtomicLong charsRead = new AtomicLong();

	private final AtomicInteger filesPublished = new AtomicInteger();

	private final AtomicInteger filesFailed = new AtomicInteger();

	private final AtomicReference<String> fatal = new AtomicReference<>();

	private volatile boolean stopping;

	private final Queue<FileProgress> unfinished = new ConcurrentLinkedQueue<>();

	/** Files that could not be used at all, by name, with why. */
	private final Map<String, String> unusable = new ConcurrentHashMap<>();

	/** Files with rejected rows, or that could not be used: the summary names them. */
	private final Queue<String> withRejects = new ConcurrentLinkedQueue<>();

	private final AtomicLong rowsValid = new AtomicLong();

	/** The meters count across runs in one process; a run reports its own share. */
	private final double confirmedBefore;

	private final double rejectedBefore;

	/**
	 * Prepares a run.
	 * @param settings what to publish where
	 * @param brokerNodes reaches the RabbitMQ nodes that {@code settings} names (Spring
	 * Boot's in the producer app)
	 * @param metrics where to count
	 * @param progressIntervalMillis how often to log a progress line
	 */
	public PublishRun(ProducerSettings settings, BrokerNodes brokerNodes, ProducerMetrics metrics,
			long progressIntervalMillis) {
		this.settings = settings;
		this.brokerNodes = brokerNodes;
		this.metrics = metrics;
		this.progressIntervalMillis = progressIntervalMillis;
		this.confirmedBefore = metrics.rowsConfirmed.count();
		this.rejectedBefore = metrics.rowsRejected.count();
	}

	/**
	 * Publishes the files.
	 * @param files the input files
	 * @param force publish files again that an earlier run published completely
	 * @return what the run did
	 * @throws IOException if the state folder cannot be used
	 */
	public RunResult run(List<InputFile> files, boolean force) throws IOException, InterruptedException {
		long started = System.nanoTime();
		int alreadyDone = 0;
		long bytesToRead = 0;
		try (CheckpointStore checkpoints = CheckpointStore.open(this.settings.stateDir());
				RejectsLog rejects = RejectsLog.open(this.settings.stateDir())) {
			Queue<Work> work = new ConcurrentLinkedQueue<>();
			for (InputFile file : files) {
				Optional<FileCheckpoint> start = plan(file, checkpoints, force);
				if (start == null) {
					continue;
				}
				if (start.isEmpty()) {
					alreadyDone++;
					this.rowsValid.addAndGet(checkpoints.get(file.checkpointKey()).orElseThrow().rowsConfirmed());
					continue;
				}
				bytesToRead += start.get().identity().size();
				work.add(new Work(file, new FileProgress(start.get(), checkpoints)));
			}
			if (!work.isEmpty()) {
				publishAll(work, rejects, bytesToRead, work.size(), started);
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		List<String> unfinishedFiles = this.unfinished.stream()
			.map((p) -> p.checkpoint().path() + ": confirmed through line " + p.checkpoint().confirmedLine())
			.toList();
		return new RunResult(files.size(), this.filesPublished.get(), alreadyDone, this.filesFailed.get(),
				this.rowsValid.get(), rowsConfirmed(), (long) (this.metrics.rowsRejected.count() - this.rejectedBefore),
				seconds, this.fatal.get(), unfinishedFiles, List.copyOf(this.withRejects));
	}

	/**
	 * Returns the files of the last run that could not be used at all (unreadable, or
	 * without the header), by name, with why.
	 */
	public Map<String, String> unusable() {
		return Map.copyOf(this.unusable);
	}

	/**
	 * Asks the run to stop soon: each reader stops after its next chunk once the chunks
	 * it sent are confirmed and checkpointed, and takes no other file. Files not finished
	 * resume from their checkpoints in the next run.
	 */
	public void stop() {
		this.stopping = true;
	}

	/**
	 * Returns where to start a file: its checkpoint, a fresh start, empty when it is done
	 * already, or {@code null} when it cannot be read.
	 */
	private Optional<FileCheckpoint> plan(InputFile file, CheckpointStore checkpoints, boolean force) {
		FileIdentity identity;
		try {
			identity = FileIdentity.of(file);
		}
		catch (IOException ex) {
			logger.warn("{}: skipped, cannot be read: {}", file.name(), InputFile.whyUnreadable(ex));
			failed(file);
			this.unusable.put(file.name(), "cannot be read: " + InputFile.whyUnreadable(ex));
			return null;
		}
		String key = file.checkpointKey();
		FileCheckpoint fresh = FileCheckpoint.start(key, identity, this.settings.batchRows());
		Optional<FileCheckpoint> previous = checkpoints.get(key);
		if (previous.isEmpty()) {
			return Optional.of(fresh);
		}
		if (!previous.get().identity().equals(identity)) {
			logger.info("{}: changed since it was last published: publishing it anew", file.name());
			return Optional.of(fresh);
		}
		if (previous.get().complete()) {
			return force ? Optional.of(fresh) : Optional.empty();
		}
		logger.info("{}: resuming after line {}", file.name(), previous.get().confirmedLine());
		return previous;
	}

	private void publishAll(Queue<Work> work, RejectsLog rejects, long bytesToRead, int fileCount, long started)
			throws InterruptedException, IOException {
		ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor((r) -> daemon(r, "progress"));
		progress.scheduleAtFixedRate(() -> {
			logger.info(progressLine(fileCount, bytesToRead, started));
			this.metrics.writeTextfile(this.settings.stateDir());
		}, this.progressIntervalMillis, this.progressIntervalMillis, TimeUnit.MILLISECONDS);
		int threads = Math.min(this.settings.parallelism(), fileCount);
		ExecutorService readers = Executors.newFixedThreadPool(threads, (r) -> daemon(r, "reader"));
		FilePublisher publisher = new FilePublisher(this.settings, rejects, this.metrics, this.charsRead,
				() -> this.stopping);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				running.add(readers.submit(() -> drain(work, publisher)));
			}
			for (Future<?> reader : running) {
				awaitQuietly(reader);
			}
		}
		finally {
			readers.shutdownNow();
			progress.shutdownNow();
			rejects.flush();
			this.metrics.writeTextfile(this.settings.stateDir());
		}
	}

	/** One reader: files off the queue, one at a time, on its own connection. */
	private void drain(Queue<Work> work, FilePublisher files) {
		AtomicReference<FileProgress> current = new AtomicReference<>();
		try (ChunkPublisher publisher = new ChunkPublisher(this.brokerNodes, this.settings.topology(),
				this.settings.confirmWindow(), this.settings.confirmTimeout(), this.settings.maxOutage(),
				(chunk, latencyNanos) -> {
					this.metrics.rowsConfirmed.increment(chunk.rows());
					this.metrics.confirmLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
					current.get().confirmed(chunk);
				})) {
			Work next;
			while (this.fatal.get() == null && !this.stopping && (next = work.poll()) != null) {
				current.set(next.progress());
				publishOne(next, files, publisher);
			}
			this.metrics.chunksRepublished.increment(publisher.republished());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (BrokerUnavailableException ex) {
			this.fatal.compareAndSet(null, ex.getMessage());
		}
		finally {
			work.forEach((w) -> this.unfinished.add(w.progress()));
			work.clear();
		}
	}

	private void publishOne(Work work, FilePublisher files, ChunkPublisher publisher)
			throws InterruptedException, BrokerUnavailableException {
		try {
			FileCheckpoint done = files.publish(work.file(), work.progress(), publisher);
			if (done == null) {
				this.unfinished.add(work.progress());
				return;
			}
			this.rowsValid.addAndGet(done.rowsConfirmed());
			this.filesPublished.incrementAndGet();
			if (done.rowsRejected() > 0) {
				this.withRejects.add(work.file().name());
			}
		}
		catch (HeaderException ex) {
			logger.warn("{}: skipped, {}", work.file().name(), ex.getMessage());
			failed(work.file());
			this.unusable.put(work.file().name(), ex.getMessage());
		}
		catch (FileChangedException ex) {
			logger.warn("{}: {}", work.file().name(), ex.getMessage());
			failed(work.file());
		}
		catch (IOException ex) {
			logger.warn("{}: stopped, cannot be read: {}", work.file().name(), InputFile.whyUnreadable(ex));
			failed(work.file());
			this.unfinished.add(work.progress());
		}
		catch (BrokerUnavailableException | InterruptedException ex) {
			this.unfinished.add(work.progress());
			throw ex;
		}
	}

	private void failed(InputFile file) {
		this.filesFailed.incrementAndGet();
		this.withRejects.add(file.name());
	}

	String progressLine(int fileCount, long bytesToRead, long startedNanos) {
		double seconds = Math.max((System.nanoTime() - startedNanos) / 1e9, 1e-3);
		long rows = rowsConfirmed();
		long read = this.charsRead.get();
		long eta = (read > 0) ? Math.round(seconds * (bytesToRead - read) / read) : -1;
		return String.format("progress: %,d/%,d files, %,d rows confirmed, %,.0f rows/s, ETA %s",
				this.filesPublished.get() + this.filesFailed.get(), fileCount, rows, rows / seconds,
				(eta >= 0) ? eta + " s" : "?");
	}

	private long rowsConfirmed() {
		return (long) (this.metrics.rowsConfirmed.count() - this.confirmedBefore);
	}

	private static void awaitQuietly(Future<?> reader) throws InterruptedException {
		try {
			reader.get();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("a file reader failed", ex.getCause());
		}
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private record Work(InputFile file, FileProgress progress) {

	}

}
