package dev.resilience.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the status of a WebSocket handshake the server refused, from the
 * {@code jakarta.websocket.DeploymentException} of Tomcat's client (behind Spring's
 * {@code StandardWebSocketClient}). Tomcat puts the status only in the message, in forms such as
 * "Failed to handle HTTP response code [401]", "The HTTP response from the server [403] did not
 * permit the HTTP upgrade" or "Status Code [503]". Matched by class name: Jakarta WebSocket is not
 * a dependency.
 */
final class DeploymentStatusReader implements StatusReader {

	static final String TYPE = "jakarta.websocket.DeploymentException";

	private static final Pattern STATUS = Pattern
		.compile("(?:response code(?: was)?|response from the server|status code)\\s*\\[(\\d{3})]",
				Pattern.CASE_INSENSITIVE);

	@Override
	public ResponseStatus read(Throwable throwable) {
		if (!TypeNames.isSubclassOf(throwable.getClass(), TYPE)) {
			return null;
		}
		String message = throwable.getMessage();
		if (message == null) {
			return null;
		}
		Matcher matcher = STATUS.matcher(message);
		return matcher.find() ? ResponseStatus.handshake(Integer.parseInt(matcher.group(1)), null) : null;
	}

}
