package io.sensoringest.cli.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A fault {@code make chaos} injects, as {@code CHAOS_FAULTS} names it. */
public enum Fault {

	/** SIGKILL to a consumer, then a new one in its place. */
	KILL_CONSUMER,

	/** SIGKILL to the producer, then the producer again, which resumes. */
	KILL_PRODUCER,

	/** RabbitMQ stopped and started ({@code CHAOS_RABBITMQ_RESTART}). */
	RESTART_RABBITMQ,

	/** PostgreSQL stopped and started ({@code CHAOS_POSTGRES_RESTART}). */
	RESTART_POSTGRES;

	/** Returns the name used in {@code CHAOS_FAULTS}: {@code kill-consumer}. */
	public String setting() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Whether the fault is timed by the producer's progress rather than the consumers'.
	 */
	public boolean hitsTheProducer() {
		return this == KILL_PRODUCER;
	}

	/**
	 * Reads a comma-separated list such as {@code kill-consumer,restart-rabbitmq}.
	 * @throws IllegalArgumentException naming the word it does not know
	 */
	public static List<Fault> parse(String text) {
		List<Fault> faults = new ArrayList<>();
		for (String word : text.split(",")) {
			String name = word.strip();
			if (name.isEmpty()) {
				continue;
			}
			faults.add(Arrays.stream(values())
				.filter((fault) -> fault.setting().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("names an unknown fault '" + name + "'; known: "
						+ Arrays.stream(values()).map(Fault::setting).collect(Collectors.joining(", ")))));
		}
		return faults;
	}

}
