package io.sensoringest.contract;

import java.io.EOFException;

/**
 * Words for a failure in a one-line log message.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * Returns the message of the deepest cause, on one line: what a driver wraps in
	 * layers ("Connection refused", "password authentication failed") is what the user
	 * needs.
	 */
	public static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message;
		if (root.getMessage() != null) {
			message = root.getMessage();
		}
		else if (root instanceof EOFException) {
			// a server that dies mid-conversation: the class name would say less
			message = "the server closed the connection";
		}
		else {
			message = root.getClass().getSimpleName();
		}
		return message.replaceAll("\\s+", " ")
			// the AMQP client's wording: the broker's reply text says what happened
			.replaceAll("#method<[\\w.]+>\\(reply-code=\\d+, reply-text=(.*), class-id=\\d+, method-id=\\d+\\)", "$1")
			.replaceAll("(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "")
			.trim();
	}

	/**
	 * Returns the failure itself or its nearest cause of the given type, or {@code null}.
	 */
	public static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
