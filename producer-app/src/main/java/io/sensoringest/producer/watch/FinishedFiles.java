package io.sensoringest.producer.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.Failures;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.checkpoint.RejectsLog;
import io.sensoringest.producer.publish.ProducerMetrics;
import io.sensoringest.producer.settings.ProducerProperties.DonePolicy;
import io.sensoringest.producer.settings.ProducerProperties.Finished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes published files out of the input folder, by {@code PRODUCER_DONE_POLICY}, once
 * the consumers' ledger shows every one of their valid rows stored, not merely confirmed
 * by the broker: while the consumers are down, files wait. One connection, kept open and
 * made anew after a failure, asks once a second at most: a pool would add nothing. A file
 * with rejected rows, or one that could not be used at all, goes to the error folder with
 * {@code <name>.rejects.tsv} beside it. Nothing is overwritten: a name that exists gets a
 * number. A producer killed between the last row stored and the move finds the file
 * published before when it starts again, and moves it then.
 */
final class FinishedFiles {

	private static final Logger logger = LoggerFactory.getLogger(FinishedFiles.class);

	/**
	 * Rows of file versions in the ledger, by their fingerprints (which cover their
	 * names), each row counted once however the messages that carried it were cut: one
	 * query for every waiting file, however many thousands.
	 */
	private static final String STORED = """
			SELECT fingerprint, stored_rows FROM ingest_stored_rows(?)""";

	private final Finished settings;

	private final String extension;

	private final Path stateDir;

	private final DatabaseSettings ledger;

	private Connection connection;

	private final List<Pending> pending = new ArrayList<>();

	private final ProducerMetrics metrics;

	private boolean ledgerDown;

	/**
	 * Prepares to finish files.
	 * @param extension the input extension, before which a number makes a name unique
	 * @param stateDir where the producer's rejects log is
	 * @param ledger the consumers' database
	 */
	FinishedFiles(Finished settings, String extension, Path stateDir, DatabaseSettings ledger,
			ProducerMetrics metrics) {
		this.metrics = metrics;
		this.settings = settings;
		this.extension = extension;
		this.stateDir = stateDir;
		this.ledger = ledger;
	}

	/** Whether finished files leave the input folder at all. */
	boolean active() {
		return this.settings.policy() != DonePolicy.KEEP;
	}

	/**
	 * Adds a file whose rows the broker confirmed.
	 * @param fingerprint the version of the file its message ids start with
	 * @param rows the valid rows the ledger must hold
	 * @param problem why it goes to the error folder, or {@code null} when it does not
	 */
	synchronized void published(InputFile file, String fingerprint, long rows, String problem) {
		if (active()) {
			// a file published again (it changed) waits for its latest version
			this.pending.removeIf((p) -> p.file().path().equals(file.path()));
			this.pending.add(new Pending(file, fingerprint, rows, problem));
		}
	}

	/** Returns how many files wait for their rows to be stored. */
	synchronized int waiting() {
		return this.pending.size();
	}

	/**
	 * Asks the ledger about every waiting file, and finishes those whose rows are all
	 * stored.
	 * @return how many files were finished
	 */
	synchronized int check() {
		if (this.pending.isEmpty()) {
			return 0;
		}
		int finished = 0;
		try {
			if (this.connection == null) {
				this.connection = this.ledger.connect();
			}
		}
		catch (SQLException ex) {
			ledgerDown(ex);
			return 0;
		}
		try (PreparedStatement stored = this.connection.prepareStatement(STORED)) {
			if (this.ledgerDown) {
				logger.info("the ledger answers again: finished files leave the input folder");
				this.ledgerDown = false;
			}
			Map<String, Long> storedRows = storedRows(stored);
			for (Iterator<Pending> each = this.pending.iterator(); each.hasNext();) {
				Pending file = each.next();
				if (file.rows() > 0 && storedRows.getOrDefault(file.fingerprint(), 0L) < file.rows()) {
					continue;
				}
				each.remove();
				if (finish(file)) {
					finished++;
				}
			}
		}
		catch (SQLException ex) {
			ledgerDown(ex);
			try {
				this.connection.close();
			}
			catch (SQLException closing) {
				// it is broken already: the next check connects anew
			}
			this.connection = null;
		}
		return finished;
	}

	private void ledgerDown(SQLException ex) {
		if (!this.ledgerDown) {
			logger.warn("cannot read the ledger at {} ({}); {} files wait in the input folder until it answers",
					this.ledger.describe(), Failures.rootMessage(ex), this.pending.size());
			this.ledgerDown = true;
		}
	}

	private Map<String, Long> storedRows(PreparedStatement stored) throws SQLException {
		Object[] fingerprints = this.pending.stream()
			.filter((file) -> file.rows() > 0)
			.map(Pending::fingerprint)
			.distinct()
			.toArray();
		Map<String, Long> rows = new HashMap<>();
		if (fingerprints.length == 0) {
			return rows;
		}
		stored.setArray(1, this.connection.createArrayOf("text", fingerprints));
		try (ResultSet result = stored.executeQuery()) {
			while (result.next()) {
				rows.put(result.getString(1), result.getLong(2));
			}
		}
		return rows;
	}

	/** Moves or deletes the file; returns whether it left the input folder. */
	private boolean finish(Pending pending) {
		InputFile file = pending.file();
		try {
			if (pending.problem() != null) {
				Path target = unique(this.settings.errorDir(), file.name());
				Files.createDirectories(target.getParent());
				Files.move(file.path(), target);
				Files.writeString(target.resolveSibling(target.getFileName() + ".rejects.tsv"),
						RejectsLog.of(this.stateDir, file.name()), StandardCharsets.UTF_8);
				logger.warn("{}: {}; moved to {} with its rejects beside it", file.name(), pending.problem(), target);
				this.metrics.fileInError();
				return true;
			}
			else if (this.settings.policy() == DonePolicy.DELETE) {
				Files.delete(file.path());
				logger.debug("{}: every row stored: deleted", file.name());
			}
			else {
				Path target = unique(this.settings.doneDir(), file.name());
				Files.createDirectories(target.getParent());
				Files.move(file.path(), target);
				logger.debug("{}: every row stored: moved to {}", file.name(), target);
			}
			this.metrics.fileDone();
			return true;
		}
		catch (IOException ex) {
			logger.warn("{}: every row stored, but it cannot leave the input folder: {}", file.name(),
					Failures.rootMessage(ex));
			return false;
		}
	}

	/**
	 * Returns where a file goes in a folder, by its name below the input folder, with a
	 * number before its extension when that name is taken: {@code a.csv},
	 * {@code a.1.csv}, {@code a.2.csv}.
	 */
	Path unique(Path dir, String name) {
		Path target = dir.resolve(name);
		String fileName = target.getFileName().toString();
		String ending = fileName.endsWith(this.extension + ".gz") ? this.extension + ".gz"
				: fileName.endsWith(this.extension) ? this.extension : "";
		String base = fileName.substring(0, fileName.length() - ending.length());
		for (int n = 1; Files.exists(target)
				|| Files.exists(target.resolveSibling(target.getFileName() + ".rejects.tsv")); n++) {
			target = target.resolveSibling(base + "." + n + ending);
		}
		return target;
	}

	/**
	 * A published file that waits for its rows to be stored.
	 *
	 * @param fingerprint the version its message ids start with
	 * @param rows its valid rows
	 * @param problem why it goes to the error folder, or {@code null}
	 */
	private record Pending(InputFile file, String fingerprint, long rows, String problem) {

	}

}
