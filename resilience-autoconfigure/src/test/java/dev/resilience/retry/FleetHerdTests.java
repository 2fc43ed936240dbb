package dev.resilience.retry;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of clients loses its dependency at the same instant and reconnects with the real
 * backoff formula, on a virtual clock (each client's own cumulative waits, as the retry loop
 * rounds them): with jitter the retry waves spread out, wave after wave; without, every wave
 * hits the dependency in the same instant.
 */
class FleetHerdTests {

	private static final int CLIENTS = 1_000;

	private static final int MAX_ATTEMPTS = 6;

	private static final int WAVES = MAX_ATTEMPTS - 1;

	private static final long BUCKET_MILLIS = 100;

	private static final int SEEDS = 20;

	@Test
	void jitterSpreadsEveryRetryWaveAndEachWaveMoreThanTheLast() {
		for (long seed = 1; seed <= SEEDS; seed++) {
			long[][] arrivals = simulate(backoff(0.5), seed);
			if (seed == 1) {
				print("jitter 0.5", arrivals);
			}
			int previous = CLIENTS;
			for (int wave = 0; wave < WAVES; wave++) {
				int busiest = busiestBucket(arrivals[wave]);
				assertThat(busiest).as("seed %d, wave %d: clients in the busiest %dms", seed, wave + 1, BUCKET_MILLIS)
					.isLessThanOrEqualTo(CLIENTS * 15 / 100)
					.isLessThan(previous);
				previous = busiest;
			}
		}
	}

	@Test
	void withoutJitterEveryClientRetriesInTheSameInstantEveryWave() {
		long[][] arrivals = simulate(backoff(0), 1);
		print("jitter 0", arrivals);
		for (int wave = 0; wave < WAVES; wave++) {
			assertThat(busiestBucket(arrivals[wave])).as("wave %d", wave + 1).isEqualTo(CLIENTS);
		}
	}

	/**
	 * initial-interval 1s, multiplier 2, jitter as given; max-interval above every wait here, so
	 * that the cap (applied after jitter, as the contract says) does not pile waits up on it.
	 */
	private static BackoffSettings backoff(double jitter) {
		return new BackoffSettings(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), jitter, false);
	}

	/** When each client makes each retry, in milliseconds since the dependency went down. */
	private static long[][] simulate(BackoffSettings backoff, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		long[][] arrivals = new long[WAVES][CLIENTS];
		for (int client = 0; client < CLIENTS; client++) {
			long clock = 0;
			for (int retry = 1; retry <= WAVES; retry++) {
				clock += Math.round(BackoffMath.delayMillis(backoff, retry, random.nextDouble()));
				arrivals[retry - 1][client] = clock;
			}
		}
		return arrivals;
	}

	private static int busiestBucket(long[] arrivals) {
		return histogram(arrivals).values().stream().mapToInt(Integer::intValue).max().orElse(0);
	}

	private static TreeMap<Long, Integer> histogram(long[] arrivals) {
		TreeMap<Long, Integer> buckets = new TreeMap<>();
		for (long arrival : arrivals) {
			buckets.merge(arrival / BUCKET_MILLIS, 1, Integer::sum);
		}
		return buckets;
	}

	/** One line per second of virtual time, ten 100ms buckets to a line. */
	private static void print(String title, long[][] arrivals) {
		StringBuilder text = new StringBuilder("Fleet of " + CLIENTS + " clients, " + title + ":\n");
		for (int wave = 0; wave < WAVES; wave++) {
			TreeMap<Long, Integer> buckets = histogram(arrivals[wave]);
			text.append(String.format("  wave %d (busiest 100ms: %d clients)%n", wave + 1, busiestBucket(arrivals[wave])));
			long firstSecond = buckets.firstKey() / 10;
			long lastSecond = buckets.lastKey() / 10;
			for (long second = firstSecond; second <= lastSecond; second++) {
				text.append(String.format("    %3ds |", second));
				for (long bucket = second * 10; bucket < second * 10 + 10; bucket++) {
					text.append(String.format("%5d", buckets.getOrDefault(bucket, 0)));
				}
				text.append('\n');
			}
		}
		System.out.print(text);
	}

}
