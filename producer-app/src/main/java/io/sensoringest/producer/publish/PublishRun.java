package io.sensoringest.producer.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
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
import io.sensoringest.contract.Plural;
import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.FileIdentity;
import io.sensoringest.producer.api.HeaderException;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.api.RunResult;
import io.sensoringest.producer.checkpoint.CheckpointStore;
import io.sensoringest.producer.checkpoint.RejectsLog;
import io.sensoringest.producer.input.FileChangedException;
import io.sensoringest.producer.publish.Chunk.Segment;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the producer over a list of files: decides per file whether to skip, resume
 * or start it, and reads {@code PRODUCER_PARALLELISM} files at once, each reader on a
 * connection of its own, packing the rows of the files it reads into messages
 * ({@link MessagePacker}). A reader does not wait for the broker between files: a file is
 * complete when its last segment is confirmed, and the checkpoints that a confirm
 * advances, of however many files its message carried, are written in one go. Reports
 * progress every few seconds.
 */
public final class PublishRun {

	private static final Logger logger = LoggerFactory.getLogger(PublishRun.class);

	private final ProducerSettings settings;

	private final BrokerNodes brokerNodes;

	private final ProducerMetrics metrics;

	private final long progressIntervalMillis;

	private final AtomicLong bytesRead = new AtomicLong();

	private final AtomicInteger filesPublished = new AtomicInteger();

	private final AtomicInteger filesFailed = new AtomicInteger();

	private final AtomicReference<String> fatal = new AtomicReference<>();

	/** Files being published: started, neither complete nor given up. */
	private final Set<FileProgress> inFlight = ConcurrentHashMap.newKeySet();

	private volatile boolean stopping;

	private final Queue<FileProgress> unfinished = new ConcurrentLinkedQueue<>();

	/** Files no reader took: the run stopped first. */
	private final Queue<InputFile> notStarted = new ConcurrentLinkedQueue<>();

