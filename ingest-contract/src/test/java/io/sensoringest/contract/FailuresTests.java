package io.sensoringest.contract;

import java.io.EOFException;
import java.io.IOException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTests {

	@Test
	void theDeepestCauseSpeaksOnOneLine() {
		Exception wrapped = new IllegalStateException("wrapper",
				new IOException("outer", new SQLException("password authentication\n  failed")));

		assertThat(Failures.rootMessage(wrapped)).isEqualTo("password authentication failed");
	}

	@Test
	void theAmqpClientsWordingLeavesTheBrokersReplyAndNoClassNames() {
		assertThat(Failures.rootMessage(new IOException(
				"connection is already closed due to connection error; cause: java.net.SocketException: Connection reset")))
			.isEqualTo("connection is already closed due to connection error; cause: Connection reset");
		assertThat(Failures.rootMessage(new IOException("connection error; protocol method: "
				+ "#method<connection.close>(reply-code=541, reply-text=INTERNAL_ERROR - Cannot get a message from "
				+ "queue 'q': nodedown, class-id=60, method-id=70)")))
			.isEqualTo(
					"connection error; protocol method: INTERNAL_ERROR - Cannot get a message from queue 'q': nodedown");
	}

	@Test
	void aServerThatClosedTheConnectionIsSaidSoNotNamedByClass() {
		Exception lost = new SQLException("An I/O error occurred while sending to the backend.", new EOFException());

		assertThat(Failures.rootMessage(lost)).isEqualTo("the server closed the connection");
		assertThat(Failures.rootMessage(new IOException(new IllegalStateException())))
			.isEqualTo("IllegalStateException");
	}

}
