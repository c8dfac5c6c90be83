package io.sensoringest.system.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The metrics the Grafana dashboard queries.
 */
public final class Dashboard {

	private static final Pattern METRIC = Pattern.compile("\\b((?:sensor_ingest|rabbitmq)_[a-z0-9_]+)");

	private Dashboard() {
	}

	/**
	 * Returns every {@code sensor_ingest_*} and {@code rabbitmq_*} metric named in a
	 * query.
	 */
	public static Set<String> metricNames() {
		try {
			JsonNode dashboard = new ObjectMapper()
				.readTree(StackFiles.read("observability/grafana/dashboards/sensor-ingest.json"));
			Set<String> names = new TreeSet<>();
			for (JsonNode expr : dashboard.findValues("expr")) {
				Matcher matcher = METRIC.matcher(expr.asText());
				while (matcher.find()) {
					names.add(matcher.group(1));
				}
			}
			return names;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
