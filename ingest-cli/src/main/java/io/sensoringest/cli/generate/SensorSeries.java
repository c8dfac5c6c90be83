package io.sensoringest.cli.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * One sensor's readings: its id, and rows one interval apart with random values in [0,
 * 1). Everything follows from the seed and the sensor's index, so each file can be
 * written on any thread and still come out byte for byte the same.
 */
final class SensorSeries {

	static final String HEADER = "record_time,sensor_id,value\r\n";

	private static final int ROWS_PER_REPORT = 8192;

	private final GeneratorSettings settings;

	private final SplittableRandom random;

	private final String sensorId;

	SensorSeries(GeneratorSettings settings, int index) {
		this.settings = settings;
		this.random = new SplittableRandom(mix(settings.seed() * 0x632BE59BD9B4E019L + index));
		this.sensorId = String.format("%08x_%d", this.random.nextInt(), index);
	}

	String sensorId() {
		return this.sensorId;
	}

	/**
	 * Writes the header and every row, CRLF-terminated as Python's csv module writes
	 * them.
	 * @param out where the text goes
	 * @param rowsWritten told every few thousand rows how many more were written
	 */
	void writeTo(Writer out, LongConsumer rowsWritten) throws IOException {
		out.write(HEADER);
		TimestampFormatter timestamps = new TimestampFormatter(this.settings.zone());
		long first = this.settings.start().atZone(this.settings.zone()).toInstant().toEpochMilli();
		StringBuilder line = new StringBuilder(64);
		long rows = this.settings.recordsPerSensor();
		for (long row = 0; row < rows; row++) {
			line.setLength(0);
			timestamps.append(first + row * this.settings.intervalMillis(), line);
			line.append(',').append(this.sensorId).append(',').append(this.random.nextDouble()).append("\r\n");
			out.append(line);
			if ((row + 1) % ROWS_PER_REPORT == 0) {
				rowsWritten.accept(ROWS_PER_REPORT);
			}
		}
		rowsWritten.accept(rows % ROWS_PER_REPORT);
	}

	/** Stafford's variant 13 of the MurmurHash3 finaliser: spreads nearby seeds apart. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
