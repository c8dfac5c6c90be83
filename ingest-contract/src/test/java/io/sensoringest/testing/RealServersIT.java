package io.sensoringest.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test support itself: the servers answer, and what one test class creates is its
 * own.
 */
class RealServersIT {

	@Test
	void eachTestDatabaseIsSeparateAndDroppedOnClose() throws Exception {
		PostgresServer server = TestServers.postgres();
		String name;
		try (TestDatabase first = server.createDatabase("TestServers");
				TestDatabase second = server.createDatabase("TestServers")) {
			name = first.name();
			assertThat(first.name()).startsWith("it_testservers_").isNotEqualTo(second.name());
			try (Connection connection = server.connect(first.name());
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE only_here (id int)");
			}
			try (Connection connection = server.connect(second.name());
					Statement statement = connection.createStatement();
					ResultSet tables = statement
						.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'")) {
				tables.next();
				assertThat(tables.getInt(1)).isZero();
			}
		}
		try (Connection connection = server.connect(server.maintenanceDatabase());
				Statement statement = connection.createStatement();
				ResultSet databases = statement
					.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
			databases.next();
			assertThat(databases.getInt(1)).isZero();
		}
	}

	@Test
	void brokerTakesAndGivesBackAMessageOnATestOwnQueue() throws Exception {
		String queue = RabbitServer.uniqueQueueName("TestServers");
		try (com.rabbitmq.client.Connection connection = TestServers.rabbit().connectionFactory().newConnection();
				Channel channel = connection.createChannel()) {
			channel.queueDeclare(queue, false, true, true, Map.of());
			channel.basicPublish("", queue, null, "ping".getBytes(StandardCharsets.UTF_8));
			GetResponse response = channel.basicGet(queue, true);
			assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("ping");
			assertThat(RabbitServer.uniqueQueueName("TestServers")).isNotEqualTo(queue);
		}
	}

}
