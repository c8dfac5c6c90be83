package io.sensoringest.producer.publish;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.AddressResolver;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmCallback;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.Envelope;
import io.sensoringest.contract.QueueTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The confirm window, re-sending and backoff of {@link ChunkPublisher}, against a mocked
 * connection whose channels record what was published and let the test confirm, nack or
 * close them. (The same paths against a real broker: PublishIT.)
 */
class ChunkPublisherTests {

	private static final QueueTopology TOPOLOGY = new QueueTopology("it.unit", QueueTopology.QueueType.QUORUM, 5, 3);

	private final List<FakeChannel> channels = new CopyOnWriteArrayList<>();

	private final List<String> confirmed = new CopyOnWriteArrayList<>();

	private ChunkPublisher publisher;

	/**
	 * A thread of its own for each call that waits, none left behind by a failed test.
	 */
	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "publisher-test");
		thread.setDaemon(true);
		return thread;
	});

	@BeforeEach
	void connect() throws Exception {
		Connection connection = mock(Connection.class);
		when(connection.isOpen()).thenReturn(true);
		when(connection.getAddress()).thenReturn(InetAddress.getLoopbackAddress());
		when(connection.getPort()).thenReturn(5672);
		when(connection.createChannel()).thenAnswer((invocation) -> {
			FakeChannel channel = new FakeChannel();
			this.channels.add(channel);
			return channel.mock;
		});
		ConnectionFactory factory = mock(ConnectionFactory.class);
		when(factory.newConnection(isNull(), any(AddressResolver.class), anyString())).thenReturn(connection);
		BrokerSettings settings = new BrokerSettings(List.of(new Address("localhost", 5672)), "u", "p", false, null,
				null);
		this.publisher = new ChunkPublisher(new BrokerNodes(factory, settings), TOPOLOGY, 2, Duration.ofMinutes(1),
				Duration.ofMinutes(1),
				(chunk, nanos) -> this.confirmed.add(chunk.envelope().messageId().split(":")[0]));
	}

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		this.publisher.close();
	}

	@Test
	void aChunkCountsAsSentOnlyOnceTheBrokerConfirmsIt() throws Exception {
		this.publisher.publish(chunk("a"));
		this.publisher.publish(chunk("b"));
		FakeChannel channel = this.channels.get(0);
		assertThat(channel.published).containsExactly("a", "b");
		assertThat(this.confirmed).isEmpty();

		channel.ack(1, false);
		assertThat(this.confirmed).containsExactly("a");
		channel.ack(2, true);
		this.publisher.awaitConfirms();

		assertThat(this.confirmed).containsExactly("a", "b");
		assertThat(this.publisher.republished()).isZero();
	}

	@Test
	void aFullWindowHoldsTheNextChunkUntilAConfirm() throws Exception {
		this.publisher.publish(chunk("a"));
		this.publisher.publish(chunk("b"));

		CompletableFuture<Void> third = CompletableFuture.runAsync(() -> publishQuietly(chunk("c")), this.threads);
		FakeChannel channel = this.channels.get(0);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> channel.published.size() == 2);
		channel.ack(1, false);
		third.get(5, TimeUnit.SECONDS);

		assertThat(channel.published).containsExactly("a", "b", "c");
	}

	@Test
	void aNackedChunkIsSentAgainOnANewChannelAfterABackoff() throws Exception {
		this.publisher.publish(chunk("a"));
		this.publisher.publish(chunk("b"));
		FakeChannel first = this.channels.get(0);
		first.ack(1, false);
		first.nack(2, false);

		CompletableFuture<Void> done = CompletableFuture.runAsync(this::awaitConfirmsQuietly, this.threads);
		FakeChannel second = secondChannelOnceItHoldsOneChunk();
		second.ack(1, false);
		done.get(5, TimeUnit.SECONDS);

		assertThat(second.published).containsExactly("b");
		assertThat(first.aborted).as("the refusing channel is dropped").isTrue();
		assertThat(this.confirmed).containsExactly("a", "b");
		assertThat(this.publisher.republished()).isEqualTo(1);
	}

	@Test
	void aChannelThatClosesWithChunksUnconfirmedHasThemSentAgainOnTheNext() throws Exception {
		this.publisher.publish(chunk("a"));
		this.publisher.publish(chunk("b"));
		FakeChannel first = this.channels.get(0);
		first.ack(1, false);
		first.open = false;

		CompletableFuture<Void> done = CompletableFuture.runAsync(this::awaitConfirmsQuietly, this.threads);
		FakeChannel second = secondChannelOnceItHoldsOneChunk();
		// its tags are not the new channel's: "up to 2" of the old one would cover
		// the new channel's 1
		first.ack(2, true);
		assertThat(this.confirmed).as("a late confirm of the closed channel counts for nothing").containsExactly("a");
		second.ack(1, false);
		done.get(5, TimeUnit.SECONDS);

		assertThat(second.published).containsExactly("b");
		assertThat(this.confirmed).containsExactly("a", "b");
	}

	@Test
	void aChunkTheBrokerReturnedIsSentAgainThoughConfirmed() throws Exception {
		this.publisher.publish(chunk("a"));
		FakeChannel channel = this.channels.get(0);
		channel.returned("a");
		channel.ack(1, false);
		assertThat(this.confirmed).isEmpty();

		CompletableFuture<Void> done = CompletableFuture.runAsync(this::awaitConfirmsQuietly, this.threads);
		await().atMost(Duration.ofSeconds(5)).until(() -> channel.published.size() == 2);
		channel.ack(2, false);
		done.get(5, TimeUnit.SECONDS);

		assertThat(channel.published).containsExactly("a", "a");
		assertThat(this.confirmed).containsExactly("a");
	}

	/** Waits until the publisher opened a second channel and sent one chunk on it. */
	private FakeChannel secondChannelOnceItHoldsOneChunk() {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.channels.size() == 2);
		FakeChannel second = this.channels.get(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> second.published.size() == 1);
		return second;
	}

	private void publishQuietly(Chunk chunk) {
		try {
			this.publisher.publish(chunk);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void awaitConfirmsQuietly() {
		try {
			this.publisher.awaitConfirms();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Chunk chunk(String file) {
		ChunkMetadata segment = ChunkMetadata.of(file, file + ".csv", 2, 1, 0);
		Envelope envelope = Envelope.of(List.of(segment));
		return new Chunk(envelope, List.of(), "2021-01-01T00:00:00Z,s,1\n".getBytes());
	}

	/**
	 * A channel as the publisher uses it: sequence numbers from 1, what was published (by
	 * message id, for one-segment messages the file's fingerprint part), and the
	 * listeners the publisher registered, for the test to call.
	 */
	private static final class FakeChannel {

		final Channel mock = mock(Channel.class);

		final List<String> published = new CopyOnWriteArrayList<>();

		final AtomicLong nextSeqNo = new AtomicLong(1);

		volatile boolean open = true;

		volatile boolean aborted;

		private ConfirmCallback acks;

		private ConfirmCallback nacks;

		private com.rabbitmq.client.ReturnCallback returns;

		FakeChannel() throws IOException {
			when(this.mock.isOpen()).thenAnswer((invocation) -> this.open);
			when(this.mock.getNextPublishSeqNo()).thenAnswer((invocation) -> this.nextSeqNo.get());
			doAnswer((invocation) -> {
				AMQP.BasicProperties properties = invocation.getArgument(3);
				this.published.add(properties.getMessageId().split(":")[0]);
				this.nextSeqNo.incrementAndGet();
				return null;
			}).when(this.mock)
				.basicPublish(eq(""), eq(TOPOLOGY.queueName()), anyBoolean(), any(AMQP.BasicProperties.class),
						any(byte[].class));
			doAnswer((invocation) -> {
				this.acks = invocation.getArgument(0);
				this.nacks = invocation.getArgument(1);
				return null;
			}).when(this.mock).addConfirmListener(any(ConfirmCallback.class), any(ConfirmCallback.class));
			doAnswer((invocation) -> {
				this.returns = invocation.getArgument(0);
				return null;
			}).when(this.mock).addReturnListener(any(com.rabbitmq.client.ReturnCallback.class));
			doAnswer((invocation) -> {
				this.aborted = true;
				this.open = false;
				return null;
			}).when(this.mock).abort();
		}

		void ack(long tag, boolean multiple) throws IOException {
			this.acks.handle(tag, multiple);
		}

		void nack(long tag, boolean multiple) throws IOException {
			this.nacks.handle(tag, multiple);
		}

		void returned(String file) {
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
				.messageId(ChunkMetadata.of(file, file + ".csv", 2, 1, 0).messageId())
				.build();
			this.returns.handle(
					new com.rabbitmq.client.Return(312, "NO_ROUTE", "", TOPOLOGY.queueName(), properties, new byte[0]));
		}

	}

}
