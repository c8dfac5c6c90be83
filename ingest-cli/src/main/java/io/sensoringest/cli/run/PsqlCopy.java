package io.sensoringest.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.producer.api.InputFile;

/**
 * {@code psql \copy} of input files into a table, one session, file after file: the
 * fastest load PostgreSQL itself offers a client, and a path to the database that shares
 * no code with the pipeline. The benchmark's floor, and the chaos run's reference.
 */
public final class PsqlCopy {

	private final DatabaseSettings database;

	private final Path script;

	/**
	 * Writes the script.
	 * @param table the table, with columns {@code record_time}, {@code sensor_id},
	 * {@code value}
	 * @param workDir where the script goes
	 */
	public PsqlCopy(DatabaseSettings database, List<InputFile> files, String table, Path workDir) throws IOException {
		this.database = database;
		this.script = workDir.resolve("copy-" + table + ".sql");
		List<String> lines = new ArrayList<>();
		for (InputFile file : files) {
			String path = file.path().toAbsolutePath().toString().replace("'", "''");
			lines.add("\\copy " + table + " (record_time, sensor_id, value) FROM '" + path
					+ "' WITH (FORMAT csv, HEADER true)");
		}
		Files.createDirectories(workDir);
		Files.write(this.script, lines);
	}

	/** Loads the files and returns the seconds it took. */
	public double load() throws IOException, InterruptedException {
		// where to, and as whom, come through the environment, with the primary's
		// choice when there are several servers
		ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f",
				this.script.toString())
			.inheritIO();
		psql.environment().putAll(this.database.psqlEnvironment());
		long started = System.nanoTime();
		int status;
		try {
			status = psql.start().waitFor();
		}
		catch (IOException ex) {
			throw new IOException("psql \\copy needs psql on the PATH: " + ex.getMessage(), ex);
		}
		if (status != 0) {
			throw new IOException("psql \\copy exited " + status);
		}
		return (System.nanoTime() - started) / 1e9;
	}

}
