package io.sensoringest.cli.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GrowthFiguresTests {

	private final GrowthFigures figures = new GrowthFigures(10_000_000, 250_000, 200_000, 180_000, 171_000);

	@TempDir
	Path dir;

	@Test
	void eachFigureIsSetBesideItsEmptyTableFigureWithTheRatio() {
		assertThat(this.figures.markdown())
			.contains("| floor: `psql \\copy` | 250,000 rows/s | 200,000 rows/s | 0.80 |",
					"| steady state | 180,000 rows/s | 171,000 rows/s | 0.95 |", "10,000,000 earlier rows")
			.contains("(" + GrowthFigures.CHART + ")");
		assertThat(this.figures.line()).contains("steady state 171,000 rows/s (0.95 of the empty table's)");
	}

	@Test
	void theChartDrawsBothLinesWithoutAReferenceLine() throws IOException {
		Path png = this.dir.resolve("growth.png");

		this.figures.chart(png);

		BufferedImage image = ImageIO.read(png.toFile());
		long blue = 0;
		long orange = 0;
		for (int x = 0; x < image.getWidth(); x++) {
			for (int y = 0; y < image.getHeight(); y++) {
				int rgb = image.getRGB(x, y) & 0xffffff;
				blue += (rgb == 0x1f77b4) ? 1 : 0;
				orange += (rgb == 0xff7f0e) ? 1 : 0;
			}
		}
		assertThat(blue).as("the floor's line").isGreaterThan(200);
		assertThat(orange).as("the steady state's line").isGreaterThan(200);
	}

}
