package io.sensoringest.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sensoringest.boot.StopSignals;
import io.sensoringest.cli.command.Folders;
import io.sensoringest.cli.command.OperatorCommand;
import io.sensoringest.cli.command.OperatorSettings;
import io.sensoringest.cli.command.Reads;
import io.sensoringest.cli.generate.FixedDataSet;
import io.sensoringest.cli.run.PipelineResult;
import io.sensoringest.cli.run.PipelineRun;
import io.sensoringest.cli.run.PipelineSettings;
import io.sensoringest.cli.run.ProcessCpu;
import io.sensoringest.cli.run.PsqlCopy;
import io.sensoringest.producer.Producer;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench --consumer-jar=PATH [--sweep]}, behind {@code make bench} and
 * {@code make bench-sweep}. It generates (or reuses) a fixed data set and measures, each
 * on a freshly truncated table, {@code psql \copy} of the files (the floor) and the whole
 * pipeline with the current settings, {@code BENCH_RUNS} times, and reports the medians
 * and their ratio. {@code --sweep} measures the grid of message sizes, transaction sizes
 * and consumer counts on a smaller data set and writes {@code docs/benchmarks.md} and a
 * chart. It exits non-zero if the table ever holds other than exactly the input rows.
 */
@Reads({ "BENCH_RUNS", "BENCH_SENSORS", "BENCH_RECORDS", "BENCH_GROWTH_ROWS", "BENCH_DIR", "CONSUMER_REPLICAS",
		"POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DATABASE", "POSTGRES_USERNAME" })
@Command(name = "bench", mixinStandardHelpOptions = true,
		header = "Throughput: the whole pipeline against psql \\copy, the floor.",
		description = "Measures psql \\copy of a fixed data set and the whole pipeline, BENCH_RUNS times on an emptied table, with medians and their ratio. It empties records and ingest_ledger of the database it is pointed at.",
		footerHeading = "%nExamples:%n",
		footer = { "  make bench                             # empties records, then measures",
				"  make bench BENCH_RUNS=1 BENCH_GROWTH_ROWS=0   # one quick run, no grown table" })
public class BenchCommand extends OperatorCommand {

	private static final Logger logger = LoggerFactory.getLogger(BenchCommand.class);

	private static final List<Integer> SWEEP_BATCH_ROWS = List.of(1, 100, 1000, 5000);

	private static final List<Integer> SWEEP_UPSERT_ROWS = List.of(1000, 5000, 20000);

	private static final List<Integer> SWEEP_CONSUMERS = List.of(1, 2, 4);

	@Option(names = "--consumer-jar", paramLabel = "PATH",
			description = "the consumer's jar (default: the one built beside this command line's)")
	Path consumerJar;

	@Option(names = "--sweep", description = "measure the grid of message sizes, transaction sizes and consumers "
			+ "into docs/benchmarks.md instead")
	boolean sweep;

	private ProducerSettings settings;

	private PipelineSettings pipeline;

	private BenchSettings bench;

	private final MeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private boolean migrated;

	@Override
	protected void execute(OperatorSettings operator) throws Exception {
		this.settings = operator.producer();
		this.pipeline = PipelineSettings.from(operator);
		this.bench = BenchSettings.from(operator.cli());
		if (!isJar(this.consumerJar, "--consumer-jar")) {
			return;
		}
		// a stop leaves nothing to finish of a measurement: the processes it started stop
		// (shutdown hooks), and it exits 0
		StopSignals.exitZeroOnStop();
		Path consumerJar = this.consumerJar;
		String machine = Machine.describe(this.settings.broker().nodes(), this.pipeline.database());
		logger.info("machine: {}", machine);
		try {
			if (this.sweep) {
				sweep(consumerJar, machine);
			}
			else {
				bench(consumerJar, machine);
			}
		}
		catch (BenchException ex) {
			fail(ex.getMessage());
		}
	}

