package io.sensoringest.contract;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AddressResolver;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The broker's nodes as a process reaches them: every connection goes to the first node
 * of {@link BrokerSettings#addresses()} that answers, in the order given (as Spring
 * Boot's own default), so a process whose node died carries on through the next by
 * connecting again. Processes given the nodes in different orders spread over a cluster.
 *
 * @param factory a factory configured as {@link BrokerSettings#configure} says
 * @param settings where the nodes are
 */
public record BrokerNodes(ConnectionFactory factory, BrokerSettings settings) {

	/**
	 * Connects to the first node that answers.
	 * @param name the connection's name, as the broker shows it
	 */
	public Connection connect(String name) throws IOException, TimeoutException {
		// no executor of its own: the client's default, as for the other overloads
		return this.factory.newConnection(null, new InOrder(this.settings.addresses()), name);
	}

	/** Returns where the nodes are, for messages. */
	public String describe() {
		return this.settings.describe();
	}

	/** The nodes in the order given; the client would shuffle them otherwise. */
	private record InOrder(List<Address> addresses) implements AddressResolver {

		@Override
		public List<Address> getAddresses() {
			return this.addresses;
		}

		@Override
		public List<Address> maybeShuffle(List<Address> input) {
			return input;
		}

	}

}
