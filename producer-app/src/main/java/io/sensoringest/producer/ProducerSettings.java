package io.sensoringest.producer;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.Settings;

/**
 * Everything the producer is told, read and checked before anything starts.
 *
 * @param broker where RabbitMQ is
 * @param topology the queues to publish to
 * @param targetDir input folder ({@code TARGET_FILE_DIR})
 * @param extension which files in it are input ({@code TARGET_FILE_EXTENSION})
 * @param delimiter field delimiter ({@code CSV_PARSER_DELIMITER})
 * @param csvZone zone of times written without an offset ({@code CSV_TIMEZONE})
 * @param batchRows rows per message ({@code PRODUCER_BATCH_ROWS})
 * @param parallelism files read at once ({@code PRODUCER_PARALLELISM}, 0: one per core)
 * @param stateDir checkpoints and rejects ({@code PRODUCER_STATE_DIR})
 * @param maxOutage how long to wait for a broker that went away
 * ({@code PRODUCER_MAX_OUTAGE})
 * @param confirmWindow unconfirmed messages per file reader
 * ({@code PRODUCER_CONFIRM_WINDOW})
 * @param confirmTimeout how long a message may stay unconfirmed before it is sent again
 * ({@code PRODUCER_CONFIRM_TIMEOUT})
 */
public record ProducerSettings(BrokerSettings broker, QueueTopology topology, Path targetDir, String extension,
		char delimiter, ZoneId csvZone, int batchRows, int parallelism, Path stateDir, Duration maxOutage,
		int confirmWindow, Duration confirmTimeout) {

	/**
	 * Reads the settings.
	 * @throws InvalidSettingException naming the first setting that is missing or
	 * unusable
	 */
	public static ProducerSettings from(Settings settings) {
		int parallelism = settings.integer("PRODUCER_PARALLELISM", 0, 256);
		return new ProducerSettings(BrokerSettings.from(settings), QueueTopology.from(settings),
				Path.of(settings.get("TARGET_FILE_DIR")), settings.get("TARGET_FILE_EXTENSION"), delimiter(settings),
				zone(settings, "CSV_TIMEZONE"), settings.integer("PRODUCER_BATCH_ROWS", 1, 100_000),
				(parallelism > 0) ? parallelism : Runtime.getRuntime().availableProcessors(),
				Path.of(settings.get("PRODUCER_STATE_DIR")), positive(settings, "PRODUCER_MAX_OUTAGE"),
				settings.integer("PRODUCER_CONFIRM_WINDOW", 1, 10_000), positive(settings, "PRODUCER_CONFIRM_TIMEOUT"));
	}

	/**
	 * Returns these settings for other input, state and message size, as a benchmark
	 * varies them.
	 */
	public ProducerSettings with(Path targetDir, Path stateDir, int batchRows) {
		return new ProducerSettings(broker, topology, targetDir, extension, delimiter, csvZone, batchRows, parallelism,
				stateDir, maxOutage, confirmWindow, confirmTimeout);
	}

	private static char delimiter(Settings settings) {
		String text = settings.find("CSV_PARSER_DELIMITER").orElse(",");
		String value = text.equals("\\t") ? "\t" : text;
		if (value.length() != 1 || value.charAt(0) == '"' || value.charAt(0) == '\n' || value.charAt(0) == '\r') {
			throw new InvalidSettingException("CSV_PARSER_DELIMITER", text,
					"must be one character other than a quote or a line break (\\t for a tab)");
		}
		return value.charAt(0);
	}

	static ZoneId zone(Settings settings, String name) {
		String text = settings.get(name);
		try {
			return ZoneId.of(text);
		}
		catch (DateTimeException ex) {
			throw new InvalidSettingException(name, text, "is not a known time zone (UTC, Europe/Berlin)");
		}
	}

	private static Duration positive(Settings settings, String name) {
		Duration value = settings.duration(name);
		if (value.isZero()) {
			throw new InvalidSettingException(name, settings.get(name), "must be longer than zero");
		}
		return value;
	}

}
