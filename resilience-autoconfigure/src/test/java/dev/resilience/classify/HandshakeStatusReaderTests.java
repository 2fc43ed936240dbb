package dev.resilience.classify;

import java.net.http.WebSocketHandshakeException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeStatusReaderTests {

	private final HandshakeStatusReader reader = new HandshakeStatusReader();

	@Test
	void readsTheStatusOfTheRejectedHandshake() {
		WebSocketHandshakeException failure = new WebSocketHandshakeException(FakeHttpResponse.of(401));
		assertThat(this.reader.read(failure)).isEqualTo(ResponseStatus.handshake(401, null));
	}

	@Test
	void readsTheRetryAfterHeaderOfTheResponse() {
		WebSocketHandshakeException failure = new WebSocketHandshakeException(
				FakeHttpResponse.withRetryAfter(503, "30"));
		assertThat(this.reader.read(failure)).isEqualTo(ResponseStatus.handshake(503, "30"));
	}

	@Test
	void readsNothingWithoutAResponse() {
		assertThat(this.reader.read(new WebSocketHandshakeException(null))).isNull();
	}

	@Test
	void readsNothingFromOtherTypes() {
		assertThat(this.reader.read(new IllegalStateException("handshake"))).isNull();
	}

}