	/**
	 * Measures, per repetition and each on an emptied table, the floor, the whole run
	 * command, the steady state and pgloader, and reports their medians.
	 */
	private void bench(Path consumerJar, String machine) throws Exception {
		DataSet data = dataSet(this.bench.sensors(), this.bench.records());
		Config config = Config.current(this.settings, this.pipeline, this.bench);
		logger.info("settings: {}; {} rows in {} files", config, String.format("%,d", data.rows()),
				data.files().size());
		Path cliJar = WholeRun.thisJar();
		if (cliJar == null) {
			throw new BenchException("bench measures the run command from this jar: start it with java -jar");
		}
		WholeRun wholeRun = new WholeRun(cliJar, consumerJar, this.bench.runJavaOptions());
		boolean pgloaderInstalled = PgLoader.installed();
		List<Figures> runs = new ArrayList<>();
		List<CpuFigures> floorCpu = new ArrayList<>();
		List<CpuFigures> wholeCpu = new ArrayList<>();
		for (int run = 1; run <= this.bench.runs(); run++) {
			Floor floor = floor(consumerJar, data);
			floorCpu.add(floor.cpu());
			// the steady state first: on a fresh build it makes the consumers' class
			// archive
			PipelineResult steady = pipeline(consumerJar, data, config);
			PipelineRun checker = pipelineRun(consumerJar, data, config);
			checker.truncateRecords();
			CpuFigures.Servers servers = CpuFigures.Servers.now();
			WholeRun.Result result = wholeRun.run(data.dir(), this.bench.dir().resolve("state-run"),
					logs().resolve("run-" + run + ".log"));
			double whole = data.rows() / result.seconds();
			wholeCpu.add(
					servers.since(data.rows(), result.seconds(), result.cpu().commandLine(), result.cpu().consumers()));
			logger.info("run {}: floor {}", run, floorCpu.get(floorCpu.size() - 1).line());
			logger.info("run {}: make run {}", run, wholeCpu.get(wholeCpu.size() - 1).line());
			checkTable(checker, data, "the run command");
			double pgloader = pgloaderInstalled ? pgloader(checker, data, run) : Double.NaN;
			Figures figures = new Figures(floor.rowsPerSecond(), whole, steady.rowsPerSecond(), pgloader);
			runs.add(figures);
			logger.info("run {}: {}; peak RSS producer {} MiB, consumers {} MiB", run, figures.line(),
					steady.producerRssMib(), steady.consumerRssMib());
		}
		logger.info(Figures.medians(runs));
		Path docs = Path.of("docs");
		BenchmarksDoc.write(docs, BenchmarksDoc.BENCH,
				Figures.markdown(runs, machine, data.rows(), config) + "\n" + CpuFigures.markdown(floorCpu, wholeCpu));
		Figures.chart(runs, docs.resolve(Figures.CHART));
		shapes(consumerJar, config, docs);
		if (this.bench.growthRows() > 0) {
			GrowthFigures growth = growth(consumerJar, data, config, Figures.median(runs, Figures::floor),
					Figures.median(runs, Figures::steadyState));
			logger.info(growth.line());
			BenchmarksDoc.write(docs, BenchmarksDoc.GROWTH, growth.markdown());
			growth.chart(docs.resolve(GrowthFigures.CHART));
		}
		logger.info("wrote {}", docs.resolve(BenchmarksDoc.FILE));
	}

	/**
	 * The same rows as 100 files of 10,000 and as 10,000 files of 100, in turn,
	 * BENCH_RUNS times: each file and each message costs besides its rows.
	 */
	private void shapes(Path consumerJar, Config config, Path docs) throws Exception {
		List<ShapeFigures> big = new ArrayList<>();
		List<ShapeFigures> small = new ArrayList<>();
		for (int run = 1; run <= this.bench.runs(); run++) {
			for (int[] shape : ShapeFigures.SHAPES) {
				ShapeFigures figures = shape(consumerJar, dataSet(shape[0], shape[1]), config);
				logger.info("run {}: {}", run, figures.line());
				((shape == ShapeFigures.SHAPES.get(0)) ? big : small).add(figures);
			}
		}
		logger.info(ShapeFigures.comparison(big, small));
		// how the producer packs and reads is what these shapes tell apart
		String settings = config + " PRODUCER_PARALLELISM=" + this.settings.parallelism() + " PRODUCER_LINGER="
				+ this.settings.linger().toMillis() + "ms";
		BenchmarksDoc.write(docs, BenchmarksDoc.SHAPES, ShapeFigures.markdown(big, small, settings));
	}

	private ShapeFigures shape(Path consumerJar, DataSet data, Config config) throws Exception {
		PipelineRun run = pipelineRun(consumerJar, data, config);
		run.truncateRecords();
		Folders.deleteRecursively(stateDir());
		double jvms = ProcessCpu.ofThisProcessAndChildren();
		CpuFigures.Servers servers = CpuFigures.Servers.now();
		PipelineResult result = run.runMigrated(data.files(), true);
		if (!result.complete()) {
			throw new BenchException(config + ", " + data.files().size() + " files: " + result.problem());
		}
		CpuFigures.Servers spent = servers.spent();
		ShapeFigures figures = new ShapeFigures(data.files().size(), (int) (data.rows() / data.files().size()),
				result.rowsPerSecond(), ProcessCpu.ofThisProcessAndChildren() - jvms, spent.rabbitmq(),
				spent.postgres());
		checkTable(run, data, config + ", " + data.files().size() + " files");
		return figures;
	}

