package io.sensoringest.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeoutException;

import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.DatabaseSettings;

/**
 * One line about where a benchmark ran: cores, memory, processor, and the versions of
 * Java, PostgreSQL and RabbitMQ.
 */
final class Machine {

	private Machine() {
	}

	static String describe(BrokerNodes broker, DatabaseSettings database) {
		return String.format("%d cores (%s), %.0f GiB, Java %s, %s, RabbitMQ %s",
				Runtime.getRuntime().availableProcessors(), processor(), memoryGib(),
				System.getProperty("java.version"), postgres(database), rabbit(broker));
	}

	private static String processor() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown processor");
		}
		catch (IOException ex) {
			return "unknown processor";
		}
	}

	private static double memoryGib() {
		try {
			String total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", "");
			return Long.parseLong(total) / 1024.0 / 1024.0;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	private static String postgres(DatabaseSettings database) {
		try (Connection connection = database.connect();
				Statement statement = connection.createStatement();
				ResultSet version = statement.executeQuery("SHOW server_version")) {
			version.next();
			return "PostgreSQL " + version.getString(1);
		}
		catch (SQLException ex) {
			return "PostgreSQL (version unknown)";
		}
	}

	private static String rabbit(BrokerNodes broker) {
		try (com.rabbitmq.client.Connection connection = broker.connect("sensor-ingest-bench")) {
			return String.valueOf(connection.getServerProperties().get("version"));
		}
		catch (IOException | TimeoutException ex) {
			return "(version unknown)";
		}
	}

}
