package io.sensoringest.producer.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.RecordCodec;
import io.sensoringest.producer.Plural;
import io.sensoringest.producer.ProducerSettings;
import io.sensoringest.producer.input.CsvFileReader;
import io.sensoringest.producer.input.CsvFileReader.Rejected;
import io.sensoringest.producer.input.CsvFileReader.Row;
import io.sensoringest.producer.input.CsvFileReader.Valid;
import io.sensoringest.producer.input.FileChangedException;
import io.sensoringest.producer.input.FileIdentity;
import io.sensoringest.producer.input.InputFile;
import io.sensoringest.producer.input.RowParser;
import io.sensoringest.producer.publish.BrokerUnavailableException;
import io.sensoringest.producer.publish.Chunk;
import io.sensoringest.producer.publish.ChunkPublisher;
import io.sensoringest.producer.checkpoint.FileCheckpoint;
import io.sensoringest.producer.checkpoint.RejectsLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one file: reads its rows after the checkpoint, reports the rejected ones,
 * packs the valid ones into chunks of {@code PRODUCER_BATCH_ROWS}, and waits until the
 * broker confirmed every chunk. Chunks start where the checkpoint ends, so a resumed file
 * is chunked, and its messages named, as an uninterrupted run would have.
 */
final class FilePublisher {

	private static final Logger logger = LoggerFactory.getLogger(FilePublisher.class);

	private static final int REJECTS_LOGGED_PER_FILE = 10;

	private final ProducerSettings settings;

	private final RowParser rowParser;

	private final RejectsLog rejects;

	private final ProducerMetrics metrics;

	private final AtomicLong charsRead;

	private final BooleanSupplier stopping;

	/**
	 * Prepares to publish files.
	 * @param stopping whether to stop each file after its next chunk, once the chunks
	 * sent are confirmed
	 */
	FilePublisher(ProducerSettings settings, RejectsLog rejects, ProducerMetrics metrics, AtomicLong charsRead,
			BooleanSupplier stopping) {
		this.settings = settings;
		this.rowParser = new RowParser(settings.csvZone());
		this.rejects = rejects;
		this.metrics = metrics;
		this.charsRead = charsRead;
		this.stopping = stopping;
	}

	/**
	 * Publishes the file from its checkpoint on.
	 * @return the file's final checkpoint, or {@code null} when it was asked to stop:
	 * then every chunk sent is confirmed and checkpointed, and the file resumes from
	 * there
	 */
	FileCheckpoint publish(InputFile file, FileProgress progress, ChunkPublisher publisher)
			throws IOException, InterruptedException, BrokerUnavailableException {
		FileCheckpoint start = progress.checkpoint();
		int batchRows = start.batchRowsOr(this.settings.batchRows());
		ChunkBuilder chunk = new ChunkBuilder(file.name(), start.identity().fingerprint(), start.rowsConfirmed());
		long rejected = 0;
		long lastLine = 0;
		long counted = 0;
		try (CsvFileReader reader = CsvFileReader.open(file, this.settings.delimiter(), this.rowParser)) {
			Row row;
			while ((row = reader.next()) != null) {
				lastLine = row.line();
				if (row instanceof Rejected bad) {
					rejected++;
					if (row.line() > start.confirmedLine()) {
						reject(file, bad, rejected);
						progress.rejected();
					}
				}
				else if (row.line() > start.confirmedLine()) {
					this.metrics.rowsRead.increment();
					if (chunk.add((Valid) row) == batchRows) {
						send(chunk, publisher);
						long chars = reader.charsRead();
						this.charsRead.addAndGet(chars - counted);
						counted = chars;
						if (this.stopping.getAsBoolean()) {
							publisher.awaitConfirms();
							return null;
						}
					}
				}
			}
			if (chunk.rows() > 0) {
				send(chunk, publisher);
			}
			this.charsRead.addAndGet(start.identity().size() - counted);
		}
		publisher.awaitConfirms();
		FileIdentity after = FileIdentity.of(file);
		if (!after.equals(start.identity())) {
			throw new FileChangedException(String.format(
					"changed while it was read (%,d bytes when it started, %,d now): the rows read are confirmed, "
							+ "the file is not marked published; publish again to send the file as it is now",
					start.identity().size(), after.size()));
		}
		FileCheckpoint done = progress.complete(rejected, lastLine);
		// one line per file is noise over a thousand files; a file that needs a look
		// stays
		if (done.rowsRejected() > 0 || done.rowsConfirmed() == 0) {
			logger.info("{}: {} confirmed, {} rejected", file.name(), Plural.of(done.rowsConfirmed(), "row"),
					String.format("%,d", done.rowsRejected()));
		}
		else {
			logger.debug("{}: {} confirmed", file.name(), Plural.of(done.rowsConfirmed(), "row"));
		}
		return done;
	}

	private void send(ChunkBuilder chunk, ChunkPublisher publisher)
			throws InterruptedException, BrokerUnavailableException {
		Chunk built = chunk.build();
		publisher.publish(built);
		this.metrics.rowsPublished.increment(built.rows());
	}

	private void reject(InputFile file, Rejected row, long rejectedSoFar) throws IOException {
		this.metrics.rowsRejected.increment();
		this.rejects.add(file.name(), row.line(), row.reason(), row.text());
		if (rejectedSoFar <= REJECTS_LOGGED_PER_FILE) {
			logger.warn("{}:{}: rejected: {}", file.name(), row.line(), row.reason());
		}
		else if (rejectedSoFar == REJECTS_LOGGED_PER_FILE + 1) {
			logger.warn("{}: more rejected rows; every one is in {}/{}", file.name(), this.settings.stateDir(),
					RejectsLog.FILE);
		}
	}

	/** Packs consecutive valid rows into the next chunk. */
	private static final class ChunkBuilder {

		private final String file;

		private final String fingerprint;

		private final StringBuilder body = new StringBuilder(1 << 16);

		private int rows;

		private long firstLine;

		private long lastLine;

		private long sequence;

		/** The file's valid rows before the chunk being packed. */
		private long rowsBefore;

		ChunkBuilder(String file, String fingerprint, long rowsBefore) {
			this.file = file;
			this.fingerprint = fingerprint;
			this.rowsBefore = rowsBefore;
		}

		int add(Valid row) {
			if (this.rows == 0) {
				this.firstLine = row.line();
			}
			RecordCodec.append(row.record(), this.body);
			this.lastLine = row.line();
			return ++this.rows;
		}

		int rows() {
			return this.rows;
		}

		Chunk build() {
			ChunkMetadata metadata = ChunkMetadata.of(this.fingerprint, this.file, this.firstLine, this.rows,
					this.rowsBefore);
			this.rowsBefore += this.rows;
			Chunk chunk = new Chunk(metadata, this.sequence++, this.lastLine,
					this.body.toString().getBytes(StandardCharsets.UTF_8));
			this.body.setLength(0);
			this.rows = 0;
			return chunk;
		}

	}

}
