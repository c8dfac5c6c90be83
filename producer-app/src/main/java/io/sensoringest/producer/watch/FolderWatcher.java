package io.sensoringest.producer.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.Plural;
import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.InputException;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.api.RunResult;
import io.sensoringest.producer.checkpoint.CheckpointStore;
import io.sensoringest.producer.input.InputFiles;
import io.sensoringest.producer.publish.ProducerMetrics;
import io.sensoringest.producer.publish.PublishRun;
import io.sensoringest.producer.settings.ProducerSettings;
import io.sensoringest.producer.watch.Settling.Stamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watch mode: publishes every file present below the input folder, then every file that
 * appears there, once it is complete ({@link Settling}), until {@link #stop(long)}. The
 * file system's notifications ({@link WatchService}) wake it early; a scan of the whole
 * folder every {@code PRODUCER_SCAN_INTERVAL} finds what they miss (bind mounts and
 * network file systems send none). Each batch of complete files is one
 * {@link PublishRun}, so checkpoints, resume and confirms are those of a one-shot run; a
 * batch the broker stopped is tried again at the next scan, from the checkpoints.
 */
public final class FolderWatcher {

	private static final Logger logger = LoggerFactory.getLogger(FolderWatcher.class);

	/**
	 * How often the ledger is asked about files that wait for their rows to be stored.
	 */
	private static final long LEDGER_CHECK_INTERVAL_MILLIS = 1000;

	/** How soon after a notification the folder is scanned: a writer sends many. */
	private static final long NOTIFIED_SCAN_DELAY_MILLIS = 100;

	private static final long PROGRESS_INTERVAL_MILLIS = 5000;

	private final ProducerSettings settings;

	private final BrokerNodes brokerNodes;

	private final ProducerMetrics metrics;

	private final Settling settling;

	private final FinishedFiles finished;

	private final List<Path> leftOut;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean stopping;

	private volatile PublishRun current;

	private volatile WatchService watchService;

	private final Map<WatchKey, Path> watchedDirs = new HashMap<>();

	/**
	 * Prepares to watch {@code TARGET_FILE_DIR}.
	 * @param brokerNodes reaches the RabbitMQ nodes that {@code settings} names
	 * @param ledger the consumers' database, asked before a file leaves the input folder
	 */
	public FolderWatcher(ProducerSettings settings, BrokerNodes brokerNodes, ProducerMetrics metrics,
			DatabaseSettings ledger) {
		this.settings = settings;
		this.brokerNodes = brokerNodes;
		this.metrics = metrics;
		this.settling = new Settling(settings.watch().settleTime().toMillis());
		this.finished = new FinishedFiles(settings.finished(), settings.extension(), settings.stateDir(), ledger,
				metrics);
		// never watched, even inside the input folder
		this.leftOut = settings.finished().folders();
		metrics.gauge("files.seen", this.settling::seen);
		metrics.gauge("files.waiting", this.settling::waiting);
		metrics.gauge("files.awaiting.storage", this.finished::waiting);
		metrics.gauge("ingest.lag.seconds", () -> {
			long now = System.currentTimeMillis();
			return (now - this.settling.oldestWaitingSince(now)) / 1000.0;
		});
	}

	/**
	 * Watches until {@link #stop(long)}.
	 * @throws InputException if the input folder is not a folder or cannot be read
	 */
	public void run() throws IOException, InterruptedException {
		Path root = this.settings.targetDir();
		if (!Files.isDirectory(root)) {
			this.stopped.countDown();
			throw new InputException("TARGET_FILE_DIR=" + root + " is not a folder");
		}
		try (WatchService service = FileSystems.getDefault().newWatchService()) {
			this.watchService = service;
			register(root);
			logger.info("watching {} for files ending in {} (and {}.gz); publishing to queue {} at {}", root,
					this.settings.extension(), this.settings.extension(), this.settings.topology().queueName(),
					this.settings.broker().describe());
			loop(service);
		}
		catch (ClosedWatchServiceException ex) {
			// stop() closed it to wake the loop
		}
		finally {
			this.stopped.countDown();
		}
	}

	private void loop(WatchService service) throws IOException, InterruptedException {
		long scanInterval = this.settings.watch().scanInterval().toMillis();
		long nextScan = 0;
		long nextCheck = 0;
		while (!this.stopping) {
			long now = System.currentTimeMillis();
			if (now >= nextScan) {
				this.settling.scanned(scan(), now);
				nextScan = now + scanInterval;
			}
			List<Path> ready = this.settling.ready(now);
			if (!ready.isEmpty()) {
				publish(ready);
				nextCheck = 0;
				continue;
			}
			if (now >= nextCheck) {
				if (this.finished.check() > 0) {
					nextScan = now;
				}
				nextCheck = (this.finished.waiting() > 0) ? now + LEDGER_CHECK_INTERVAL_MILLIS : Long.MAX_VALUE;
			}
			long wait = Math.max(1, Math.min(Math.min(nextScan, nextCheck), this.settling.nextDue(now)) - now);
			WatchKey key = service.poll(wait, TimeUnit.MILLISECONDS);
			if (key != null) {
				noted(key);
				while ((key = service.poll()) != null) {
					noted(key);
				}
				nextScan = Math.min(nextScan, System.currentTimeMillis() + NOTIFIED_SCAN_DELAY_MILLIS);
			}
		}
	}

	/** Takes in a notification: a new folder is watched too. */
	private void noted(WatchKey key) {
		Path dir = this.watchedDirs.get(key);
		for (WatchEvent<?> event : key.pollEvents()) {
			if (dir != null && event.kind() == StandardWatchEventKinds.ENTRY_CREATE
					&& event.context() instanceof Path name) {
				Path created = dir.resolve(name);
				if (Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS)) {
					try {
						register(created);
					}
					catch (IOException ex) {
						logger.debug("cannot watch {}: the scans find its files", created, ex);
					}
				}
			}
		}
		if (!key.reset()) {
			this.watchedDirs.remove(key);
		}
	}

	private void register(Path dir) throws IOException {
		try (Stream<Path> dirs = Files.walk(dir)) {
			for (Path each : (Iterable<Path>) dirs
				.filter((p) -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))::iterator) {
				WatchKey key = each.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
						StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
				this.watchedDirs.put(key, each);
			}
		}
	}

	private boolean isLeftOut(Path dir) {
		Path absolute = dir.toAbsolutePath().normalize();
		return this.leftOut.stream().anyMatch((p) -> absolute.startsWith(p.toAbsolutePath().normalize()));
	}

	/** Returns every input file below the folder now, with its size and time. */
	private Map<Path, Stamp> scan() {
		Map<Path, Stamp> found = new HashMap<>();
		for (InputFile file : InputFiles.find(List.of(), this.settings)) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
				found.put(file.path(), new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis()));
			}
			catch (IOException ex) {
				// gone since the listing, or not readable: the next scan tells
			}
		}
		return found;
	}

	private void publish(List<Path> ready) throws IOException, InterruptedException {
		Path root = this.settings.targetDir();
		List<InputFile> files = new ArrayList<>();
		for (Path path : ready) {
			InputFile file = new InputFile(path, root.relativize(path).toString());
			if (this.settling.changedSinceTaken(path)) {
				logger.warn("{}: changed after it was taken: publishing it again as a new version (its rows are keyed:"
						+ " none is stored twice)", file.name());
			}
			files.add(file);
			this.settling.taken(path, this.settling.stamp(path));
		}
		PublishRun run = new PublishRun(this.settings, this.brokerNodes, this.metrics, PROGRESS_INTERVAL_MILLIS);
		this.current = run;
		if (this.stopping) {
			run.stop();
		}
		RunResult result = run.run(files, false);
		this.current = null;
		this.metrics.filesPublished(result.filesPublished());
		if (result.fatal() != null && !this.stopping) {
			logger.error("{}; the {} files of this batch are tried again in {} s", result.fatal(), files.size(),
					this.settings.watch().scanInterval().toSeconds());
			ready.forEach(this.settling::untaken);
			Thread.sleep(this.settings.watch().scanInterval().toMillis());
		}
		else if (result.filesPublished() + result.filesFailed() > 0) {
			logger.info(result.summary());
		}
		if (result.filesAlreadyDone() > 0) {
			logger.info("{} published before{}", Plural.of(result.filesAlreadyDone(), "file"), this.finished.active()
					? ": they leave the input folder once their rows are stored" : ": left as they are");
		}
		if (result.fatal() == null && this.finished.active()) {
			awaitStorage(files, run.unusable());
		}
		this.metrics.writeTextfile(this.settings.stateDir());
	}

	/** Hands the files of a batch that is through to the ledger check. */
	private void awaitStorage(List<InputFile> files, Map<String, String> unusable) throws IOException {
		Map<String, FileCheckpoint> checkpoints = CheckpointStore.read(this.settings.stateDir());
		for (InputFile file : files) {
			FileCheckpoint checkpoint = checkpoints.get(file.checkpointKey());
			if (unusable.containsKey(file.name())) {
				this.finished.published(file, "", 0, "could not be used: " + unusable.get(file.name()));
			}
			else if (checkpoint != null && checkpoint.complete()) {
				this.finished.published(file, checkpoint.identity().fingerprint(), checkpoint.rowsConfirmed(),
						(checkpoint.rowsRejected() > 0)
								? Plural.of(checkpoint.rowsRejected(), "row") + " rejected, the others stored" : null);
			}
		}
	}

	/**
	 * Stops watching: the files being published stop once the chunks sent are confirmed
	 * and checkpointed, and resume from there when the producer runs again. Waits until
	 * that is done, or the given time has passed.
	 * @return whether the watcher stopped in time
	 */
	public boolean stop(long timeoutMillis) throws InterruptedException {
		this.stopping = true;
		PublishRun run = this.current;
		if (run != null) {
			run.stop();
		}
		WatchService service = this.watchService;
		if (service != null && run == null) {
			try {
				service.close();
			}
			catch (IOException ex) {
				// closing only wakes the loop
			}
		}
		return this.stopped.await(timeoutMillis, TimeUnit.MILLISECONDS);
	}

	/** Returns how many files are seen and not yet published in their present version. */
	public int waiting() {
		return this.settling.waiting();
	}

	/** Returns how many published files wait for their rows to be stored. */
	public int awaitingStorage() {
		return this.finished.waiting();
	}

}
