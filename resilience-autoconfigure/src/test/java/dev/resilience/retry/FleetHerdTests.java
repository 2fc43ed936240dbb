package dev.resilience.retry;

import java.time.Duration;
import java.util.Arrays;
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

	private static final int MAX_ATTEMPTS = 7;

	private static final int WAVES = MAX_ATTEMPTS - 1;

	private static final long BUCKET_MILLIS = 100;

	private static final int SEEDS = 20;

	/** The first wave whose base wait (1s × 2^(n−1)) passes the default max-interval of 10s. */
	private static final int CAPPED_FROM = 5;

	/**
	 * Every wave of every fleet stays under 15% of the clients in its busiest 100ms, and the
	 * busiest 100ms falls wave after wave, capped waves included. The busiest bucket of one fleet
	 * moves by a few clients from draw to draw once the waves are wide, so "falling" is judged on
	 * its mean over the fleets.
	 */
	@Test
	void jitterSpreadsEveryRetryWaveAndEachWaveMoreThanTheLast() {
		double[] meanBusiest = new double[WAVES];
		for (long seed = 1; seed <= SEEDS; seed++) {
			long[][] arrivals = simulate(backoff(0.5), seed);
			if (seed == 1) {
				print("jitter 0.5", arrivals);
			}
			for (int wave = 0; wave < WAVES; wave++) {
				int busiest = busiestBucket(arrivals[wave]);
				assertThat(busiest).as("seed %d, wave %d: clients in the busiest %dms", seed, wave + 1, BUCKET_MILLIS)
					.isLessThanOrEqualTo(CLIENTS * 15 / 100);
				meanBusiest[wave] += (double) busiest / SEEDS;
			}
		}
		System.out.printf("Mean busiest 100ms per wave over %d fleets: %s%n", SEEDS,
				Arrays.toString(meanBusiest));
		for (int wave = 1; wave < WAVES; wave++) {
			assertThat(meanBusiest[wave]).as("wave %d: mean clients in the busiest %dms", wave + 1, BUCKET_MILLIS)
				.isLessThan(meanBusiest[wave - 1]);
		}
	}

	@Test
	void cappedWavesDrawTheirWaitsBelowTheCapInsteadOfPilingOnIt() {
		for (long seed = 1; seed <= SEEDS; seed++) {
			long[][] waits = waits(backoff(0.5), seed);
			for (int wave = CAPPED_FROM - 1; wave < WAVES; wave++) {
				assertThat(busiestBucket(waits[wave]))
					.as("seed %d, wave %d: clients whose wait falls in the busiest %dms", seed, wave + 1, BUCKET_MILLIS)
					.isLessThanOrEqualTo(CLIENTS * 15 / 100);
				assertThat(Arrays.stream(waits[wave]).max().getAsLong()).as("seed %d, wave %d: longest wait", seed, wave + 1).isLessThanOrEqualTo(10_000);
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
	 * initial-interval 1s, multiplier 2, jitter as given, on the default max-interval of 10s: the
	 * fifth and sixth waves' base waits (16s, 32s) are capped, and their waits are drawn from
	 * [5s, 10s], not piled on the cap.
	 */
	private static BackoffSettings backoff(double jitter) {
		return new BackoffSettings(Duration.ofSeconds(1), 2.0, BackoffSettings.defaults().maxInterval(), jitter,
				false);
	}

	/** When each client makes each retry, in milliseconds since the dependency went down. */
	private static long[][] simulate(BackoffSettings backoff, long seed) {
		long[][] arrivals = waits(backoff, seed);
		for (int client = 0; client < CLIENTS; client++) {
			for (int wave = 1; wave < WAVES; wave++) {
				arrivals[wave][client] += arrivals[wave - 1][client];
			}
		}
		return arrivals;
	}

	/** Each client's wait before each retry, in milliseconds, as the retry loop rounds them. */
	private static long[][] waits(BackoffSettings backoff, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		long[][] waits = new long[WAVES][CLIENTS];
		for (int client = 0; client < CLIENTS; client++) {
			for (int retry = 1; retry <= WAVES; retry++) {
				waits[retry - 1][client] = Math.round(BackoffMath.delayMillis(backoff, retry, random.nextDouble()));
			}
		}
		return waits;
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
