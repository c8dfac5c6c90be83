package io.sensoringest.producer.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.sensoringest.contract.Envelope;
import io.sensoringest.producer.input.CsvFileReader.Valid;
import io.sensoringest.producer.publish.Chunk.Segment;

/**
 * Packs the valid rows of the files one reader reads, in the order it reads them, into
 * messages of up to {@code PRODUCER_BATCH_ROWS} rows; the run of one file's rows in a
 * message is one segment. A big file fills messages by itself; small files share them, so
 * that a thousand files of a hundred rows cost the broker a few dozen messages, not a
 * thousand (the issue "Small files as fast as big ones"). A message is sent when it is
 * full, when its segments' headers reach {@value #MAX_HEADER_BYTES} bytes (well inside
 * one AMQP frame), when its first row has waited {@code PRODUCER_LINGER} while the reader
 * went on to other files, and whenever the reader has no file left to read: a lone file
 * waits for nothing.
 */
final class MessagePacker {

	/** Rows between two looks at the clock while one file fills a message. */
	private static final int CLOCK_EVERY_ROWS = 1024;

	static final int MAX_HEADER_BYTES = 64 * 1024;

	private final int batchRows;

	private final long lingerNanos;

	private final Sink publisher;

	/** The rows of the message being packed, as the wire format carries them. */
	private byte[] body = new byte[1 << 16];

	private int bodyLength;

	private final List<Segment> segments = new ArrayList<>();

	private int rows;

	private int headerBytes;

	private long firstRowNanos;

	/** The file whose segment is open, and where that segment starts. */
	private FileProgress openFile;

	private long openFirstLine;

	private long openLastLine;

	private int openRows;

	private final Counter rowsPublished;

	MessagePacker(int batchRows, long lingerNanos, Sink publisher, Counter rowsPublished) {
		this.batchRows = batchRows;
		this.lingerNanos = lingerNanos;
		this.publisher = publisher;
		this.rowsPublished = rowsPublished;
	}

	/**
	 * Adds a valid row of a file.
	 * @return whether that sent a message
	 */
	boolean add(FileProgress file, Valid row) throws InterruptedException, BrokerUnavailableException {
		if (file != this.openFile) {
			endSegment();
			this.openFile = file;
			this.openFirstLine = row.line();
		}
		append(row);
		this.openLastLine = row.line();
		this.openRows++;
		if (++this.rows == 1) {
			this.firstRowNanos = System.nanoTime();
		}
		if (this.rows >= this.batchRows || (this.rows % CLOCK_EVERY_ROWS == 0 && lingeredTooLong())) {
			send();
			return true;
		}
		return false;
	}

	/**
	 * Closes the segment of the file read last: call when a file ends. Sends the message
	 * when its headers are full or it has waited long enough.
	 */
	void fileEnded() throws InterruptedException, BrokerUnavailableException {
		endSegment();
		if (this.headerBytes >= MAX_HEADER_BYTES || (this.rows > 0 && lingeredTooLong())) {
			send();
		}
	}

	/** Sends what it holds: the reader has no more files for now. */
	void flush() throws InterruptedException, BrokerUnavailableException {
		if (this.rows > 0 || this.openRows > 0) {
			send();
		}
	}

	private void append(Valid row) {
		int needed = this.bodyLength + row.length() + 1;
		if (needed > this.body.length) {
			this.body = Arrays.copyOf(this.body, Math.max(needed, 2 * this.body.length));
		}
		System.arraycopy(row.bytes(), row.offset(), this.body, this.bodyLength, row.length());
		this.bodyLength += row.length();
		this.body[this.bodyLength++] = '\n';
	}

	private boolean lingeredTooLong() {
		return System.nanoTime() - this.firstRowNanos >= this.lingerNanos;
	}

	private void endSegment() {
		if (this.openRows == 0) {
			this.openFile = null;
			return;
		}
		Segment segment = this.openFile.segment(this.openFirstLine, this.openRows, this.openLastLine);
		this.segments.add(segment);
		this.headerBytes += Envelope.headerBytes(segment.metadata());
		this.openFile = null;
		this.openRows = 0;
	}

	private void send() throws InterruptedException, BrokerUnavailableException {
		// the file being read, if it goes on, starts a segment of the next message
		endSegment();
		Envelope envelope = Envelope.of(this.segments.stream().map(Segment::metadata).toList());
		Chunk chunk = new Chunk(envelope, List.copyOf(this.segments), Arrays.copyOf(this.body, this.bodyLength));
		this.segments.clear();
		this.bodyLength = 0;
		this.rows = 0;
		this.headerBytes = 0;
		this.publisher.publish(chunk);
		this.rowsPublished.increment(chunk.rows());
	}

	/** Where full messages go: {@link ChunkPublisher#publish}. */
	@FunctionalInterface
	interface Sink {

		void publish(Chunk chunk) throws InterruptedException, BrokerUnavailableException;

	}

}
