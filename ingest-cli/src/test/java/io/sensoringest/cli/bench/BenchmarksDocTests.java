package io.sensoringest.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarksDocTests {

	@TempDir
	Path docs;

	@Test
	void eachCommandRewritesItsOwnSectionInItsPlaceAndKeepsEveryOther() throws Exception {
		Files.writeString(this.docs.resolve(BenchmarksDoc.FILE), """
				# Benchmarks

				## `make bench`

				the bench, first version

				## Where the time goes

				written by hand
				""");
		BenchmarksDoc.write(this.docs, BenchmarksDoc.SWEEP, "the sweep, first version");
		BenchmarksDoc.write(this.docs, BenchmarksDoc.BENCH, "the bench, second version");
		BenchmarksDoc.write(this.docs, BenchmarksDoc.SWEEP, "the sweep, second version\n\n");

		assertThat(Files.readString(this.docs.resolve(BenchmarksDoc.FILE))).isEqualTo("""
				# Benchmarks

				## `make bench`

				the bench, second version

				## Where the time goes

				written by hand

				## `make bench-sweep`

				the sweep, second version
				""");
	}

	@Test
	void aFirstSectionStartsTheFile() throws Exception {
		BenchmarksDoc.write(this.docs, BenchmarksDoc.BENCH, "the bench");

		assertThat(Files.readString(this.docs.resolve(BenchmarksDoc.FILE)))
			.isEqualTo("# Benchmarks\n\n## `make bench`\n\nthe bench\n");
	}

	@Test
	void aRunIsOneLineAndOneRowWithEachFigureAgainstTheFloor() {
		Figures run = new Figures(200_000, 100_000, 150_000, Double.NaN);

		assertThat(run.line()).isEqualTo("floor (psql \\copy) 200,000 rows/s; make run, whole command 100,000 rows/s "
				+ "(0.50); steady state 150,000 rows/s (0.75); pgloader not installed");
		assertThat(Figures.markdown(List.of(run, new Figures(300_000, 90_000, 240_000, Double.NaN)), "a machine",
				1_000_000, new BenchCommand.Config(5000, 10000, 1, 2)))
			.contains("over 1,000,000 rows (PRODUCER_BATCH_ROWS=5000 POSTGRES_BATCH_UPSERT_SIZE=10000")
			.contains("| 1 | 200,000 rows/s | 150,000 rows/s (0.75) | 100,000 rows/s (0.50) | not installed |")
			.contains("| median | 250,000 rows/s | 195,000 rows/s (0.78) | 95,000 rows/s (0.38) | not installed |")
			.contains("![rows/s per run, each figure of the table](bench.png)");
		assertThat(Figures.medians(List.of(run, new Figures(300_000, 90_000, 240_000, Double.NaN))))
			.isEqualTo("medians of 2 runs: floor 250,000 rows/s; make run 95,000 rows/s, ratio 0.40; "
					+ "steady state 195,000 rows/s, ratio 0.78; pgloader not installed");
	}

	@Test
	void theChartOfTheRunsIsAPictureBesideTheTable() throws Exception {
		Path png = this.docs.resolve(Figures.CHART);

		Figures.chart(List.of(new Figures(200_000, 100_000, 150_000, Double.NaN),
				new Figures(300_000, 90_000, 240_000, 60_000)), png);

		java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
		assertThat(image.getWidth()).isEqualTo(800);
		assertThat(image.getHeight()).isEqualTo(500);
	}

}
