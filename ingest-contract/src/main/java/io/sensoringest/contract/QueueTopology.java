package io.sensoringest.contract;

import java.io.IOException;
import java.util.HashMap;
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
 *
 * @param queueName the work queue ({@code RABBITMQ_QUEUE_NAME})
 * @param type quorum or classic ({@code RABBITMQ_QUEUE_TYPE})
 * @param deliveryLimit deliveries after which a quorum queue dead-letters a message
 * ({@code RABBITMQ_DELIVERY_LIMIT})
 */
public record QueueTopology(String queueName, QueueType type, Integer deliveryLimit) {

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
			// RabbitMQ before 4.0 has no default limit: a poison message would loop
			// forever.
			arguments.put("x-delivery-limit", deliveryLimit);
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
				throw new TopologyMismatchException("RabbitMQ refused to declare the queues as RABBITMQ_QUEUE_NAME="
						+ queueName + ", RABBITMQ_QUEUE_TYPE=" + type.argument() + ", RABBITMQ_DELIVERY_LIMIT="
						+ deliveryLimit + " ask: " + close.getReplyText()
						+ ". Delete the existing queue or change the settings to match it.", ex);
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