	private double pgloader(PipelineRun checker, DataSet data, int run) throws Exception {
		checker.truncateRecords();
		double seconds = new PgLoader(this.pipeline.database(), data.dir(), this.bench.dir())
			.load(logs().resolve("pgloader-" + run + ".log"));
		checkTable(checker, data, "pgloader");
		return data.rows() / seconds;
	}

	private Path logs() {
		return this.bench.dir().resolve("logs");
	}

	private void sweep(Path consumerJar, String machine) throws Exception {
		DataSet data = dataSet(this.bench.sweepSensors(), this.bench.sweepRecords());
		List<Double> floors = new ArrayList<>();
		for (int run = 0; run < 3; run++) {
			floors.add(floor(consumerJar, data).rowsPerSecond());
		}
		double floor = Measurement.median(floors);
		logger.info("sweep over {} rows; floor (psql \\copy, median of 3) {} rows/s", String.format("%,d", data.rows()),
				rate(floor));
		List<Measurement> measurements = new ArrayList<>();
		for (int batchRows : SWEEP_BATCH_ROWS) {
			for (int upsertRows : SWEEP_UPSERT_ROWS) {
				for (int consumers : SWEEP_CONSUMERS) {
					Config config = new Config(batchRows, upsertRows, consumers, 1);
					PipelineResult result = pipeline(consumerJar, (batchRows == 1) ? data.firstFiles(2) : data, config);
					Measurement measurement = new Measurement(batchRows, upsertRows, consumers, 1, floor,
							result.rowsPerSecond(), result.producerRssMib(), result.consumerRssMib());
					measurements.add(measurement);
					logger.info("{}: {} rows/s, ratio {}", config, rate(result.rowsPerSecond()),
							String.format("%.2f", measurement.ratio()));
				}
			}
		}
		Config current = Config.current(this.settings, this.pipeline, this.bench);
		PipelineResult defaults = pipeline(consumerJar, data, current);
		Measurement defaultMeasurement = new Measurement(current.batchRows(), current.upsertRows(), current.replicas(),
				current.concurrency(), floor, defaults.rowsPerSecond(), defaults.producerRssMib(),
				defaults.consumerRssMib());
		Path docs = Path.of("docs");
		Files.createDirectories(docs);
		SweepReport.write(docs, machine, data.rows(), floor, measurements, defaultMeasurement, SWEEP_CONSUMERS);
		logger.info("wrote {} and {}", docs.resolve(BenchmarksDoc.FILE), docs.resolve(SweepReport.CHART));
	}

	private Floor floor(Path consumerJar, DataSet data) throws Exception {
		PipelineRun run = pipelineRun(consumerJar, data, Config.current(this.settings, this.pipeline, this.bench));
		if (!this.migrated && !run.migrate()) {
			throw new BenchException("the migrations failed; see above");
		}
		this.migrated = true;
		run.truncateRecords();
		growthTable().ensurePartitions(data.first(), data.last());
		CpuFigures.Servers servers = CpuFigures.Servers.now();
		double psql = ProcessCpu.ofThisProcessAndChildren();
		double seconds = new PsqlCopy(this.pipeline.database(), data.files(), "records", this.bench.dir()).load();
		// psql is this process's child, reaped by now; this process idles meanwhile
		CpuFigures cpu = servers.since(data.rows(), seconds, ProcessCpu.ofThisProcessAndChildren() - psql, 0);
		checkTable(run, data, "psql \\copy");
		return new Floor(data.rows() / seconds, cpu);
	}

	/**
	 * One load by {@code psql \copy}: its rate, and what it cost per 1,000,000 rows.
	 *
	 * @param rowsPerSecond rows over its wall time
	 * @param cpu its CPU seconds, per kind of process
	 */
	private record Floor(double rowsPerSecond, CpuFigures cpu) {
	}

