package io.sensoringest.cli.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import io.sensoringest.producer.Producer;
import io.sensoringest.producer.api.InputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generated data set that a benchmark or a fault run keeps and reuses: sensors ×
 * records readings, one a second from 2021-01-01 in Asia/Shanghai, in
 * {@code <parent>/data-<sensors>x<records>}. A marker file written last tells a finished
 * set from one cut short, which is written again.
 *
 * @param dir the folder of the files
 * @param files the files
 * @param rows the rows in them
 */
public record FixedDataSet(Path dir, List<InputFile> files, long rows) {

	private static final Logger logger = LoggerFactory.getLogger(FixedDataSet.class);

	private static final String COMPLETE = ".complete";

	/** The first reading of every sensor, in the generator's zone. */
	private static final LocalDateTime START = LocalDateTime.of(2021, 1, 1, 0, 0);

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final int INTERVAL_MILLIS = 1000;

	/** Returns the data set below a folder, generating it first unless it is there. */
	public static FixedDataSet inside(Path parent, int sensors, int records, long seed)
			throws IOException, InterruptedException {
		Path dir = parent.resolve("data-" + sensors + "x" + records);
		Path done = dir.resolve(COMPLETE);
		if (!Files.exists(done)) {
			logger.info("generating {} x {} rows into {}", sensors, records, dir);
			GeneratorSettings generator = new GeneratorSettings(dir, sensors, records, START, INTERVAL_MILLIS, ZONE,
					seed);
			DemoDataGenerator.generate(generator, new PrintStream(new ByteArrayOutputStream()));
			Files.writeString(done, "");
		}
		List<InputFile> files = Producer.inputs(dir, ".csv");
		if (files.size() != sensors) {
			throw new IOException(
					String.format(
							"%s holds %d CSV files, not the %d generated there (a symbolic link is not followed): "
									+ "delete the folder and the next run generates it again",
							dir, files.size(), sensors));
		}
		return new FixedDataSet(dir, files, (long) sensors * records);
	}

	/** Returns the instant of the first reading of every data set. */
	public static OffsetDateTime first() {
		return START.atZone(ZONE).toOffsetDateTime();
	}

	/**
	 * Returns the instant of the last reading of a data set of this many rows a sensor.
	 */
	public static OffsetDateTime last(int records) {
		return first().plusNanos((records - 1L) * INTERVAL_MILLIS * 1_000_000L);
	}

}
