package io.sensoringest.cli.bench;

import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.sensoringest.cli.run.ProcessCpu;

/**
 * What one measured load cost per 1,000,000 rows: its wall seconds and the CPU seconds of
 * each kind of process, read from {@code /proc} before and after. A kind whose processes
 * do not run on this machine is {@code NaN} and left out of the total.
 *
 * @param wall wall seconds
 * @param client the loading client: {@code psql} for the floor, the command line with its
 * in-process producer for the whole run
 * @param consumers the consumer processes (none for the floor)
 * @param postgres every PostgreSQL process
 * @param rabbitmq RabbitMQ ({@code beam.smp})
 */
record CpuFigures(double wall, double client, double consumers, double postgres, double rabbitmq) {

	private static final double MILLION = 1_000_000.0;

	/** Returns the CPU seconds of every kind together. */
	double total() {
		return List.of(this.client, this.consumers, this.postgres, this.rabbitmq)
			.stream()
			.filter((seconds) -> !Double.isNaN(seconds))
			.mapToDouble(Double::doubleValue)
			.sum();
	}

	/** Returns the figures as one line. */
	String line() {
		return String.format(
				"per 1M rows: wall %.2f s; CPU %.2f s: client %.2f, consumers %.2f, PostgreSQL %.2f, RabbitMQ %.2f",
				this.wall, total(), this.client, this.consumers, this.postgres, this.rabbitmq);
	}

	/**
	 * The servers' CPU seconds so far, read before a load so that {@link #since} can take
	 * the difference after it.
	 */
	record Servers(double postgres, double rabbitmq, Set<Long> postgresProcesses) {

		/**
		 * How long {@link #spent} waits for the PostgreSQL backends of a load to end and
		 * be reaped.
		 */
		private static final long REAP_MILLIS = 5_000;

		static Servers now() {
			return new Servers(ProcessCpu.ofCommand("postgres"), ProcessCpu.ofCommand("beam.smp"),
					ProcessCpu.pidsOf("postgres"));
		}

		/**
		 * Returns what the servers have spent since this reading. A backend's time
		 * reaches the postmaster only once the postmaster has reaped it, a moment after
		 * its client went: until then it is counted nowhere (a floor read at once lost
		 * all of psql's backend, once in a few runs). So it first waits, a few seconds at
		 * most, until the PostgreSQL processes that started since are gone.
		 */
		Servers spent() throws InterruptedException {
			long deadline = System.nanoTime() + REAP_MILLIS * 1_000_000;
			while (!this.postgresProcesses.containsAll(ProcessCpu.pidsOf("postgres")) && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			return new Servers(ProcessCpu.ofCommand("postgres") - this.postgres,
					ProcessCpu.ofCommand("beam.smp") - this.rabbitmq, Set.of());
		}

		/**
		 * Returns a load's figures per 1,000,000 rows, the servers' share being what they
		 * {@link #spent} since this reading.
		 */
		CpuFigures since(long rows, double wall, double client, double consumers) throws InterruptedException {
			Servers spent = spent();
			double scale = MILLION / rows;
			return new CpuFigures(wall * scale, client * scale, consumers * scale, spent.postgres() * scale,
					spent.rabbitmq() * scale);
		}

	}

	/**
	 * Returns the section of {@code docs/benchmarks.md} that sets the medians of the
	 * whole run's CPU beside the floor's.
	 */
	static String markdown(List<CpuFigures> floor, List<CpuFigures> wholeRun) {
		StringBuilder md = new StringBuilder();
		md.append(
				"""
						CPU seconds per 1,000,000 rows, measured in the same runs as the table above (the median of
						each column over the runs; a total is the median of the runs' totals, so the columns need not
						add up to it). They are read from `/proc` before and after each load: the client's own process
						and the processes it started and waited for, every `postgres` process (a backend that ends is
						counted through the postmaster), and RabbitMQ's `beam.smp`. For the whole run, the command
						line reports its own CPU (with the producer, which runs in it) and its consumers' (with the
						one that applied the migrations) as its last line, `cpu: ...`. Two cores give 2 CPU-s per wall
						second: a load whose total is near twice its wall time is bound by CPU.

						| per 1,000,000 rows | wall s | client | consumers | PostgreSQL | RabbitMQ | total CPU-s | total / floor's |
						| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
						""");
		double floorTotal = median(floor, CpuFigures::total);
		md.append(row("floor: `psql \\copy` (client: psql)", floor, floorTotal));
		md.append(row("`make run`, whole command (client: command line and producer)", wholeRun, floorTotal));
		return md.toString();
	}

	private static String row(String label, List<CpuFigures> runs, double floorTotal) {
		double total = median(runs, CpuFigures::total);
		return String.format("| %s | %.2f | %s | %s | %s | %s | %.2f | %.2f |%n", label, median(runs, CpuFigures::wall),
				cell(median(runs, CpuFigures::client)), cell(median(runs, CpuFigures::consumers)),
				cell(median(runs, CpuFigures::postgres)), cell(median(runs, CpuFigures::rabbitmq)), total,
				total / floorTotal);
	}

	private static String cell(double seconds) {
		return Double.isNaN(seconds) ? "not here" : String.format("%.2f", seconds);
	}

	static double median(List<CpuFigures> runs, ToDoubleFunction<CpuFigures> figure) {
		return Measurement.median(runs.stream().map(figure::applyAsDouble).toList());
	}

}
