package io.sensoringest.contract;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * The queues both apps declare, the same way, idempotently: the durable work queue, whose
 * dead letters a direct exchange {@code <queue>.dlx} routes to the durable
 * {@code <queue>.dlq}.
 * <p>
 * A quorum work queue is set up as RabbitMQ recommends for work that must not be lost:
 * replicated over {@code quorumSize} nodes (all of a smaller cluster), an explicit
 * delivery limit (RabbitMQ 4 would otherwise impose 20, RabbitMQ 3 none, letting a poison
 * message loop forever), and at-least-once dead-lettering: a dead letter leaves the work
 * queue only once the dead-letter queue has confirmed it. RabbitMQ allows that strategy
 * only with {@code x-overflow=reject-publish}, which nacks a publish to a full queue; the
 * producer backs off and sends it again.
 *
 * @param queueName the work queue ({@code RABBITMQ_QUEUE_NAME})
 * @param type quorum or classic ({@code RABBITMQ_QUEUE_TYPE})
 * @param deliveryLimit deliveries after which a quorum queue dead-letters a message
 * ({@code RABBITMQ_DELIVERY_LIMIT})
 * @param quorumSize how many nodes hold a replica of a quorum work queue
 * ({@code RABBITMQ_QUORUM_SIZE})
 */
public record QueueTopology(String queueName, QueueType type, Integer deliveryLimit, Integer quorumSize) {

	/** Replicas of a quorum queue unless told otherwise: survives one node's loss. */
	public static final int DEFAULT_QUORUM_SIZE = 3;

	/**
	 * Returns what is wrong, by field name; empty when the queues can be declared.
	 */
	public Map<String, String> problems() {
		Map<String, String> problems = new LinkedHashMap<>();
		putIfAny(problems, "queueName", SettingText.unset(this.queueName));
		putIfAny(problems, "type", SettingText.missing(this.type));
		putIfAny(problems, "deliveryLimit", SettingText.outside(this.deliveryLimit, 1, 1000));
		putIfAny(problems, "quorumSize", SettingText.outside(this.quorumSize, 1, 99));
		return problems;
	}

	private static void putIfAny(Map<String, String> problems, String field, String problem) {
		if (problem != null) {
			problems.put(field, problem);
		}
	}

	/** Returns the dead-letter exchange. */
	public String deadLetterExchange() {
		return queueName + ".dlx";
	}

	/** Returns the dead-letter queue. */
	public String deadLetterQueue() {
		return queueName + ".dlq";
	}

	/** Returns the work queue's arguments. */
	public Map<String, Object> queueArguments() {
		Map<String, Object> arguments = new HashMap<>();
		arguments.put("x-queue-type", type.argument());
		arguments.put("x-dead-letter-exchange", deadLetterExchange());
		arguments.put("x-dead-letter-routing-key", deadLetterQueue());
		if (type == QueueType.QUORUM) {
			arguments.put("x-delivery-limit", deliveryLimit);
			arguments.put("x-quorum-initial-group-size", quorumSize);
			arguments.put("x-dead-letter-strategy", "at-least-once");
			arguments.put("x-overflow", "reject-publish");
		}
		return arguments;
	}

	/**
	 * Declares the queues and the exchange; does nothing where they already exist alike.
	 * @throws IOException if the broker refuses, for example because the queue exists
	 * with other arguments (the channel is then closed)
	 */
	public void declare(Channel channel) throws IOException {
		try {
			channel.exchangeDeclare(deadLetterExchange(), BuiltinExchangeType.DIRECT, true);
			channel.queueDeclare(deadLetterQueue(), true, false, false, Map.of("x-queue-type", type.argument()));
			channel.queueBind(deadLetterQueue(), deadLetterExchange(), deadLetterQueue());
			channel.queueDeclare(queueName, true, false, false, queueArguments());
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof ShutdownSignalException signal
					&& signal.getReason() instanceof AMQP.Channel.Close close
					&& close.getReplyCode() == AMQP.PRECONDITION_FAILED) {
				throw new TopologyMismatchException("RabbitMQ holds queue " + queueName
						+ " with other arguments than RABBITMQ_QUEUE_TYPE=" + type.argument()
						+ ", RABBITMQ_DELIVERY_LIMIT=" + deliveryLimit + ", RABBITMQ_QUORUM_SIZE=" + quorumSize
						+ " and this version ask (" + close.getReplyText()
						+ "): drain and delete it as docs/scaling-out.md (\"Migrating the queue\") says, or set RABBITMQ_QUEUE_NAME to a new queue",
						ex);
			}
			throw ex;
		}
	}

	/** The kinds of queue the pipeline runs on. */
	public enum QueueType {

		/** Replicated, always persistent; the default. */
		QUORUM,

		/** The classic single-node queue. */
		CLASSIC;

		String argument() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
