package io.sensoringest.producer.publish;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sensoringest.contract.Envelope;
import io.sensoringest.contract.RecordCodec;
import io.sensoringest.contract.SensorRecord;
import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.FileIdentity;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.input.CsvFileReader.Valid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePackerTests {

	private static final long NEVER = Long.MAX_VALUE;

	private final List<Chunk> sent = new ArrayList<>();

	private final Counter published = new SimpleMeterRegistry().counter("published");

	@Test
	void smallFilesShareAMessageEachFileASegment() throws Exception {
		MessagePacker packer = packer(10, NEVER);
		FileProgress a = file("a", 3);
		FileProgress b = file("b", 3);
		FileProgress c = file("c", 3);

		read(packer, a, 3);
		read(packer, b, 3);
		read(packer, c, 3);
		assertThat(this.sent).isEmpty();
		packer.flush();

		assertThat(this.sent).hasSize(1);
		Chunk message = this.sent.get(0);
		assertThat(message.segments()).extracting((s) -> s.metadata().messageId())
			.containsExactly("a:2:3", "b:2:3", "c:2:3");
		assertThat(message.envelope().packed()).isTrue();
		assertThat(message.envelope().messageId()).startsWith(Envelope.PACKED_PREFIX);
		assertThat(RecordCodec.decode(message.body())).hasSize(9);
		assertThat(this.published.count()).isEqualTo(9);
	}

	@Test
	void aFileThatFillsTheMessageGoesOnInASegmentOfTheNext() throws Exception {
		MessagePacker packer = packer(10, NEVER);
		FileProgress a = file("a", 4);
		FileProgress b = file("b", 20);

		read(packer, a, 4);
		read(packer, b, 20);
		packer.flush();

		assertThat(this.sent).hasSize(3);
		assertThat(segments(0)).containsExactly("a:2:4", "b:2:6");
		assertThat(segments(1)).containsExactly("b:8:10");
		assertThat(this.sent.get(1).envelope().packed()).isFalse();
		assertThat(this.sent.get(1).envelope().messageId()).isEqualTo("b:8:10");
		assertThat(segments(2)).containsExactly("b:18:4");
		assertThat(this.sent.get(2).segments().get(0).metadata().firstRow()).isEqualTo(16);
		assertThat(this.sent.get(2).segments().get(0).sequence()).isEqualTo(2);
	}

	@Test
	void theSameSegmentsAlwaysGetTheSameIdAndOthersAnother() throws Exception {
		for (int round = 0; round < 2; round++) {
			MessagePacker packer = packer(100, NEVER);
			read(packer, file("a", 3), 3);
			read(packer, file("b", 3), 3);
			packer.flush();
		}
		MessagePacker packer = packer(100, NEVER);
		read(packer, file("a", 3), 3);
		read(packer, file("c", 3), 3);
		packer.flush();

		assertThat(this.sent.get(0).envelope().messageId()).isEqualTo(this.sent.get(1).envelope().messageId());
		assertThat(this.sent.get(2).envelope().messageId()).isNotEqualTo(this.sent.get(0).envelope().messageId());
	}

	@Test
	void aMessageThatWaitedItsLingerGoesWhenTheNextFileEnds() throws Exception {
		MessagePacker packer = packer(1000, 0);

		read(packer, file("a", 3), 3);

		assertThat(this.sent).hasSize(1);
		assertThat(segments(0)).containsExactly("a:2:3");
	}

	@Test
	void segmentsStopBeforeTheirHeadersOutgrowAFrame() throws Exception {
		MessagePacker packer = packer(1_000_000, NEVER);
		int files = 0;
		while (this.sent.isEmpty()) {
			FileProgress file = file("dir/a-rather-long-file-name-of-a-sensor-" + files++, 1);
			read(packer, file, 1);
		}

		Chunk message = this.sent.get(0);
		int headerBytes = message.segments().stream().mapToInt((s) -> Envelope.headerBytes(s.metadata())).sum();
		assertThat(headerBytes).isBetween(MessagePacker.MAX_HEADER_BYTES, MessagePacker.MAX_HEADER_BYTES + 1000);
		assertThat(message.segments().size()).isEqualTo(files);
	}

	@Test
	void flushingAnEmptyPackerSendsNothing() throws Exception {
		packer(10, NEVER).flush();

		assertThat(this.sent).isEmpty();
	}

	private MessagePacker packer(int batchRows, long lingerNanos) {
		return new MessagePacker(batchRows, lingerNanos, this.sent::add, this.published);
	}

	private List<String> segments(int message) {
		return this.sent.get(message).segments().stream().map((s) -> s.metadata().messageId()).toList();
	}

	/** A file whose fingerprint is its name. */
	private static FileProgress file(String name, int rows) {
		return new FileProgress(new InputFile(Path.of("/in", name + ".csv"), name + ".csv"),
				FileCheckpoint.start("/in/" + name + ".csv", new FileIdentity(rows * 40L, 1, name), 10));
	}

	private static void read(MessagePacker packer, FileProgress file, int rows) throws Exception {
		OffsetDateTime start = OffsetDateTime.parse("2021-01-01T00:00:00Z");
		for (int i = 0; i < rows; i++) {
			packer.add(file, Valid.of(i + 2, new SensorRecord(start.plusSeconds(i), file.file().name(), i)));
		}
		packer.fileEnded();
	}

}
