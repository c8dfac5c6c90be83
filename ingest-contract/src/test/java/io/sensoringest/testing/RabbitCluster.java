package io.sensoringest.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A RabbitMQ cluster of its own for one test class, beside the machine's broker: Debian's
 * {@code rabbitmq-server} started once per node with its own node name, ports, data, logs
 * and configuration, all below one temporary folder, and an Erlang cookie of its own
 * there (the nodes run as the test's user with that folder as {@code HOME}). The first
 * node starts alone; the others join it as they boot ({@code classic_config} peer
 * discovery). The user {@code guest} may connect from anywhere. {@link #close()} kills
 * every node and removes the folder.
 */
public final class RabbitCluster extends OwnServers {

	private static final Path BIN = Path.of("/usr/lib/rabbitmq/bin");

	private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(2);

	private final List<Node> nodes;

	private RabbitCluster(Path home, List<Node> nodes) {
		super(home);
		this.nodes = nodes;
	}

	/**
	 * Starts a cluster and waits until each node takes connections.
	 * @param size how many nodes
	 * @param tls when given, the last node also serves AMQPS with this server certificate
	 */
	public static RabbitCluster start(int size, TestCertificates tls) throws IOException, InterruptedException {
		if (!Files.isExecutable(BIN.resolve("rabbitmq-server"))) {
			throw new IllegalStateException(BIN.resolve("rabbitmq-server")
					+ " is missing: the cluster tests need Debian's rabbitmq-server package on this machine");
		}
		Path home = Files.createTempDirectory("sensor-ingest-rabbit-");
		Path cookie = home.resolve(".erlang.cookie");
		Files.writeString(cookie, UUID.randomUUID().toString().replace("-", ""));
		Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
		Files.writeString(home.resolve("enabled_plugins"), "[].\n");
		Files.writeString(home.resolve("rabbitmq-env.conf"), "");
		String prefix = "sensor-ingest-" + UUID.randomUUID().toString().substring(0, 6);
		List<Node> nodes = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			int tlsPort = (tls != null && i == size - 1) ? freePort() : 0;
			nodes.add(new Node(prefix + "-" + (char) ('a' + i) + "@localhost", freePort(), freePort(), tlsPort,
					Files.createDirectories(home.resolve("node-" + i))));
		}
		RabbitCluster cluster = new RabbitCluster(home, nodes);
		try {
			for (Node node : nodes) {
				Files.writeString(node.dir().resolve("rabbitmq.conf"), configuration(node, nodes.get(0), tls));
			}
			// the first node must take connections before the others look for it, or
			// they boot as clusters of their own
			cluster.launch(nodes.get(0));
			awaitBoot(nodes.get(0));
			for (Node node : nodes.subList(1, size)) {
				cluster.launch(node);
			}
			nodes.subList(1, size).forEach(RabbitCluster::awaitBoot);
			String status = cluster.rabbitmqctl(nodes.get(0), "cluster_status");
			for (Node node : nodes) {
				if (!status.contains(node.name())) {
					throw new IllegalStateException(node.name() + " did not join the cluster: " + status);
				}
			}
			return cluster;
		}
		catch (IOException | RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	private static void awaitBoot(Node node) {
		await().atMost(BOOT_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.failFast("node " + node.name() + " stopped; see " + node.dir().resolve("log"),
					() -> node.pid().isEmpty() && Files.exists(node.dir().resolve("pid")))
			.until(() -> answers(node.port()));
	}

	private static String configuration(Node node, Node first, TestCertificates tls) {
		StringBuilder conf = new StringBuilder();
		conf.append("listeners.tcp.default = 127.0.0.1:").append(node.port()).append('\n');
		conf.append("loopback_users = none\n");
		conf.append("cluster_formation.peer_discovery_backend = classic_config\n");
		conf.append("cluster_formation.classic_config.nodes.1 = ").append(first.name()).append('\n');
		if (node.tlsPort() > 0) {
			conf.append("listeners.ssl.default = 127.0.0.1:").append(node.tlsPort()).append('\n');
			conf.append("ssl_options.cacertfile = ").append(tls.caCertificate()).append('\n');
			conf.append("ssl_options.certfile = ").append(tls.serverCertificate()).append('\n');
			conf.append("ssl_options.keyfile = ").append(tls.serverKey()).append('\n');
			conf.append("ssl_options.verify = verify_none\n");
			conf.append("ssl_options.fail_if_no_peer_cert = false\n");
		}
		return conf.toString();
	}

	private void launch(Node node) throws IOException, InterruptedException {
		ProcessBuilder server = new ProcessBuilder(BIN.resolve("rabbitmq-server").toString(), "-detached")
			.redirectErrorStream(true)
			.redirectOutput(node.dir().resolve("launch.log").toFile());
		Map<String, String> environment = server.environment();
		prepare(environment);
		environment.put("RABBITMQ_NODENAME", node.name());
		environment.put("RABBITMQ_NODE_PORT", Integer.toString(node.port()));
		environment.put("RABBITMQ_DIST_PORT", Integer.toString(node.distPort()));
		environment.put("RABBITMQ_MNESIA_BASE", node.dir().resolve("mnesia").toString());
		environment.put("RABBITMQ_LOG_BASE", node.dir().resolve("log").toString());
		environment.put("RABBITMQ_CONFIG_FILE", node.dir().resolve("rabbitmq.conf").toString());
		environment.put("RABBITMQ_PID_FILE", node.dir().resolve("pid").toString());
		if (server.start().waitFor() != 0) {
			throw new IllegalStateException("rabbitmq-server " + node.name() + " failed: "
					+ Files.readString(node.dir().resolve("launch.log")));
		}
	}

	/**
	 * Sets what every node and every rabbitmqctl of this cluster needs, after removing
	 * what {@code make} exported from {@code .env}: RabbitMQ's scripts read any
	 * {@code RABBITMQ_*} variable as their own.
	 */
	private void prepare(Map<String, String> environment) {
		environment.keySet().removeIf((name) -> name.startsWith("RABBITMQ_") || name.startsWith("ERL_"));
		environment.put("HOME", home().toString());
		environment.put("RABBITMQ_CONF_ENV_FILE", home().resolve("rabbitmq-env.conf").toString());
		environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", home().resolve("enabled_plugins").toString());
		environment.put("ERL_EPMD_ADDRESS", "127.0.0.1");
	}

	/** Returns the nodes, in the order they started. */
	public List<Node> nodes() {
		return this.nodes;
	}

	/** Returns every node's AMQP address, as {@code RABBITMQ_ADDRESSES} takes them. */
	public String addresses() {
		return this.nodes.stream().map(Node::address).collect(Collectors.joining(","));
	}

	/** Returns a connection to one node, as {@code guest}. */
	public RabbitServer server(Node node) {
		return new RabbitServer("localhost", node.port(), "guest", "guest");
	}

	/**
	 * Returns the node that leads a quorum queue now, as RabbitMQ reports it on a node
	 * that is up.
	 */
	public String leaderOf(String queue) throws IOException, InterruptedException {
		Node asked = this.nodes.stream().filter((node) -> node.pid().isPresent()).findFirst().orElseThrow();
		String listing = rabbitmqctl(asked, "list_queues", "--quiet", "--no-table-headers", "name", "leader");
		return listing.lines()
			.map((line) -> line.split("\\s+"))
			.filter((fields) -> fields.length == 2 && fields[0].equals(queue))
			.map((fields) -> fields[1])
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no queue " + queue + " on the cluster: " + listing));
	}

	/** Kills a node with SIGKILL, as a crash would, and waits until it is gone. */
	public void kill(Node node) {
		node.pid().flatMap(ProcessHandle::of).ifPresent((process) -> {
			process.destroyForcibly();
			process.onExit().join();
		});
	}

	private String rabbitmqctl(Node node, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(BIN.resolve("rabbitmqctl").toString(), "-n", node.name()));
		command.addAll(List.of(arguments));
		ProcessBuilder ctl = new ProcessBuilder(command).redirectErrorStream(true);
		prepare(ctl.environment());
		Process process = ctl.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed: " + output);
		}
		return output;
	}

	@Override
	void stopServers() {
		this.nodes.forEach(this::kill);
	}

	private static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * One node of the cluster.
	 *
	 * @param name its Erlang node name
	 * @param port its AMQP port on 127.0.0.1
	 * @param distPort its Erlang distribution port
	 * @param tlsPort its AMQPS port, or 0
	 * @param dir its data, logs and configuration
	 */
	public record Node(String name, int port, int distPort, int tlsPort, Path dir) {

		/** Returns its AMQP address, {@code localhost:port}. */
		public String address() {
			return "localhost:" + this.port;
		}

		/** Returns its AMQPS address, {@code localhost:port}. */
		public String tlsAddress() {
			return "localhost:" + this.tlsPort;
		}

		/** Returns the process of the running node, if it runs. */
		Optional<Long> pid() {
			try {
				long pid = Long.parseLong(Files.readString(this.dir.resolve("pid")).strip());
				return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map((process) -> pid);
			}
			catch (IOException | NumberFormatException ex) {
				return Optional.empty();
			}
		}

	}

}
