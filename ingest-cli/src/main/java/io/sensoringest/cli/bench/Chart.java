package io.sensoringest.cli.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * A line chart drawn with Java2D: one line per series, rows/s against consumers (the
 * sweep) or against the run (the bench).
 */
final class Chart {

	private static final int WIDTH = 800;

	private static final int HEIGHT = 500;

	private static final int LEFT = 90;

	private static final int RIGHT = 190;

	private static final int TOP = 50;

	private static final int BOTTOM = 60;

	private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
			new Color(0xd62728), new Color(0x9467bd) };

	private Chart() {
	}

	/**
	 * Draws the chart.
	 * @param title the title
	 * @param xLabel what the x positions count
	 * @param xValues the x positions, ascending
	 * @param series name to y values, one per x position ({@code NaN} for none)
	 * @param floor a horizontal reference line, or {@code NaN}
	 * @param floorLabel what the reference line is
	 */
	static void draw(Path png, String title, String xLabel, List<Integer> xValues, Map<String, List<Double>> series,
			double floor, String floorLabel) throws IOException {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		double highest = series.values()
			.stream()
			.flatMap(List::stream)
			.filter(Double::isFinite)
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(1);
		// the reference line counts only where there is one (NaN would make every y NaN)
		double maxY = (Double.isFinite(floor) ? Math.max(floor, highest) : highest) * 1.1;
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = HEIGHT - TOP - BOTTOM;
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
		g.drawString(title, LEFT, 30);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
		g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
		for (int i = 0; i <= 5; i++) {
			double value = maxY * i / 5;
			int y = TOP + plotHeight - (int) (plotHeight * i / 5.0);
			g.setColor(new Color(0xdddddd));
			g.drawLine(LEFT + 1, y, LEFT + plotWidth, y);
			g.setColor(Color.BLACK);
			g.drawString(String.format("%,.0f", value), 10, y + 4);
		}
		for (int i = 0; i < xValues.size(); i++) {
			int x = xPosition(i, xValues.size(), plotWidth);
			g.drawString(Integer.toString(xValues.get(i)), x - 4, TOP + plotHeight + 18);
		}
		g.drawString(xLabel, LEFT + plotWidth / 2 - 30, HEIGHT - 15);
		g.drawString("rows/s", 10, TOP - 10);
		if (Double.isFinite(floor)) {
			int y = TOP + plotHeight - (int) (plotHeight * floor / maxY);
			g.setColor(Color.GRAY);
			g.setStroke(
					new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 6, 4 }, 0));
			g.drawLine(LEFT, y, LEFT + plotWidth, y);
			g.drawString(floorLabel, LEFT + 8, y - 6);
		}
		int legend = 0;
		for (Map.Entry<String, List<Double>> line : series.entrySet()) {
			Color color = COLORS[legend % COLORS.length];
			g.setColor(color);
			g.setStroke(new BasicStroke(2.5f));
			int previousX = -1;
			int previousY = -1;
			for (int i = 0; i < xValues.size(); i++) {
				double value = line.getValue().get(i);
				if (!Double.isFinite(value)) {
					continue;
				}
				int x = xPosition(i, xValues.size(), plotWidth);
				int y = TOP + plotHeight - (int) (plotHeight * value / maxY);
				g.fillOval(x - 4, y - 4, 8, 8);
				if (previousX >= 0) {
					g.drawLine(previousX, previousY, x, y);
				}
				previousX = x;
				previousY = y;
			}
			g.fillRect(LEFT + plotWidth + 20, TOP + 30 + legend * 22, 14, 4);
			g.setColor(Color.BLACK);
			g.drawString(line.getKey(), LEFT + plotWidth + 40, TOP + 36 + legend * 22);
			legend++;
		}
		g.dispose();
		ImageIO.write(image, "png", png.toFile());
	}

	private static int xPosition(int index, int count, int plotWidth) {
		return LEFT + ((count == 1) ? plotWidth / 2 : 30 + (plotWidth - 60) * index / (count - 1));
	}

}
