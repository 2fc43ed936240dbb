package dev.resilience.autoconfigure;

import java.util.List;
import java.util.Locale;

/**
 * The "did you mean" choice of an unknown key: the known key nearest to it by edit distance,
 * compared ignoring case, dashes and underscores (as relaxed binding does), where a key written
 * short ({@code failure-rate} for {@code failure-rate-threshold}) is near the key it begins.
 */
final class NearestKey {

	private NearestKey() {
	}

	/**
	 * @param written the unknown key, e.g. {@code retry.max-attemps}
	 * @param known the known keys to choose from, in dashed form
	 * @return the nearest of {@code known}, or {@code null} when it is empty
	 */
	static String among(String written, List<String> known) {
		String target = uniform(written);
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : known) {
			String key = uniform(candidate);
			int distance = Math.min(distance(target, key),
					(key.length() > target.length()) ? distance(target, key.substring(0, target.length())) + 1
							: Integer.MAX_VALUE);
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/** Levenshtein distance. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static String uniform(String key) {
		return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

}
