package io.sensoringest.consumer.poll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sensoringest.consumer.poll.PollWorker.Store;
import io.sensoringest.consumer.settings.ConsumerProperties;
import io.sensoringest.consumer.store.Ledger;
import io.sensoringest.consumer.store.Partitions;
import io.sensoringest.consumer.store.RecordWriter;
import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.DeadLetter;
import io.sensoringest.contract.Envelope;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.RecordCodec;
import io.sensoringest.contract.SensorRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * {@link PollWorker} against a mocked broker channel and database connection: the ledger
 * and the writer are mocks too, and a row whose sensor is {@code bad} is one PostgreSQL
 * refuses. The queue is a list the worker's {@code basicGet} takes from; a nack or a
 * closed channel puts the messages it held back, as RabbitMQ does.
 */
class PollWorkerTests {

	private static final QueueTopology TOPOLOGY = new QueueTopology("records", QueueTopology.QueueType.CLASSIC, null,
			null);

	private final ConcurrentLinkedDeque<GetResponse> queue = new ConcurrentLinkedDeque<>();

	/** Delivered on the open channel and neither acked nor nacked yet. */
	private final List<GetResponse> unacked = new CopyOnWriteArrayList<>();

	private final AtomicInteger nextTag = new AtomicInteger();

	private final BrokerNodes nodes = mock(BrokerNodes.class);

	private final List<Channel> channels = new CopyOnWriteArrayList<>();

	private final DataSource dataSource = mock(DataSource.class);

	private final java.sql.Connection database = mock(java.sql.Connection.class);

	private final Ledger ledger = mock(Ledger.class);

	private final RecordWriter writer = mock(RecordWriter.class);

	/** Rows written in the open transaction, and those committed. */
	private final List<SensorRecord> pending = new ArrayList<>();

	private final List<SensorRecord> committed = new CopyOnWriteArrayList<>();

	private final List<GetResponse> deadLetters = new CopyOnWriteArrayList<>();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	/** Whether the next {@code basicGet} finds the channel closed. */
	private volatile BooleanSupplier failGet = () -> false;

	private PollWorker worker;

	private Thread thread;

