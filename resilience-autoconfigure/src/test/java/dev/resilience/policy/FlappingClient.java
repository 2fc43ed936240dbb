package dev.resilience.policy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import dev.resilience.Resilient;

/**
 * A user's client of the flapping server: each attempt (each entry into the annotated method)
 * sends a fresh attempt id, and is counted per calling thread so the caller knows how many
 * attempts its call took. State is reached through methods: the bean is a CGLIB proxy.
 */
public class FlappingClient {

	private static final ThreadLocal<int[]> ATTEMPTS_OF_CALL = ThreadLocal.withInitial(() -> new int[1]);

	private final String url;

	private final RestClient client;

	private final AtomicLong attemptIds = new AtomicLong();

	private final LongAdder invocations = new LongAdder();

	FlappingClient(String url, Duration readTimeout) {
		this.url = url;
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(Duration.ofSeconds(2));
		factory.setReadTimeout(readTimeout);
		this.client = RestClient.builder().requestFactory(factory).build();
	}

	@Resilient("flapping")
	public String get() {
		this.invocations.increment();
		ATTEMPTS_OF_CALL.get()[0]++;
		return this.client.get()
			.uri(this.url)
			.header(FlappingHttpServer.ATTEMPT_HEADER, Long.toString(this.attemptIds.incrementAndGet()))
			.retrieve()
			.body(String.class);
	}

	/** Times the annotated method was entered, by every thread. */
	public long invocations() {
		return this.invocations.sum();
	}

	/** Starts counting the attempts of the calling thread's next call. */
	static void startCall() {
		ATTEMPTS_OF_CALL.get()[0] = 0;
	}

	/** Attempts that entered the method since {@link #startCall()} on this thread. */
	static int attemptsOfCall() {
		return ATTEMPTS_OF_CALL.get()[0];
	}

}
