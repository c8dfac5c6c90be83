package io.sensoringest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A certificate authority made for one test class, and a server certificate it signed for
 * {@code localhost} and {@code 127.0.0.1}, made with {@code openssl}; and a PKCS#12 trust
 * store holding the authority, made with {@code keytool}, for the apps' RabbitMQ TLS.
 *
 * @param caCertificate the authority's certificate (PEM), as {@code POSTGRES_SSLROOTCERT}
 * takes it
 * @param serverCertificate the server's certificate (PEM)
 * @param serverKey the server's private key (PEM, unencrypted)
 * @param trustStore the PKCS#12 trust store, as {@code RABBITMQ_SSL_TRUSTSTORE} takes it
 * @param trustStorePassword its password
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey, Path trustStore,
		String trustStorePassword) {

	/** Makes the authority, the server's certificate and the trust store in a folder. */
	public static TestCertificates make(Path dir) throws IOException, InterruptedException {
		Path caKey = dir.resolve("ca.key");
		Path ca = dir.resolve("ca.crt");
		Path key = dir.resolve("server.key");
		Path request = dir.resolve("server.csr");
		Path certificate = dir.resolve("server.crt");
		Path names = Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
		Path trustStore = dir.resolve("trust.p12");
		String password = "test-trust-store";
		run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
				"/CN=sensor-ingest test CA", "-keyout", caKey.toString(), "-out", ca.toString());
		run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", key.toString(),
				"-out", request.toString());
		run(dir, "openssl", "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
				"-CAcreateserial", "-days", "2", "-extfile", names.toString(), "-out", certificate.toString());
		run(dir, "keytool", "-importcert", "-noprompt", "-alias", "test-ca", "-file", ca.toString(), "-keystore",
				trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
		return new TestCertificates(ca, certificate, key, trustStore, password);
	}

	private static void run(Path dir, String... command) throws IOException, InterruptedException {
		Path log = dir.resolve("certificates.log");
		Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed (" + command[0]
					+ " is needed to make test certificates): " + Files.readString(log));
		}
	}

}
