package io.sensoringest.cli.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.cli.command.OperatorSettings;

/**
 * Writes the demo data set, one file per sensor, on every core. Each file is written
 * under a hidden {@code .part} name and renamed into place when complete, so an
 * interrupted run never leaves a half-written {@code .csv} behind.
 */
public final class DemoDataGenerator {

	private static final String PART_SUFFIX = ".part";

	private static final int BUFFER_CHARS = 1 << 16;

	private final GeneratorSettings settings;

	private final PrintStream console;

	private final int parallelism;

	private final LongAdder rowsWritten = new LongAdder();

	private final AtomicInteger filesWritten = new AtomicInteger();

	private final Set<Path> partsInProgress = ConcurrentHashMap.newKeySet();

	DemoDataGenerator(GeneratorSettings settings, PrintStream console, int parallelism) {
		this.settings = settings;
		this.console = console;
		this.parallelism = parallelism;
	}

	/**
	 * Generates the data set that the settings describe.
	 * @return the exit status: 0 when every file is written, 2 on a bad setting or an I/O
	 * error, each reported on the console in one line
	 */
	public static int run(OperatorSettings settings, PrintStream console) {
		try {
			GeneratorSettings generatorSettings = GeneratorSettings.from(settings.cli().generate());
			new DemoDataGenerator(generatorSettings, console, Runtime.getRuntime().availableProcessors()).generate();
			return 0;
		}
		catch (InvalidSettingException ex) {
			console.println("gen_csv_demo: " + ex.getMessage());
		}
		catch (IOException | UncheckedIOException ex) {
			console.println("gen_csv_demo: cannot write the files: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			console.println("gen_csv_demo: interrupted");
		}
		return 2;
	}

	/** Writes the data set on every core, reporting on the console. */
	public static void generate(GeneratorSettings settings, PrintStream console)
			throws IOException, InterruptedException {
		new DemoDataGenerator(settings, console, Runtime.getRuntime().availableProcessors()).generate();
	}

	void generate() throws IOException, InterruptedException {
		Path dir = this.settings.targetDir();
		Files.createDirectories(dir);
		deleteLeftoverParts(dir);
		Thread cleanup = new Thread(this::deletePartsInProgress, "gen-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		long started = System.nanoTime();
		ScheduledExecutorService progress = Executors
			.newSingleThreadScheduledExecutor((r) -> daemon(r, "gen-progress"));
		progress.scheduleAtFixedRate(() -> this.console.println(progressLine(started)), 3, 3, TimeUnit.SECONDS);
		ExecutorService workers = Executors.newFixedThreadPool(this.parallelism, (r) -> daemon(r, "gen-worker"));
		try {
			List<Future<?>> files = new ArrayList<>();
			for (int index = 0; index < this.settings.sensors(); index++) {
				SensorSeries series = new SensorSeries(this.settings, index);
				files.add(workers.submit(() -> writeFile(dir, series)));
			}
			for (Future<?> file : files) {
				await(file);
			}
		}
		finally {
			workers.shutdownNow();
			progress.shutdownNow();
			workers.awaitTermination(10, TimeUnit.SECONDS);
			deletePartsInProgress();
			Runtime.getRuntime().removeShutdownHook(cleanup);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		this.console.printf("gen_csv_demo: wrote %,d files, %,d rows into %s in %.1f s (%,.0f rows/s)%n",
				this.filesWritten.get(), this.rowsWritten.sum(), dir, seconds, this.rowsWritten.sum() / seconds);
	}

	private Void writeFile(Path dir, SensorSeries series) throws IOException {
		Path target = dir.resolve(series.sensorId() + ".csv");
		Path part = dir.resolve("." + series.sensorId() + ".csv" + PART_SUFFIX);
		this.partsInProgress.add(part);
		try (Writer out = new BufferedWriter(
				new OutputStreamWriter(Files.newOutputStream(part), StandardCharsets.UTF_8), BUFFER_CHARS)) {
			series.writeTo(out, this.rowsWritten::add);
		}
		Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.partsInProgress.remove(part);
		this.filesWritten.incrementAndGet();
		return null;
	}

	String progressLine(long startedNanos) {
		long rows = this.rowsWritten.sum();
		long total = this.settings.totalRows();
		double rate = rows / Math.max((System.nanoTime() - startedNanos) / 1e9, 1e-3);
		long eta = (rate > 0) ? Math.round((total - rows) / rate) : -1;
		return String.format("gen_csv_demo: %,d/%,d files, %,d/%,d rows, %,.0f rows/s, ETA %s", this.filesWritten.get(),
				this.settings.sensors(), rows, total, rate, (eta >= 0) ? eta + " s" : "?");
	}

	private static void await(Future<?> file) throws IOException, InterruptedException {
		try {
			file.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Parts left by a run that was killed before its cleanup could run. */
	private static void deleteLeftoverParts(Path dir) throws IOException {
		try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, ".*.csv" + PART_SUFFIX)) {
			for (Path part : parts) {
				Files.deleteIfExists(part);
			}
		}
	}

	private void deletePartsInProgress() {
		for (Path part : this.partsInProgress) {
			try {
				Files.deleteIfExists(part);
			}
			catch (IOException ex) {
				this.console.println("gen_csv_demo: could not remove the unfinished " + part + ": " + ex.getMessage());
			}
		}
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