	/**
	 * The floor and the steady state again, each into a table that already holds
	 * BENCH_GROWTH_ROWS earlier rows of the data set's sensors.
	 */
	private GrowthFigures growth(Path consumerJar, DataSet data, Config config, double emptyFloor, double emptySteady)
			throws Exception {
		long earlier = this.bench.growthRows();
		PipelineRun run = pipelineRun(consumerJar, data, config);
		run.truncateRecords();
		GrowthTable table = growthTable();
		logger.info("growth: {} earlier rows of the same sensors into records", rate(earlier));
		table.preload(data.sensors(), earlier, data.first());
		table.ensurePartitions(data.first(), data.last());
		if (!table.checkpoint()) {
			logger.warn("the role may not CHECKPOINT (GRANT pg_checkpoint TO it): the grown table's figures"
					+ " include writing out the preload");
		}
		double floor = data.rows()
				/ new PsqlCopy(this.pipeline.database(), data.files(), "records", this.bench.dir()).load();
		checkTable(run, earlier + data.rows(), "psql \\copy onto the grown table");
		table.removeFrom(data.first());
		table.checkpoint();
		Folders.deleteRecursively(stateDir());
		PipelineResult result = run.runMigrated(data.files(), true);
		if (!result.complete()) {
			throw new BenchException("onto the grown table: " + result.problem());
		}
		checkTable(run, earlier + data.rows(), "the pipeline onto the grown table");
		return new GrowthFigures(earlier, emptyFloor, floor, emptySteady, result.rowsPerSecond());
	}

	private GrowthTable growthTable() {
		return new GrowthTable(this.pipeline.database(), this.bench.partitionInterval());
	}

	private PipelineResult pipeline(Path consumerJar, DataSet data, Config config) throws Exception {
		PipelineRun run = pipelineRun(consumerJar, data, config);
		run.truncateRecords();
		Folders.deleteRecursively(stateDir());
		PipelineResult result = run.runMigrated(data.files(), true);
		if (!result.complete()) {
			throw new BenchException(config + ": " + result.problem());
		}
		checkTable(run, data, config.toString());
		return result;
	}

	private PipelineRun pipelineRun(Path consumerJar, DataSet data, Config config) {
		ProducerSettings producer = this.settings.with(data.files().get(0).path().getParent(), stateDir(),
				config.batchRows());
		PipelineSettings consumers = new PipelineSettings(this.pipeline.database(), config.replicas(),
				this.pipeline.consumerJavaOptions(), this.pipeline.consumerShutdownTimeout(),
				this.pipeline.consumersMigrate());
		return new PipelineRun(new Producer(producer, this.registry), consumers, consumerJar,
				Map.of("POSTGRES_BATCH_UPSERT_SIZE", Integer.toString(config.upsertRows()), "CONSUMER_CONCURRENCY",
						Integer.toString(config.concurrency())));
	}

	private void checkTable(PipelineRun run, DataSet data, String what) throws InterruptedException {
		checkTable(run, data.rows(), what);
	}

	private void checkTable(PipelineRun run, long expected, String what) throws InterruptedException {
		long rows = run.countRecords();
		if (rows != expected) {
			throw new BenchException(what + " left " + rows + " rows in records, not the " + expected + " expected");
		}
	}

	private DataSet dataSet(int sensors, int records) throws IOException, InterruptedException {
		FixedDataSet data = FixedDataSet.inside(this.bench.dir(), sensors, records, 42);
		return new DataSet(data.files(), data.rows(), FixedDataSet.first(), FixedDataSet.last(records));
	}

	private Path stateDir() {
		return this.bench.dir().resolve("state");
	}

	private static String rate(double rowsPerSecond) {
		return String.format("%,.0f", rowsPerSecond);
	}

	/** A failed measurement: the bench stops and exits non-zero. */
	private static final class BenchException extends RuntimeException {

		BenchException(String message) {
			super(message);
		}

	}

	/** The generated files and how many rows they hold. */
	record DataSet(List<InputFile> files, long rows, OffsetDateTime first, OffsetDateTime last) {

		/** The sensors, one a file, named as the file is. */
		List<String> sensors() {
			return this.files.stream().map((file) -> file.path().getFileName().toString().replace(".csv", "")).toList();
		}

		/** The folder that holds the files. */
		Path dir() {
			return files.get(0).path().getParent();
		}

		/**
		 * The first files only: one row per message is polled one message at a time, and
		 * a quorum queue commits every {@code basic.get} to its log, so the full set
		 * would take the sweep an hour.
		 */
		DataSet firstFiles(int count) {
			return new DataSet(files.subList(0, count), rows / files.size() * count, first, last);
		}

	}

	/** The settings a measurement varies. */
	record Config(int batchRows, int upsertRows, int replicas, int concurrency) {

		static Config current(ProducerSettings settings, PipelineSettings pipeline, BenchSettings bench) {
			return new Config(settings.batchRows(), bench.upsertRows(), pipeline.replicas(), bench.concurrency());
		}

		@Override
		public String toString() {
			return "PRODUCER_BATCH_ROWS=" + batchRows + " POSTGRES_BATCH_UPSERT_SIZE=" + upsertRows
					+ " CONSUMER_REPLICAS=" + replicas + " CONSUMER_CONCURRENCY=" + concurrency;
		}

	}

}
