package io.sensoringest.consumer.poll;

import javax.sql.DataSource;

import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.DatabaseSettings;

/**
 * The two servers as the workers reach them. Each worker keeps a raw connection and
 * channel of its own, to whichever node answers, made by Spring Boot's broker factory,
 * because the basicGet loop with one multiple-ack per batch was measured faster than a
 * listener container; and a connection of Boot's pool, held for binary COPY.
 *
 * @param broker the RabbitMQ nodes, through Spring Boot's factory, TLS included
 * @param database where PostgreSQL is, for messages
 * @param dataSource Spring Boot's pool
 */
public record Servers(BrokerNodes broker, DatabaseSettings database, DataSource dataSource) {

}
