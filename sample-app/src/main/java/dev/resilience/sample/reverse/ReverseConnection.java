package dev.resilience.sample.reverse;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.springframework.stereotype.Service;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.resilience.Resilience;
import dev.resilience.SessionContext;
import dev.resilience.Supervised;
import dev.resilience.sample.downstream.ClosedPort;

/**
 * The reverse WebSocket of incident 2: the bot connects out to its chat platform and keeps the
 * connection open. Written as a user would: the session connects and blocks until the socket
 * closes; a refused connection simply throws. The starter decides when to try again.
 */
@Service
public class ReverseConnection {

	private final Resilience resilience;

	private final URI platform;

	private final StandardWebSocketClient client = new StandardWebSocketClient();

	private final List<Long> attemptStarts = new CopyOnWriteArrayList<>();

	public ReverseConnection(Resilience resilience, ClosedPort closedPort) {
		this.resilience = resilience;
		this.platform = URI.create("ws://127.0.0.1:" + closedPort.port() + "/onebot/v11/ws");
	}

	/** Starts the connection under policy {@code reverse}. */
	public Supervised start() {
		this.attemptStarts.clear();
		return this.resilience.supervise("reverse-ws", "reverse", this::connect);
	}

	private void connect(SessionContext context) throws Exception {
		this.attemptStarts.add(System.nanoTime());
		Closed closed = new Closed();
		// The port is closed: this throws (ExecutionException caused by a ConnectException).
		WebSocketSession session = this.client.execute(closed, new WebSocketHttpHeaders(), this.platform).get();
		context.connected();
		try {
			closed.await();
		}
		finally {
			session.close();
		}
	}

	/** {@code System.nanoTime()} at the start of each connection attempt, for the report. */
	public List<Long> attemptStarts() {
		return List.copyOf(this.attemptStarts);
	}

	private static final class Closed extends TextWebSocketHandler {

		private final CountDownLatch latch = new CountDownLatch(1);

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.latch.countDown();
		}

		void await() throws InterruptedException {
			this.latch.await();
		}

	}

}