	private final AtomicInteger alreadyDone = new AtomicInteger();

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
		List<String> unfinishedFiles = new ArrayList<>();
		try (CheckpointStore checkpoints = CheckpointStore.open(this.settings.stateDir());
				RejectsLog rejects = RejectsLog.open(this.settings.stateDir())) {
			// each reader fingerprints the files it takes (plan): many small files are
			// fingerprinted in parallel, and the first is published at once; the sizes
			// here are a stat each, for the progress line's ETA
			Queue<InputFile> work = new ConcurrentLinkedQueue<>(files);
			long bytesToRead = 0;
			for (InputFile file : files) {
				bytesToRead += sizeOrZero(file);
			}
			if (!work.isEmpty()) {
				publishAll(work, checkpoints, rejects, force, bytesToRead, work.size(), started);
			}
			// stopped, or the broker went away: each resumes from its checkpoint
			this.unfinished.addAll(this.inFlight);
			this.unfinished.forEach((p) -> unfinishedFiles
				.add(p.checkpoint().path() + ": confirmed through line " + p.checkpoint().confirmedLine()));
			this.notStarted.forEach((file) -> unfinishedFiles.add(file.checkpointKey() + ": "
					+ checkpoints.get(file.checkpointKey())
						.map((c) -> c.complete() ? "published before" : "confirmed through line " + c.confirmedLine())
						.orElse("not started")));
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new RunResult(files.size(), this.filesPublished.get(), this.alreadyDone.get(), this.filesFailed.get(),
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
	 * Returns where to start a file: from its checkpoint, or afresh; {@code null} when it
	 * is done already or cannot be read, which it counts.
	 */
	private FileProgress plan(InputFile file, CheckpointStore checkpoints, boolean force) {
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
			return new FileProgress(file, fresh);
		}
		if (!previous.get().identity().equals(identity)) {
			logger.info("{}: changed since it was last published: publishing it anew", file.name());
			return new FileProgress(file, fresh);
		}
		if (previous.get().complete()) {
			if (force) {
				return new FileProgress(file, fresh);
			}
			this.alreadyDone.incrementAndGet();
			this.rowsValid.addAndGet(previous.get().rowsConfirmed());
			return null;
		}
		logger.info("{}: resuming after line {}", file.name(), previous.get().confirmedLine());
		return new FileProgress(file, previous.get());
	}

	private static long sizeOrZero(InputFile file) {
		try {
			return Files.size(file.path());
		}
		catch (IOException ex) {
			// the reader that takes it reports why
			return 0;
		}
	}

	private void publishAll(Queue<InputFile> work, CheckpointStore checkpoints, RejectsLog rejects, boolean force,
			long bytesToRead, int fileCount, long started) throws InterruptedException, IOException {
		ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor((r) -> daemon(r, "progress"));
		progress.scheduleAtFixedRate(() -> {
			logger.info(progressLine(fileCount, bytesToRead, started));
			this.metrics.writeTextfile(this.settings.stateDir());
		}, this.progressIntervalMillis, this.progressIntervalMillis, TimeUnit.MILLISECONDS);
		int threads = Math.min(this.settings.parallelism(), fileCount);
		ExecutorService readers = Executors.newFixedThreadPool(threads, (r) -> daemon(r, "reader"));
		FilePublisher publisher = new FilePublisher(this.settings, rejects, this.metrics, this.bytesRead,
				() -> this.stopping || this.fatal.get() != null);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				running.add(readers.submit(() -> drain(work, publisher, checkpoints, force)));
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

	/**
	 * One reader: files off the queue, one at a time, on its own connection; when none is
	 * left, it sends what its packer holds and waits for the broker's last confirms.
	 */
	private void drain(Queue<InputFile> work, FilePublisher files, CheckpointStore checkpoints, boolean force) {
		try (ChunkPublisher publisher = new ChunkPublisher(this.brokerNodes, this.settings.topology(),
				this.settings.confirmWindow(), this.settings.confirmTimeout(), this.settings.maxOutage(),
				(chunk, latencyNanos) -> confirmed(chunk, latencyNanos, checkpoints))) {
			MessagePacker packer = new MessagePacker(this.settings.batchRows(), this.settings.linger().toNanos(),
					publisher::publish, this.metrics.rowsPublished);
			InputFile next;
			while (this.fatal.get() == null && !this.stopping && (next = work.poll()) != null) {
				FileProgress progress = plan(next, checkpoints, force);
				if (progress != null) {
					publishOne(progress, files, packer, checkpoints);
				}
			}
			packer.flush();
			publisher.awaitConfirms();
			this.metrics.chunksRepublished.increment(publisher.republished());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (BrokerUnavailableException ex) {
			this.fatal.compareAndSet(null, ex.getMessage());
		}
		finally {
			InputFile left;
			while ((left = work.poll()) != null) {
				this.notStarted.add(left);
			}
		}
	}

	private void publishOne(FileProgress progress, FilePublisher files, MessagePacker packer,
			CheckpointStore checkpoints) throws InterruptedException, BrokerUnavailableException {
		InputFile file = progress.file();
		this.inFlight.add(progress);
		try {
			FilePublisher.Read read = files.publish(progress, packer);
			if (read != null && progress.readToEnd(read.rowsRejected(), read.lastLine())) {
				save(checkpoints, List.of(progress));
				completed(progress);
			}
		}
		catch (HeaderException ex) {
			this.inFlight.remove(progress);
			logger.warn("{}: skipped, {}", file.name(), ex.getMessage());
			failed(file);
			this.unusable.put(file.name(), ex.getMessage());
		}
		catch (FileChangedException ex) {
			this.inFlight.remove(progress);
			logger.warn("{}: {}", file.name(), ex.getMessage());
			failed(file);
		}
		catch (IOException ex) {
			this.inFlight.remove(progress);
			logger.warn("{}: stopped, cannot be read: {}", file.name(), InputFile.whyUnreadable(ex));
			failed(file);
			this.unfinished.add(progress);
		}
	}

	/**
	 * A message is confirmed: every file it carried a segment of advances, and their
	 * checkpoints are written in one go. Called on the connection's thread.
	 */
	private void confirmed(Chunk chunk, long latencyNanos, CheckpointStore checkpoints) {
		this.metrics.rowsConfirmed.increment(chunk.rows());
		this.metrics.confirmLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
		List<FileProgress> advanced = new ArrayList<>(chunk.segments().size());
		List<FileProgress> done = new ArrayList<>(1);
		for (Segment segment : chunk.segments()) {
			advanced.add(segment.file());
			if (segment.file().confirmed(segment)) {
				done.add(segment.file());
			}
		}
		save(checkpoints, advanced);
		done.forEach(this::completed);
	}

	/**
	 * Writes the files' checkpoints as they are when the store takes them, so that a
	 * later line for a file is never an older checkpoint, whichever thread writes first.
	 * A checkpoint that cannot be written stops the run: what is confirmed could not be
	 * resumed from.
	 */
	private void save(CheckpointStore checkpoints, List<FileProgress> files) {
		try {
			checkpoints.saveAll(() -> files.stream().distinct().map(FileProgress::checkpoint).iterator());
		}
		catch (IOException ex) {
			this.fatal.compareAndSet(null, "cannot write the checkpoints in PRODUCER_STATE_DIR="
					+ this.settings.stateDir() + ": " + InputFile.whyUnreadable(ex));
		}
	}

	/** Every valid row of a file is confirmed: on whichever thread saw that last. */
	private void completed(FileProgress progress) {
		this.inFlight.remove(progress);
		FileCheckpoint done = progress.checkpoint();
		this.rowsValid.addAndGet(done.rowsConfirmed());
		this.filesPublished.incrementAndGet();
		String name = progress.file().name();
		if (done.rowsRejected() > 0) {
			this.withRejects.add(name);
		}
		// one line per file is noise over a thousand files; a file that needs a look
		// stays
		if (done.rowsRejected() > 0 || done.rowsConfirmed() == 0) {
			logger.info("{}: {} confirmed, {} rejected", name, Plural.of(done.rowsConfirmed(), "row"),
					String.format("%,d", done.rowsRejected()));
		}
		else {
			logger.debug("{}: {} confirmed", name, Plural.of(done.rowsConfirmed(), "row"));
		}
	}

	private void failed(InputFile file) {
		this.filesFailed.incrementAndGet();
		this.withRejects.add(file.name());
	}

	String progressLine(int fileCount, long bytesToRead, long startedNanos) {
		double seconds = Math.max((System.nanoTime() - startedNanos) / 1e9, 1e-3);
		long rows = rowsConfirmed();
		long read = this.bytesRead.get();
		long eta = (read > 0) ? Math.round(seconds * (bytesToRead - read) / read) : -1;
		return String.format("progress: %,d/%,d files, %,d rows confirmed, %,.0f rows/s, ETA %s",
				this.filesPublished.get() + this.filesFailed.get() + this.alreadyDone.get(), fileCount, rows,
				rows / seconds, (eta >= 0) ? eta + " s" : "?");
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

}
