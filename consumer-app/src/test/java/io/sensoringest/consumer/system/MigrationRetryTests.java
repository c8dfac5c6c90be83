package io.sensoringest.consumer.system;

import java.sql.SQLException;
import java.time.Duration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Which failures of the migrations at start-up are tried again: a lost connection, not a
 * migration that fails on its own.
 */
class MigrationRetryTests {

	private final Flyway flyway = mock(Flyway.class);

	@Test
	void aConnectionLostToARestartIsTriedAgain() {
		given(this.flyway.migrate()).willThrow(failure("57P01", "terminating connection due to administrator command"))
			.willThrow(failure("08001", "Connection refused"))
			.willReturn(null);

		new MigrationRetry(Duration.ofSeconds(30), true).migrate(this.flyway);

		verify(this.flyway, times(3)).migrate();
	}

	@Test
	void withoutMigrationsAskedForFlywayIsNotRun() {
		new MigrationRetry(Duration.ofSeconds(30), false).migrate(this.flyway);

		verify(this.flyway, never()).migrate();
	}

	@Test
	void aMigrationThatFailsOnItsOwnIsNotTriedAgain() {
		willThrow(failure("42P07", "relation \"records\" already exists")).given(this.flyway).migrate();

		assertThatThrownBy(() -> new MigrationRetry(Duration.ofSeconds(30), true).migrate(this.flyway))
			.hasRootCauseMessage("relation \"records\" already exists");
		verify(this.flyway, times(1)).migrate();
	}

	@Test
	void afterTheStartupTimeoutTheFailureStands() {
		willThrow(failure("08001", "Connection refused")).given(this.flyway).migrate();

		assertThatThrownBy(() -> new MigrationRetry(Duration.ZERO, true).migrate(this.flyway))
			.hasRootCauseMessage("Connection refused");
	}

	@Test
	void onlyConnectionAndShutdownStatesCountAsLost() {
		assertThat(MigrationRetry.lostConnection(new SQLException("x", "08006"))).isTrue();
		assertThat(MigrationRetry.lostConnection(new SQLException("x", "57P03"))).isTrue();
		assertThat(MigrationRetry.lostConnection(new SQLException("x", "28P01"))).isFalse();
		assertThat(MigrationRetry.lostConnection(new SQLException("x"))).isFalse();
		assertThat(MigrationRetry.lostConnection(null)).isFalse();
	}

	private static FlywayException failure(String state, String message) {
		return new FlywayException("Unable to migrate", new SQLException(message, state));
	}

}
