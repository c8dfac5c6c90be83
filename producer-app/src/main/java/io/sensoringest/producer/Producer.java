package io.sensoringest.producer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.HeaderException;
import io.sensoringest.producer.api.InputException;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.api.RunResult;
import io.sensoringest.producer.checkpoint.CheckpointStore;
import io.sensoringest.producer.input.CsvFileReader;
import io.sensoringest.producer.input.InputFiles;
import io.sensoringest.producer.input.RowParser;
import io.sensoringest.producer.publish.ProducerMetrics;
import io.sensoringest.producer.publish.PublishRun;
import io.sensoringest.producer.settings.ProducerSettings;
import io.sensoringest.producer.watch.FolderWatcher;

/**
 * The producer as the command line runs it in its own JVM: what to publish
 * ({@link #inputs}), publishing it once ({@link #publish}) or as a folder fills
 * ({@link #watch}), and what was published ({@link #published}). With its settings
 * ({@code producer.settings}) and the values in {@code producer.api}, this is all of the
 * producer that another module uses; the rest is the producer app's own.
 */
public final class Producer {

	/** How often a run logs a progress line. */
	private static final long PROGRESS_MILLIS = 5000;

	private final ProducerSettings settings;

	private final ProducerMetrics metrics;

	private volatile PublishRun publishing;

	private volatile boolean stopAsked;

	/**
	 * A producer that counts into the given registry.
	 * @param settings what to publish where
	 */
	public Producer(ProducerSettings settings, MeterRegistry registry) {
		this.settings = settings;
		this.metrics = new ProducerMetrics(registry);
	}

	/** Returns what it publishes where. */
	public ProducerSettings settings() {
		return this.settings;
	}

	/**
	 * Lists the files the settings and the command line name: below
	 * {@code TARGET_FILE_DIR}, or the paths given, the done and error folders left out.
	 * @throws InputException if a path given does not exist or a folder cannot be read
	 */
	public static List<InputFile> inputs(List<String> paths, ProducerSettings settings) {
		return InputFiles.find(paths, settings);
	}

	/**
	 * Lists the files ending in the extension (or in it and {@code .gz}) below a folder.
	 * @throws InputException if the folder cannot be read
	 */
	public static List<InputFile> inputs(Path dir, String extension) {
		return InputFiles.find(List.of(), dir, extension);
	}

	/**
	 * Publishes the files, logging a progress line every few seconds, and returns what
	 * was published.
	 * @param force publish files again that an earlier run published completely
	 * @throws IOException if the state folder cannot be used
	 */
	public RunResult publish(List<InputFile> files, boolean force) throws IOException, InterruptedException {
		PublishRun run = new PublishRun(this.settings, this.settings.broker().nodes(), this.metrics, PROGRESS_MILLIS);
		this.publishing = run;
		if (this.stopAsked) {
			run.stop();
		}
		return run.run(files, force);
	}

	/**
	 * Asks a run to stop soon, as SIGTERM does: it reads no new chunk and waits for the
	 * confirms of those it sent. A run not yet begun stops at once.
	 */
	public void stop() {
		this.stopAsked = true;
		PublishRun run = this.publishing;
		if (run != null) {
			run.stop();
		}
	}

	/**
	 * Prepares to watch {@code TARGET_FILE_DIR}.
	 * @param ledger the consumers' database, asked before a file leaves the input folder
	 */
	public Watch watch(DatabaseSettings ledger) {
		return new Watch(new FolderWatcher(this.settings, this.settings.broker().nodes(), this.metrics, ledger),
				this.metrics);
	}

	/**
	 * Returns the checkpoints the producer keeps in the state folder, by
	 * {@link InputFile#checkpointKey()}.
	 */
	public static Map<String, FileCheckpoint> published(Path stateDir) throws IOException {
		return CheckpointStore.read(stateDir);
	}

	/** Returns the files the checkpoints are kept in, to tell when they change. */
	public static List<Path> checkpointFiles(Path stateDir) {
		return CheckpointStore.files(stateDir);
	}

	/**
	 * Reads a file through with the producer's rules and counts its rows.
	 * @throws HeaderException if its header names no usable columns
	 */
	public static Rows count(InputFile file, char delimiter, ZoneId zone) throws IOException {
		long valid = 0;
		long rejected = 0;
		try (CsvFileReader reader = CsvFileReader.open(file, delimiter, new RowParser(zone))) {
			for (CsvFileReader.Row row = reader.next(); row != null; row = reader.next()) {
				if (row instanceof CsvFileReader.Valid) {
					valid++;
				}
				else {
					rejected++;
				}
			}
		}
		return new Rows(valid, rejected);
	}

	/**
	 * A file's rows as the producer reads them.
	 *
	 * @param valid rows it would publish
	 * @param rejected rows it would reject
	 */
	public record Rows(long valid, long rejected) {

	}

	/** A folder watched: files published as they settle, until {@link #stop}. */
	public static final class Watch {

		private final FolderWatcher watcher;

		private final ProducerMetrics metrics;

		private Watch(FolderWatcher watcher, ProducerMetrics metrics) {
			this.watcher = watcher;
			this.metrics = metrics;
		}

		/**
		 * Watches until {@link #stop(long)}.
		 * @throws InputException if the input folder is not a folder or cannot be read
		 */
		public void run() throws IOException, InterruptedException {
			this.watcher.run();
		}

		/**
		 * Stops watching, waiting up to the given time for the confirms of chunks in
		 * flight; returns whether they all came.
		 */
		public boolean stop(long timeoutMillis) throws InterruptedException {
			return this.watcher.stop(timeoutMillis);
		}

		/** Files seen and not yet settled. */
		public int waiting() {
			return this.watcher.waiting();
		}

		/** Files published and not yet all stored. */
		public int awaitingStorage() {
			return this.watcher.awaitingStorage();
		}

		/** Files done since the start. */
		public long done() {
			return this.metrics.filesDoneCount();
		}

	}

}
