package io.sensoringest.producer.settings;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.sensoringest.boot.CheckedProperties;
import io.sensoringest.boot.SettingErrors;
import io.sensoringest.contract.BrokerTls;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.PostgresAddress;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.SettingText;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Everything the producer is told, bound by Spring Boot from the environment names that
 * {@code application.yml} maps (their defaults are the {@code .env} values), and checked
 * before anything starts. Where RabbitMQ is comes from Boot's own
 * {@code spring.rabbitmq.*}. The operator's CLI binds the same record from the same file
 * through {@link ProducerSettings#load()}.
 *
 * @param rabbitmqTls TLS to RabbitMQ ({@code RABBITMQ_SSL_*})
 * @param queue the queues to publish to ({@code RABBITMQ_QUEUE_NAME},
 * {@code RABBITMQ_QUEUE_TYPE}, {@code RABBITMQ_DELIVERY_LIMIT})
 * @param targetDir input folder ({@code TARGET_FILE_DIR})
 * @param extension which files in it are input ({@code TARGET_FILE_EXTENSION}); the same
 * name with {@code .gz} is read gzipped
 * @param delimiter field delimiter, one character, {@code \t} for a tab
 * ({@code CSV_PARSER_DELIMITER})
 * @param timezone zone of times written without an offset ({@code CSV_TIMEZONE})
 * @param batchRows rows per message ({@code PRODUCER_BATCH_ROWS})
 * @param parallelism files read at once; 0: one per core ({@code PRODUCER_PARALLELISM})
 * @param stateDir checkpoints and rejects ({@code PRODUCER_STATE_DIR})
 * @param maxOutage how long to wait for a broker that went away
 * ({@code PRODUCER_MAX_OUTAGE})
 * @param confirmWindow unconfirmed messages per file reader
 * ({@code PRODUCER_CONFIRM_WINDOW})
 * @param confirmTimeout how long a message may stay unconfirmed before it is sent again
 * ({@code PRODUCER_CONFIRM_TIMEOUT})
 * @param linger the longest a message waits for more files' rows while its reader reads
 * on; a reader with no file left sends it at once ({@code PRODUCER_LINGER})
 * @param watch whether and how to keep watching the input folder
 * @param finished what becomes of a file in watch mode once its rows are stored
 * @param postgres where the consumers' ledger is, which tells when a file's rows are
 * stored; used only when finished files leave the input folder ({@code POSTGRES_*})
 */
@ConfigurationProperties("sensor-ingest")
public record ProducerProperties(@NestedConfigurationProperty BrokerTls rabbitmqTls,
		@NestedConfigurationProperty QueueTopology queue, Path targetDir, String extension, String delimiter,
		String timezone, Integer batchRows, Integer parallelism, Path stateDir, Duration maxOutage,
		Integer confirmWindow, Duration confirmTimeout, Duration linger, Watch watch, Finished finished,
		@NestedConfigurationProperty PostgresAddress postgres) implements CheckedProperties {

	@Override
	public void check(SettingErrors check) {
		check.field("batchRows", SettingText.outside(this.batchRows, 1, 100_000));
		check.field("parallelism", SettingText.outside(this.parallelism, 0, 256));
		check.field("confirmWindow", SettingText.outside(this.confirmWindow, 1, 10_000));
		check.group("queue", this.queue.problems());
		check.field("maxOutage", SettingText.notPositive(this.maxOutage));
		check.field("confirmTimeout", SettingText.notPositive(this.confirmTimeout));
		check.field("linger", SettingText.missing(this.linger));
		check.field("targetDir", SettingText.unset((this.targetDir != null) ? this.targetDir.toString() : null));
		check.field("extension", SettingText.unset(this.extension));
		check.field("stateDir", SettingText.missing(this.stateDir));
		check.field("rabbitmqTls.trustStore", SettingText.unreadable(this.rabbitmqTls.trustStore()));
		check.field("watch.enabled", SettingText.missing(this.watch.enabled));
		check.field("watch.scanInterval", SettingText.notPositive(this.watch.scanInterval));
		check.field("watch.settleTime", SettingText.missing(this.watch.settleTime));
		check.field("finished.policy", SettingText.missing(this.finished.policy));
		check.field("finished.doneDir", SettingText.missing(this.finished.doneDir));
		check.field("finished.errorDir", SettingText.missing(this.finished.errorDir));
		if (this.finished.policy != null && this.finished.policy != DonePolicy.KEEP) {
			check.group("postgres", this.postgres.problems());
		}
		if (delimiterOf(this.delimiter) == 0) {
			check.field("delimiter", "must be one character other than a quote or a line break (\\t for a tab)");
		}
		try {
			ZoneId.of(String.valueOf(this.timezone).strip());
		}
		catch (DateTimeException ex) {
			check.field("timezone", "is not a known time zone (UTC, Europe/Berlin)");
		}
	}

	/**
	 * Returns the settings the publishing code runs with: these, and where RabbitMQ is as
	 * Spring Boot was told.
	 */
	public ProducerSettings settings(RabbitProperties rabbit) {
		return new ProducerSettings(
				this.rabbitmqTls.broker(rabbit.determineAddresses(), rabbit.determineUsername(),
						rabbit.determinePassword()),
				this.queue, this.targetDir, this.extension.strip(), delimiterOf(this.delimiter),
				ZoneId.of(this.timezone.strip()), this.batchRows,
				(this.parallelism > 0) ? this.parallelism : Runtime.getRuntime().availableProcessors(), this.stateDir,
				this.maxOutage, this.confirmWindow, this.confirmTimeout, this.linger, this.watch, this.finished);
	}

	/**
	 * Returns where the consumers' ledger is; meaningful when {@code finished.policy} is
	 * not {@code keep}, which is when it was checked.
	 */
	public DatabaseSettings ledger() {
		return this.postgres.settings();
	}

	/** The one character a delimiter setting names, or 0 when it names none. */
	private static char delimiterOf(String text) {
		String value = "\\t".equals(text) ? "\t" : text;
		if (value == null || value.length() != 1 || "\"\r\n".indexOf(value.charAt(0)) >= 0) {
			return 0;
		}
		return value.charAt(0);
	}

	/**
	 * Watch mode: the producer keeps running and publishes each file that lands below the
	 * input folder once it is complete.
	 *
	 * @param enabled whether to watch rather than publish once and exit
	 * ({@code PRODUCER_WATCH}; {@code --watch})
	 * @param scanInterval how often to look at the whole folder again, for changes the
	 * file system does not report ({@code PRODUCER_SCAN_INTERVAL})
	 * @param settleTime how long a file's size and modification time must stay the same
	 * before it counts as complete ({@code PRODUCER_FILE_SETTLE_TIME})
	 */
	public record Watch(Boolean enabled, Duration scanInterval, Duration settleTime) {

	}

	/**
	 * What becomes of a file in watch mode once the ledger shows every one of its valid
	 * rows stored.
	 *
	 * @param policy {@code keep}, {@code move} or {@code delete}
	 * ({@code PRODUCER_DONE_POLICY})
	 * @param doneDir where {@code move} puts files, keeping their path below the input
	 * folder ({@code PRODUCER_DONE_DIR})
	 * @param errorDir where files with rejected rows, or that could not be used, go with
	 * their rejects beside them, unless the policy is {@code keep}
	 * ({@code PRODUCER_ERROR_DIR})
	 */
	public record Finished(DonePolicy policy, Path doneDir, Path errorDir) {

		/**
		 * Returns the done and error folders, which are never input even inside the input
		 * folder.
		 */
		public List<Path> folders() {
			return List.of(this.doneDir, this.errorDir);
		}

	}

	/** What becomes of a file once its rows are stored. */
	public enum DonePolicy {

		/** It stays; its checkpoint keeps it from being published twice. */
		KEEP,

		/** It moves into the done folder. */
		MOVE,

		/** It is deleted. */
		DELETE

	}

}
