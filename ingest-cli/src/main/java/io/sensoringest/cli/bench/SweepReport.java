package io.sensoringest.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the sweep's section of {@code docs/benchmarks.md} and the chart
 * {@code docs/benchmarks.png}.
 */
final class SweepReport {

	static final String CHART = "benchmarks.png";

	private SweepReport() {
	}

	static void write(Path docs, String machine, long rows, double floor, List<Measurement> measurements,
			Measurement defaults, List<Integer> consumers) throws IOException {
		StringBuilder md = new StringBuilder();
		md.append("Written by `make bench-sweep` on ")
			.append(LocalDate.now())
			.append(". Machine: ")
			.append(machine)
			.append(".\n\n");
		md.append(String.format("Each line is one run of the whole pipeline (`make run`: producer, RabbitMQ with "
				+ "persistent messages and confirms, consumers acking after commit) over %,d rows "
				+ "(the generator's format), from the start of publishing to the last row committed, on a freshly "
				+ "truncated `records` with its three indexes. The floor is `psql \\copy` of the same files into "
				+ "the same table: %,.0f rows/s (median of 3). Consumers are processes with "
				+ "`CONSUMER_CONCURRENCY=1`. With 1 row per message only the first 2 files are sent: a quorum queue "
				+ "commits every `basic.get` to its log, so one-row messages move at one or two thousand per second "
				+ "and the full set would take the sweep most of an hour.%n%n", rows, floor));
		md.append(String.format("With the defaults in `.env` (%s): **%,.0f rows/s, ratio %.2f**.%n%n",
				new BenchCommand.Config(defaults.batchRows(), defaults.upsertRows(), defaults.replicas(),
						defaults.concurrency()),
				defaults.pipelineRowsPerSecond(), defaults.ratio()));
		md.append("![rows/s against consumers](").append(CHART).append(")\n\n");
		md.append("| `PRODUCER_BATCH_ROWS` | `POSTGRES_BATCH_UPSERT_SIZE` | consumers | rows/s | pipeline / floor |\n");
		md.append("| ---: | ---: | ---: | ---: | ---: |\n");
		for (Measurement m : measurements) {
			md.append(String.format("| %d | %d | %d | %,.0f | %.2f |%n", m.batchRows(), m.upsertRows(), m.replicas(),
					m.pipelineRowsPerSecond(), m.ratio()));
		}
		BenchmarksDoc.write(docs, BenchmarksDoc.SWEEP, md.toString());
		Map<String, List<Double>> series = new LinkedHashMap<>();
		// the grid's transaction size nearest the default one
		int shown = measurements.stream()
			.map(Measurement::upsertRows)
			.min(java.util.Comparator.comparingInt((size) -> Math.abs(size - defaults.upsertRows())))
			.orElseThrow();
		for (int batchRows : measurements.stream().map(Measurement::batchRows).distinct().toList()) {
			List<Double> line = new ArrayList<>();
			for (int count : consumers) {
				line.add(measurements.stream()
					.filter((m) -> m.batchRows() == batchRows && m.upsertRows() == shown && m.replicas() == count)
					.mapToDouble(Measurement::pipelineRowsPerSecond)
					.findFirst()
					.orElse(Double.NaN));
			}
			series.put(batchRows + " rows/message", line);
		}
		Chart.draw(docs.resolve(CHART),
				String.format("Pipeline rows/s, %,d rows, POSTGRES_BATCH_UPSERT_SIZE=%d", rows, shown), "consumers",
				consumers, series, floor, "psql \\copy (floor)");
	}

}
