package io.sensoringest.cli.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The same number of rows in few big files and in many small ones, through the pipeline
 * in the same {@code make bench}: the rate of each, and the CPU seconds each kind of
 * process spent on it, so that what a file and a message cost shows beside what a row
 * costs.
 *
 * @param files the shape's files
 * @param rowsPerFile the rows in each
 * @param rowsPerSecond the pipeline's steady-state rate
 * @param jvmSeconds CPU seconds of the run command (the producer runs in it) and the
 * consumers it started
 * @param rabbitmqSeconds CPU seconds of RabbitMQ on this machine ({@code NaN}: not here)
 * @param postgresSeconds CPU seconds of PostgreSQL on this machine ({@code NaN}: not
 * here)
 */
record ShapeFigures(int files, int rowsPerFile, double rowsPerSecond, double jvmSeconds, double rabbitmqSeconds,
		double postgresSeconds) {

	/** The two shapes the issue "Small files as fast as big ones" compares, big first. */
	static final List<int[]> SHAPES = List.of(new int[] { 100, 10_000 }, new int[] { 10_000, 100 });

	/** Returns the shape's figures as one line. */
	String line() {
		return String.format("%s: %,.0f rows/s; CPU-s: JVMs %s, RabbitMQ %s, PostgreSQL %s", shape(),
				this.rowsPerSecond, seconds(this.jvmSeconds), seconds(this.rabbitmqSeconds),
				seconds(this.postgresSeconds));
	}

	String shape() {
		return String.format("%,d files x %,d rows", this.files, this.rowsPerFile);
	}

	/**
	 * Returns the line comparing the small files' medians with the big ones': the rate's
	 * ratio and RabbitMQ's CPU's.
	 */
	static String comparison(List<ShapeFigures> big, List<ShapeFigures> small) {
		return String.format(
				"shapes, medians of %d runs: %s %,.0f rows/s, %s %,.0f rows/s: small/big rate %.2f; RabbitMQ CPU-s %s vs %s: small/big %s",
				big.size(), big.get(0).shape(), median(big, ShapeFigures::rowsPerSecond), small.get(0).shape(),
				median(small, ShapeFigures::rowsPerSecond),
				median(small, ShapeFigures::rowsPerSecond) / median(big, ShapeFigures::rowsPerSecond),
				seconds(median(big, ShapeFigures::rabbitmqSeconds)),
				seconds(median(small, ShapeFigures::rabbitmqSeconds)),
				ratio(median(small, ShapeFigures::rabbitmqSeconds), median(big, ShapeFigures::rabbitmqSeconds)));
	}

	/** Returns the section of {@code docs/benchmarks.md}. */
	static String markdown(List<ShapeFigures> big, List<ShapeFigures> small, String settings) {
		StringBuilder md = new StringBuilder();
		md.append(String.format("The same rows as few big files and as many small ones, each run into an emptied "
				+ "`records`, in turn (%s). CPU seconds of each kind of process over the run, read from `/proc`: "
				+ "the JVMs are the run command (the producer runs in it) and its consumers; RabbitMQ and "
				+ "PostgreSQL are those of this machine. The last rows hold the medians.%n%n", settings));
		md.append("| input | run | rows/s | JVMs CPU-s | RabbitMQ CPU-s | PostgreSQL CPU-s |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (List<ShapeFigures> runs : List.of(big, small)) {
			for (int i = 0; i < runs.size(); i++) {
				md.append(runs.get(i).row(Integer.toString(i + 1)));
			}
		}
		for (List<ShapeFigures> runs : List.of(big, small)) {
			ShapeFigures first = runs.get(0);
			md.append(new ShapeFigures(first.files(), first.rowsPerFile(), median(runs, ShapeFigures::rowsPerSecond),
					median(runs, ShapeFigures::jvmSeconds), median(runs, ShapeFigures::rabbitmqSeconds),
					median(runs, ShapeFigures::postgresSeconds))
				.row("median"));
		}
		md.append(String.format(
				"%nSmall files' rate over big files': %.2f. RabbitMQ's CPU for small files over big " + "files': %s.%n",
				median(small, ShapeFigures::rowsPerSecond) / median(big, ShapeFigures::rowsPerSecond),
				ratio(median(small, ShapeFigures::rabbitmqSeconds), median(big, ShapeFigures::rabbitmqSeconds))));
		return md.toString();
	}

	private String row(String label) {
		return String.format("| %s | %s | %,.0f | %s | %s | %s |%n", shape(), label, this.rowsPerSecond,
				seconds(this.jvmSeconds), seconds(this.rabbitmqSeconds), seconds(this.postgresSeconds));
	}

	static double median(List<ShapeFigures> runs, ToDoubleFunction<ShapeFigures> figure) {
		return Measurement.median(runs.stream().map(figure::applyAsDouble).toList());
	}

	private static String seconds(double seconds) {
		return Double.isNaN(seconds) ? "n/a (not on this machine)" : String.format("%.1f", seconds);
	}

	private static String ratio(double small, double big) {
		return (Double.isNaN(small) || Double.isNaN(big)) ? "n/a" : String.format("%.1f x", small / big);
	}

}
