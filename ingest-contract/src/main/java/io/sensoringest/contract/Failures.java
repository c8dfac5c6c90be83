package io.sensoringest.contract;

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
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return message.replaceAll("\\s+", " ").trim();
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
