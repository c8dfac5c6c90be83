package io.sensoringest.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The growth figures of one {@code make bench}: the floor and the pipeline's steady state
 * into an emptied {@code records} (the medians of the runs) and into one that already
 * holds many earlier rows of the same sensors, with the ratio of each to its own
 * empty-table figure.
 *
 * @param earlierRows rows the table held before the data set
 * @param emptyFloor psql \copy into the emptied table, rows/s
 * @param grownFloor psql \copy into the grown table, rows/s
 * @param emptySteady the pipeline's steady state into the emptied table, rows/s
 * @param grownSteady the pipeline's steady state into the grown table, rows/s
 */
record GrowthFigures(long earlierRows, double emptyFloor, double grownFloor, double emptySteady, double grownSteady) {

	static final String CHART = "bench-growth.png";

	/** Returns the log line. */
	String line() {
		return String.format(
				"growth, %,d earlier rows: floor %,.0f rows/s (%.2f of the empty table's), steady state %,.0f rows/s (%.2f of the empty table's)",
				this.earlierRows, this.grownFloor, this.grownFloor / this.emptyFloor, this.grownSteady,
				this.grownSteady / this.emptySteady);
	}

	/** Returns the section of {@code docs/benchmarks.md}. */
	String markdown() {
		return String.format("""
				The same data set into `records` emptied, and into `records` holding %,d earlier rows of the same \
				sensors (made by PostgreSQL, 5 s apart, ending just before the data set's first reading), in the \
				same `make bench`. Empty-table figures are the medians of the runs above.

				| | emptied table | %,d earlier rows | ratio |
				| --- | ---: | ---: | ---: |
				| floor: `psql \\copy` | %,.0f rows/s | %,.0f rows/s | %.2f |
				| steady state | %,.0f rows/s | %,.0f rows/s | %.2f |

				![rows/s into an emptied and a grown table](%s)
				""", this.earlierRows, this.earlierRows, this.emptyFloor, this.grownFloor,
				this.grownFloor / this.emptyFloor, this.emptySteady, this.grownSteady,
				this.grownSteady / this.emptySteady, CHART);
	}

	/** Draws each figure against the rows the table held before. */
	void chart(Path png) throws IOException {
		Map<String, List<Double>> series = new LinkedHashMap<>();
		series.put("floor: psql \\copy", List.of(this.emptyFloor, this.grownFloor));
		series.put("steady state", List.of(this.emptySteady, this.grownSteady));
		Chart.draw(png, "make bench: rows/s as records grows", "millions of earlier rows in records",
				List.of(0, (int) (this.earlierRows / 1_000_000)), series, Double.NaN, "");
	}

}
