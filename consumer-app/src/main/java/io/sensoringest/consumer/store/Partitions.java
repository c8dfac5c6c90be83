package io.sensoringest.consumer.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.sensoringest.contract.SensorRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions of {@code records} (migration V3), made before the rows that need them
 * and dropped whole once older than the retention. Each worker calls {@link #ensure}
 * before its batch's transaction: it asks the database only for spans of
 * {@code RECORDS_PARTITION_INTERVAL} that no batch of this process met before, in a short
 * transaction of its own (creating a partition locks the whole table until commit, which
 * must not wait for a batch, nor a batch for it). The database's function takes turns
 * between racing consumers and creates each partition once. After a failover the new
 * primary has the partitions the old one committed; a row that still finds none makes
 * {@link #forget} start over.
 */
public final class Partitions {

	/**
	 * PostgreSQL's {@code check_violation}, which a row without a partition raises: "no
	 * partition of relation records found for row".
	 */
	public static final String NO_PARTITION = "23514";

	private static final Logger logger = LoggerFactory.getLogger(Partitions.class);

	private static final String ENSURE = """
			SELECT count(*) FILTER (WHERE records_ensure_partition(t, make_interval(secs => ?)))
			FROM unnest(?::timestamptz[]) AS t""";

	private static final String DROP_EXPIRED = "SELECT records_drop_partitions_before(now() - make_interval(secs => ?))";

	private final long spanMicros;

	private final Duration retention;

	private final Set<Long> known = ConcurrentHashMap.newKeySet();

	/**
	 * @param span the span of a new partition ({@code RECORDS_PARTITION_INTERVAL})
	 * @param retention drop partitions whose every row is older than this; zero: never
	 * ({@code RECORDS_RETENTION})
	 */
	public Partitions(Duration span, Duration retention) {
		this.spanMicros = span.toNanos() / 1000;
		this.retention = retention;
	}

	/**
	 * Makes sure a partition holds every row's time, then, if it made one and a retention
	 * is set, drops the partitions past it. Commits what it did; the connection has
	 * auto-commit off and no transaction open.
	 * @param messages the rows of each message of the batch
	 */
	public void ensure(Connection connection, List<List<SensorRecord>> messages) throws SQLException {
		Set<Long> spans = new TreeSet<>();
		// a message's rows come in time order per sensor: the set is asked only when the
		// span changes, so a row costs a division and a comparison, nothing boxed
		long previous = Long.MIN_VALUE;
		for (List<SensorRecord> rows : messages) {
			for (SensorRecord row : rows) {
				long span = Math.floorDiv(LatestPerKey.epochMicros(row) - RecordWriter.POSTGRES_EPOCH_MICROS,
						this.spanMicros);
				if (span != previous) {
					previous = span;
					if (!this.known.contains(span)) {
						spans.add(span);
					}
				}
			}
		}
		if (spans.isEmpty()) {
			return;
		}
		long made;
		try (PreparedStatement statement = connection.prepareStatement(ENSURE)) {
			statement.setDouble(1, this.spanMicros / 1e6);
			Array starts = connection.createArrayOf("timestamptz",
					spans.stream().map(this::start).toArray(OffsetDateTime[]::new));
			statement.setArray(2, starts);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				made = result.getLong(1);
			}
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		this.known.addAll(spans);
		if (made > 0) {
			logger.info("made {} partition{} of records", made, (made == 1) ? "" : "s");
			dropExpired(connection);
		}
	}

	/**
	 * Forgets which spans have partitions, after a row found none (a partition dropped by
	 * hand, or a database restored from an older backup).
	 */
	public void forget() {
		this.known.clear();
	}

	private void dropExpired(Connection connection) throws SQLException {
		if (this.retention.isZero()) {
			return;
		}
		try (PreparedStatement statement = connection.prepareStatement(DROP_EXPIRED)) {
			statement.setDouble(1, this.retention.toMillis() / 1e3);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				int dropped = result.getInt(1);
				if (dropped > 0) {
					logger.info("dropped {} partition{} of records older than RECORDS_RETENTION={}", dropped,
							(dropped == 1) ? "" : "s", this.retention);
				}
			}
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
	}

	private OffsetDateTime start(long span) {
		long micros = span * this.spanMicros + RecordWriter.POSTGRES_EPOCH_MICROS;
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
			.atOffset(ZoneOffset.UTC);
	}

}