	@BeforeEach
	void servers() throws Exception {
		when(this.nodes.connect(anyString())).thenAnswer((invocation) -> newBrokerConnection());
		when(this.dataSource.getConnection()).thenReturn(this.database);
		when(this.ledger.claim(any(), anyList())).thenAnswer((invocation) -> {
			Set<String> all = new HashSet<>();
			for (ChunkMetadata segment : invocation.<List<ChunkMetadata>>getArgument(1)) {
				all.add(segment.messageId());
			}
			return all;
		});
		when(this.writer.write(any(), anyList())).thenAnswer((invocation) -> {
			List<SensorRecord> rows = invocation.getArgument(1);
			if (rows.stream().anyMatch((row) -> row.sensorId().equals("bad"))) {
				throw new SQLException("value out of range", "22003");
			}
			this.pending.addAll(rows);
			return false;
		});
		doAnswer((invocation) -> {
			this.committed.addAll(this.pending);
			this.pending.clear();
			return null;
		}).when(this.database).commit();
		doAnswer((invocation) -> {
			this.pending.clear();
			return null;
		}).when(this.database).rollback();
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.worker != null) {
			this.worker.requestStop();
			this.thread.join(5000);
			assertThat(this.thread.isAlive()).isFalse();
		}
	}

	@Test
	void storesABatchInOneTransactionAndAcksItWithOneMultipleAckOnlyAfterTheCommit() throws Exception {
		offer("a", 3);
		offer("b", 2);
		offer("c", 1);

		start();

		await().untilAsserted(() -> verify(channel()).basicAck(3, true));
		InOrder order = inOrder(this.ledger, this.writer, this.database, channel());
		order.verify(this.ledger).claim(eq(this.database), anyList());
		order.verify(this.writer).write(eq(this.database), anyList());
		order.verify(this.database).commit();
		order.verify(channel()).basicAck(3, true);
		verify(this.writer, times(1)).write(any(), anyList());
		assertThat(this.committed).extracting(SensorRecord::sensorId).containsExactly("a", "a", "a", "b", "b", "c");
		assertThat(this.registry.get("sensor_ingest.consumer.rows.stored").counter().count()).isEqualTo(6);
	}

	@Test
	void halvingFindsTheOneMessagePostgresRefusesAndDeadLettersItAloneWhileTheOthersAreStored() throws Exception {
		offer("a", 2);
		offer("b", 2);
		GetResponse bad = offer("bad", 1);
		offer("d", 2);

		start();

		await().untilAsserted(() -> assertThat(this.committed).hasSize(6));
		// delivered third, so tagged 3 on the channel
		await().untilAsserted(() -> verify(channel()).basicAck(3, false));
		assertThat(this.committed).extracting(SensorRecord::sensorId).containsExactly("a", "a", "b", "b", "d", "d");
		assertThat(this.deadLetters).singleElement().satisfies((letter) -> {
			assertThat(letter.getBody()).isEqualTo(bad.getBody());
			assertThat(letter.getProps().getHeaders().get(DeadLetter.REASON).toString())
				.startsWith("PostgreSQL refused it: value out of range");
		});
		verify(channel()).basicAck(2, true);
		verify(channel()).basicAck(4, true);
		assertThat(this.unacked).isEmpty();
		assertThat(this.registry.get("sensor_ingest.consumer.dead.lettered").counter().count()).isEqualTo(1);
	}

	@Test
	void aBodyThatCannotBeReadIsDeadLetteredWithTheReasonAndTheRestOfTheBatchStored() throws Exception {
		offer("a", 1);
		deliver(ChunkMetadata.of("fp-x", "x.csv", 2, 1, 0), "yesterday,x,1\n".getBytes(StandardCharsets.UTF_8));
		offer("c", 1);

		start();

		await().untilAsserted(() -> assertThat(this.committed).hasSize(2));
		await().untilAsserted(() -> assertThat(this.unacked).isEmpty());
		assertThat(this.deadLetters).singleElement()
			.satisfies((letter) -> assertThat(letter.getProps().getHeaders().get(DeadLetter.REASON).toString())
				.startsWith("cannot be decoded: row 1"));
		verify(channel()).basicAck(2, false);
		verify(this.writer, times(1)).write(any(), anyList());
	}

	@Test
	void aDatabaseThatFailsAtCommitGetsTheBatchNackedAndStoredOnceItAnswersAgain() throws Exception {
		AtomicInteger commits = new AtomicInteger();
		doAnswer((invocation) -> {
			if (commits.incrementAndGet() == 1) {
				this.pending.clear();
				throw new SQLException("terminating connection due to administrator command", "57P01");
			}
			this.committed.addAll(this.pending);
			this.pending.clear();
			return null;
		}).when(this.database).commit();
		offer("a", 2);
		offer("b", 2);

		start();

		await().untilAsserted(() -> assertThat(this.committed).hasSize(4));
		await().untilAsserted(() -> assertThat(this.unacked).isEmpty());
		verify(channel()).basicNack(2, true, true);
		verify(this.database).close();
		assertThat(this.committed).extracting(SensorRecord::sensorId).containsExactly("a", "a", "b", "b");
		verify(channel(), never()).basicAck(2, true);
		verify(channel()).basicAck(4, true);
		assertThat(this.registry.get("sensor_ingest.consumer.backoffs").counter().count()).isEqualTo(1);
	}

	@Test
	void aChannelThatClosesMidBatchIsOpenedAgainAndItsMessagesAreStoredOnceOnTheNewOne() throws Exception {
		offer("a", 2);
		offer("b", 2);
		AtomicInteger gets = new AtomicInteger();
		this.failGet = () -> gets.incrementAndGet() == 2;

		start();

		await().untilAsserted(() -> assertThat(this.committed).hasSize(4));
		assertThat(this.channels).hasSize(2);
		verify(this.channels.get(0), never()).basicAck(anyLong(), anyBoolean());
		verify(this.writer, times(1)).write(any(), anyList());
		assertThat(this.committed).extracting(SensorRecord::sensorId).containsExactly("a", "a", "b", "b");
		await().untilAsserted(() -> verify(this.channels.get(1)).basicAck(anyLong(), eq(true)));
	}

	@Test
	void segmentsTheLedgerHasSeenAreAckedWithoutBeingWrittenAgain() throws Exception {
		when(this.ledger.claim(any(), anyList())).thenReturn(Set.of());
		offer("a", 2);

		start();

		await().untilAsserted(() -> verify(channel()).basicAck(1, true));
		verify(this.writer, never()).write(any(), anyList());
		verify(this.database).commit();
		assertThat(this.registry.get("sensor_ingest.consumer.messages.already.stored").counter().count()).isEqualTo(1);
	}

	private void start() {
		ConsumerProperties settings = new ConsumerProperties(null, null, TOPOLOGY, 100, Duration.ofMillis(200),
				Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1), 1, Duration.ofSeconds(1),
				Duration.ZERO, true, Duration.ZERO, false, "", Duration.ofDays(1), Duration.ZERO);
		Servers servers = new Servers(this.nodes, mock(DatabaseSettings.class), this.dataSource);
		this.worker = new PollWorker("test", settings, servers, new ConsumerMetrics(this.registry),
				new Store(mock(Partitions.class), this.ledger, this.writer), (ex) -> {
					throw new AssertionError("the worker gave up", ex);
				});
		this.thread = new Thread(this.worker, "poll-worker-test");
		this.thread.start();
	}

	private Channel channel() {
		return this.channels.get(this.channels.size() - 1);
	}

	/** A message of one file's rows, all of one sensor, queued. */
	private GetResponse offer(String sensor, int rows) {
		OffsetDateTime start = OffsetDateTime.parse("2021-01-01T00:00:00Z");
		List<SensorRecord> records = IntStream.range(0, rows)
			.mapToObj((i) -> new SensorRecord(start.plusSeconds(i), sensor, i))
			.toList();
		return deliver(ChunkMetadata.of("fp-" + sensor, sensor + ".csv", 2, rows, 0), RecordCodec.encode(records));
	}

	private GetResponse deliver(ChunkMetadata segment, byte[] body) {
		Envelope envelope = Envelope.of(List.of(segment));
		AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(envelope.messageId())
			.headers(envelope.headers())
			.build();
		GetResponse response = response(props, body, false);
		this.queue.add(response);
		return response;
	}

	/** The message as delivered, with the next tag of the channel it comes on. */
	private GetResponse response(AMQP.BasicProperties props, byte[] body, boolean redelivered) {
		return new GetResponse(new com.rabbitmq.client.Envelope(0, redelivered, "", TOPOLOGY.queueName()), props, body,
				0);
	}

	/**
	 * A broker connection whose channel delivers from the queue, numbering deliveries
	 * from 1 as RabbitMQ does per channel.
	 */
	private Connection newBrokerConnection() throws IOException {
		Connection connection = mock(Connection.class);
		Channel channel = mock(Channel.class);
		this.nextTag.set(0);
		when(connection.createChannel()).thenReturn(channel);
		when(channel.isOpen()).thenReturn(true);
		when(channel.basicGet(eq(TOPOLOGY.queueName()), eq(false))).thenAnswer((invocation) -> {
			if (this.failGet.getAsBoolean()) {
				throw new IOException("channel closed by the broker");
			}
			GetResponse next = this.queue.poll();
			if (next == null) {
				return null;
			}
			GetResponse tagged = new GetResponse(new com.rabbitmq.client.Envelope(this.nextTag.incrementAndGet(),
					next.getEnvelope().isRedeliver(), "", TOPOLOGY.queueName()), next.getProps(), next.getBody(), 0);
			this.unacked.add(tagged);
			return tagged;
		});
		doAnswer((invocation) -> {
			settle(invocation.getArgument(0), invocation.getArgument(1), false);
			return null;
		}).when(channel).basicAck(anyLong(), anyBoolean());
		doAnswer((invocation) -> {
			settle(invocation.getArgument(0), invocation.getArgument(1), invocation.getArgument(2));
			return null;
		}).when(channel).basicNack(anyLong(), anyBoolean(), anyBoolean());
		doAnswer((invocation) -> {
			this.deadLetters.add(response(invocation.getArgument(3), invocation.getArgument(4), false));
			return null;
		}).when(channel)
			.basicPublish(eq(TOPOLOGY.deadLetterExchange()), eq(TOPOLOGY.deadLetterQueue()), eq(true), any(), any());
		doAnswer((invocation) -> {
			// RabbitMQ returns a closed channel's unacked messages to the queue
			requeue(this.unacked);
			return null;
		}).when(connection).abort(anyInt());
		this.channels.add(channel);
		return connection;
	}

	/** Acks or nacks up to a tag (or that tag alone), requeueing what a nack asks to. */
	private void settle(long tag, boolean multiple, boolean requeue) {
		List<GetResponse> settled = new ArrayList<>();
		for (GetResponse each : this.unacked) {
			long eachTag = each.getEnvelope().getDeliveryTag();
			if (eachTag == tag || (multiple && eachTag < tag)) {
				settled.add(each);
			}
		}
		if (requeue) {
			requeue(settled);
		}
		this.unacked.removeAll(settled);
	}

	private void requeue(List<GetResponse> messages) {
		List<GetResponse> back = new ArrayList<>(messages);
		Collections.reverse(back);
		for (GetResponse each : back) {
			this.queue.addFirst(response(each.getProps(), each.getBody(), true));
		}
		this.unacked.removeAll(back);
	}

}
