package io.sensoringest.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sensoringest.contract.DatabaseSettings;

/**
 * pgloader, Debian's package, loading the same files into the same table with two
 * workers: a reference that users reach for. The password goes through the environment,
 * never into the command file.
 */
final class PgLoader {

	private final DatabaseSettings database;

	private final Path script;

	/**
	 * Writes the command file.
	 * @param dataDir the folder of {@code .csv} files
	 * @param workDir where the command file goes
	 */
	PgLoader(DatabaseSettings database, Path dataDir, Path workDir) throws IOException {
		this.database = database;
		this.script = workDir.resolve("pgloader.load");
		String directory = dataDir.toAbsolutePath().toString().replace("'", "''");
		Files.createDirectories(workDir);
		Files.write(this.script,
				List.of("LOAD CSV", "  FROM ALL FILENAMES MATCHING ~/\\.csv$/ IN DIRECTORY '" + directory + "'",
						"  HAVING FIELDS (record_time, sensor_id, value)",
						"  INTO postgresql://" + database.username() + "@" + database.host() + ":" + database.port()
								+ "/" + database.database(),
						"  TARGET TABLE records", "  TARGET COLUMNS (record_time, sensor_id, value)",
						"  WITH skip header = 1, fields terminated by ',', workers = 2, concurrency = 1;"));
	}

	/** Whether {@code pgloader} is on the PATH. */
	static boolean installed() {
		try {
			return new ProcessBuilder("pgloader", "--version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Loads the files and returns the seconds it took.
	 * @param log where pgloader's report goes
	 */
	double load(Path log) throws IOException, InterruptedException {
		ProcessBuilder pgloader = new ProcessBuilder("pgloader", "--quiet", this.script.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		pgloader.environment().putAll(this.database.psqlEnvironment());
		long started = System.nanoTime();
		int status = pgloader.start().waitFor();
		if (status != 0) {
			throw new IOException("pgloader exited " + status + " (report in " + log + ")");
		}
		return (System.nanoTime() - started) / 1e9;
	}

}
