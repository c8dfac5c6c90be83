package io.sensoringest.cli.bench;

import java.util.List;

/**
 * One pipeline configuration measured against the floor.
 *
 * @param batchRows {@code PRODUCER_BATCH_ROWS}
 * @param upsertRows {@code POSTGRES_BATCH_UPSERT_SIZE}
 * @param replicas {@code CONSUMER_REPLICAS}
 * @param concurrency {@code CONSUMER_CONCURRENCY}
 * @param floorRowsPerSecond {@code psql \copy}, median
 * @param pipelineRowsPerSecond the pipeline, median
 * @param producerRssMib the producer's peak RSS, largest seen
 * @param consumerRssMib each consumer's peak RSS in the median run
 */
record Measurement(int batchRows, int upsertRows, int replicas, int concurrency, double floorRowsPerSecond,
		double pipelineRowsPerSecond, long producerRssMib, List<Long> consumerRssMib) {

	double ratio() {
		return pipelineRowsPerSecond / floorRowsPerSecond;
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
