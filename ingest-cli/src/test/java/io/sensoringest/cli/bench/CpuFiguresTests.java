package io.sensoringest.cli.bench;

import java.util.List;

import io.sensoringest.cli.run.ProcessCpu;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuFiguresTests {

	@Test
	void aLoadIsCountedPerMillionRows() throws InterruptedException {
		CpuFigures.Servers before = new CpuFigures.Servers(Double.NaN, Double.NaN, ProcessCpu.pidsOf("postgres"));

		CpuFigures figures = before.since(2_000_000, 7.0, 0.4, 0);

		assertThat(figures.wall()).isEqualTo(3.5);
		assertThat(figures.client()).isEqualTo(0.2);
		assertThat(figures.postgres()).isNaN();
		assertThat(figures.total()).as("a kind not on this machine is left out").isEqualTo(0.2);
	}

	@Test
	void theSectionSetsTheWholeRunsMediansBesideTheFloors() {
		List<CpuFigures> floor = List.of(new CpuFigures(3.0, 0.1, 0, 3.0, 0.1), new CpuFigures(4.0, 0.1, 0, 3.4, 0.1),
				new CpuFigures(3.5, 0.1, 0, 3.2, 0.1));
		List<CpuFigures> whole = List.of(new CpuFigures(6.0, 3.0, 3.0, 3.6, 0.5),
				new CpuFigures(5.0, 3.0, 2.6, 3.8, 0.5), new CpuFigures(7.0, 3.2, 3.0, 3.6, 0.4));

		String md = CpuFigures.markdown(floor, whole);

		assertThat(md)
			.contains("| floor: `psql \\copy` (client: psql) | 3.50 | 0.10 | 0.00 | 3.20 | 0.10 | 3.40 | 1.00 |")
			.contains(
					"| `make run`, whole command (client: command line and producer) | 6.00 | 3.00 | 3.00 | 3.60 | 0.50 | "
							+ "10.10 | 2.97 |");
	}

}
