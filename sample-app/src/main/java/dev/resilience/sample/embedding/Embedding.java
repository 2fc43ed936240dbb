package dev.resilience.sample.embedding;

import java.util.List;

/** A text's embedding vector, as the embedding server returns it. */
public record Embedding(List<Double> embedding) {
}
