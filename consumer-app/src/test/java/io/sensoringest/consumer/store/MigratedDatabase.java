package io.sensoringest.consumer.store;

import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.flywaydb.core.Flyway;

/**
 * A test class's own database with the project's migrations applied.
 */
final class MigratedDatabase {

	private MigratedDatabase() {
	}

	static TestDatabase create(String hint) {
		TestDatabase database = TestServers.postgres().createDatabase(hint);
		Flyway.configure()
			.dataSource(database.jdbcUrl(), database.server().username(), database.server().password())
			.load()
			.migrate();
		return database;
	}

}
