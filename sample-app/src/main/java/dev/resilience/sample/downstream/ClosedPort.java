package dev.resilience.sample.downstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A loopback port nothing listens on: connecting to it is refused at once, as when the target of
 * a reverse WebSocket is down or its port is taken by nobody.
 */
public final class ClosedPort {

	private final int port;

	private ClosedPort(int port) {
		this.port = port;
	}

	/** Binds a random loopback port and releases it, so that it is (almost certainly) free. */
	static ClosedPort find() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new ClosedPort(socket.getLocalPort());
		}
	}

	public int port() {
		return this.port;
	}

}
