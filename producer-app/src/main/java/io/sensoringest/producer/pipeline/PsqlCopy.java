package io.sensoringest.producer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.producer.input.InputFile;

/**
 * The reference: {@code psql \copy} of the same files into {@code records}, one session,
 * file after file, the fastest load PostgreSQL itself offers a client.
 */
final class Floor {

	private final DatabaseSettings database;

	private final Path script;

	Floor(DatabaseSettings database, List<InputFile> files, Path workDir) throws IOException {
		this.database = database;
		this.script = workDir.resolve("floor.sql");
		List<String> lines = new ArrayList<>();
		for (InputFile file : files) {
			String path = file.path().toAbsolutePath().toString().replace("'", "''");
			lines.add("\\copy records (record_time, sensor_id, value) FROM '" + path
					+ "' WITH (FORMAT csv, HEADER true)");
		}
		Files.createDirectories(workDir);
		Files.write(this.script, lines);
	}

	/** Loads the files and returns the seconds it took. */
	double load() throws IOException, InterruptedException {
		ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
				this.database.host(), "-p", Integer.toString(this.database.port()), "-U", this.database.username(),
				"-d", this.database.database(), "-f", this.script.toString())
			.inheritIO();
		psql.environment().put("PGPASSWORD", this.database.password());
		long started = System.nanoTime();
		int status;
		try {
			status = psql.start().waitFor();
		}
		catch (IOException ex) {
			throw new IOException("the floor needs psql on the PATH: " + ex.getMessage(), ex);
		}
		if (status != 0) {
			throw new IOException("psql \\copy exited " + status);
		}
		return (System.nanoTime() - started) / 1e9;
	}

}
