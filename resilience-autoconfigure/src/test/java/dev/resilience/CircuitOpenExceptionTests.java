package dev.resilience;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A rejection's retry time is worked out once, when first asked, and survives serialization. */
class CircuitOpenExceptionTests {

	private static final Instant RETRY_AT = Instant.parse("2026-12-02T03:00:00Z");

	@Test
	void theRetryTimeIsWorkedOutOnlyWhenAskedAndThenOnce() {
		AtomicInteger asked = new AtomicInteger();
		CircuitOpenException rejection = new CircuitOpenException("quotes", () -> {
			asked.incrementAndGet();
			return RETRY_AT;
		});
		assertThat(asked).hasValue(0);
		assertThat(rejection.getRetryAt()).isEqualTo(RETRY_AT);
		assertThat(rejection.getMessage()).contains("quotes").contains(RETRY_AT.toString());
		assertThat(asked).hasValue(1);
	}

	@Test
	void aSerializedRejectionCarriesItsRetryTime() throws Exception {
		CircuitOpenException rejection = new CircuitOpenException("quotes", () -> RETRY_AT);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(rejection);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			CircuitOpenException copy = (CircuitOpenException) in.readObject();
			assertThat(copy.getPolicy()).isEqualTo("quotes");
			assertThat(copy.getRetryAt()).isEqualTo(RETRY_AT);
		}
	}

}
