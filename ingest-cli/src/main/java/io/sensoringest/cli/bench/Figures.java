package io.sensoringest.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * One repetition of {@code make bench}, each figure in rows/s over the same files into
 * the same freshly emptied table.
 *
 * @param floor {@code psql \copy}, one session: the floor
 * @param wholeRun the {@code run} command from its start to its exit
 * @param steadyState the pipeline from the moment every consumer polls to the last row
 * @param pgloader pgloader with two workers, or {@code NaN} where it is not installed
 */
record Figures(double floor, double wholeRun, double steadyState, double pgloader) {

	/** The chart's file, beside {@code benchmarks.md}. */
	static final String CHART = "bench.png";

	/** Returns the figures as one line, each with its ratio to the floor. */
	String line() {
		return String.format("floor (psql \\copy) %s rows/s; make run, whole command %s; steady state %s; pgloader %s",
				rate(this.floor), relative(this.wholeRun), relative(this.steadyState),
				Double.isNaN(this.pgloader) ? "not installed" : relative(this.pgloader));
	}

	/** Returns the median of each figure, and of each ratio to its run's floor. */
	static String medians(List<Figures> runs) {
		double floor = median(runs, Figures::floor);
		return String.format(
				"medians of %d runs: floor %s rows/s; make run %s rows/s, ratio %s; steady state %s rows/s, ratio %s; pgloader %s",
				runs.size(), rate(floor), rate(median(runs, Figures::wholeRun)), ratio(runs, Figures::wholeRun),
				rate(median(runs, Figures::steadyState)), ratio(runs, Figures::steadyState),
				Double.isNaN(runs.get(0).pgloader()) ? "not installed"
						: rate(median(runs, Figures::pgloader)) + " rows/s, ratio " + ratio(runs, Figures::pgloader));
	}

	private String relative(double rowsPerSecond) {
		return rate(rowsPerSecond) + " rows/s (" + String.format("%.2f", rowsPerSecond / this.floor) + ")";
	}

	static double median(List<Figures> runs, ToDoubleFunction<Figures> figure) {
		return Measurement.median(runs.stream().map(figure::applyAsDouble).toList());
	}

	/**
	 * The median of the per-run ratios to the floor, which the machine's drift spares.
	 */
	private static String ratio(List<Figures> runs, ToDoubleFunction<Figures> figure) {
		return String.format("%.2f",
				Measurement.median(runs.stream().map((run) -> figure.applyAsDouble(run) / run.floor()).toList()));
	}

	private static String rate(double rowsPerSecond) {
		return String.format("%,.0f", rowsPerSecond);
	}

	/** Returns the section of {@code docs/benchmarks.md} that shows the runs. */
	static String markdown(List<Figures> runs, String machine, long rows, BenchCommand.Config settings) {
		StringBuilder md = new StringBuilder();
		md.append(String.format("Written by `make bench` on %s over %,d rows (%s). Machine: %s. Each figure loads "
				+ "the same files into the same freshly emptied `records` (and ledger); each ratio is to the floor "
				+ "of the same run. The steady state runs from the moment every consumer polls to the last row "
				+ "committed; `make run` is the whole command that `make run` starts, from its start to its exit. The "
				+ "last row holds each column's median, its ratios those of the medians.%n%n", LocalDate.now(), rows,
				settings, machine));
		md.append("| run | floor: `psql \\copy` | steady state | `make run`, whole command | pgloader, 2 workers |\n");
		md.append("| ---: | ---: | ---: | ---: | ---: |\n");
		for (int i = 0; i < runs.size(); i++) {
			md.append(runs.get(i).row(Integer.toString(i + 1)));
		}
		double floor = median(runs, Figures::floor);
		md.append(new Figures(floor, median(runs, Figures::wholeRun), median(runs, Figures::steadyState),
				median(runs, Figures::pgloader))
			.row("median"));
		md.append(String.format("%n![rows/s per run, each figure of the table](%s)%n", CHART));
		return md.toString();
	}

	/**
	 * Draws the table's figures, one line each against the run, with the median floor as
	 * the reference line.
	 */
	static void chart(List<Figures> runs, Path png) throws IOException {
		Map<String, List<Double>> series = new LinkedHashMap<>();
		series.put("floor: psql \\copy", runs.stream().map(Figures::floor).toList());
		series.put("steady state", runs.stream().map(Figures::steadyState).toList());
		series.put("make run, whole", runs.stream().map(Figures::wholeRun).toList());
		series.put("pgloader", runs.stream().map(Figures::pgloader).toList());
		List<Integer> numbers = IntStream.rangeClosed(1, runs.size()).boxed().toList();
		Chart.draw(png, "make bench: rows/s of each run", "run", numbers, series, median(runs, Figures::floor),
				"median floor");
	}

	private String row(String label) {
		return String.format("| %s | %s rows/s | %s | %s | %s |%n", label, rate(this.floor), relative(this.steadyState),
				relative(this.wholeRun), Double.isNaN(this.pgloader) ? "not installed" : relative(this.pgloader));
	}

}
