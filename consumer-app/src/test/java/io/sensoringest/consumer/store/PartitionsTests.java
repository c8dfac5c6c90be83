package io.sensoringest.consumer.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.contract.SensorRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Which spans {@link Partitions} asks the database for, and when: the database side is
 * tested against PostgreSQL in {@code MigrationIT}.
 */
class PartitionsTests {

	private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-01-01T10:00:00Z");

	private final Connection connection = mock(Connection.class);

	private final PreparedStatement statement = mock(PreparedStatement.class);

	private final ResultSet result = mock(ResultSet.class);

	private final List<Object[]> askedFor = new ArrayList<>();

	@BeforeEach
	void database() throws SQLException {
		given(this.connection.prepareStatement(anyString())).willReturn(this.statement);
		given(this.connection.createArrayOf(eq("timestamptz"), any())).willAnswer((invocation) -> {
			this.askedFor.add(invocation.getArgument(1));
			return mock(Array.class);
		});
		given(this.statement.executeQuery()).willReturn(this.result);
		given(this.result.next()).willReturn(true);
	}

	@Test
	void asksOnceForEverySpanTheRowsFallInThenNotAgain() throws SQLException {
		Partitions partitions = new Partitions(Duration.ofHours(1), Duration.ZERO);
		List<SensorRecord> rows = List.of(row("a", 0), row("a", 3599), row("a", 3600), row("b", 7300), row("b", 10));

		partitions.ensure(this.connection, List.of(rows));
		partitions.ensure(this.connection, List.of(List.of(row("c", 20), row("c", 3700))));

		assertThat(this.askedFor).hasSize(1);
		assertThat(this.askedFor.get(0)).containsExactly(T0, T0.plusHours(1), T0.plusHours(2));
		verify(this.connection).commit();
	}

	@Test
	void afterForgettingItAsksAgain() throws SQLException {
		Partitions partitions = new Partitions(Duration.ofHours(6), Duration.ZERO);
		partitions.ensure(this.connection, List.of(List.of(row("a", 0))));

		partitions.forget();
		partitions.ensure(this.connection, List.of(List.of(row("a", 60))));

		assertThat(this.askedFor).hasSize(2);
		assertThat(this.askedFor.get(1)).containsExactly(T0.minusHours(4));
	}

	@Test
	void dropsExpiredPartitionsOnlyWhenItMadeOneAndARetentionIsSet() throws SQLException {
		given(this.result.getLong(1)).willReturn(1L);
		new Partitions(Duration.ofHours(1), Duration.ZERO).ensure(this.connection, List.of(List.of(row("a", 0))));
		verify(this.connection, never())
			.prepareStatement(eq("SELECT records_drop_partitions_before(now() - make_interval(secs => ?))"));

		new Partitions(Duration.ofHours(1), Duration.ofDays(90)).ensure(this.connection, List.of(List.of(row("a", 0))));

		verify(this.connection)
			.prepareStatement("SELECT records_drop_partitions_before(now() - make_interval(secs => ?))");
		verify(this.statement).setDouble(1, 90 * 86400.0);
	}

	private static SensorRecord row(String sensor, int seconds) {
		return new SensorRecord(T0.plusSeconds(seconds), sensor, 1.5);
	}

}
