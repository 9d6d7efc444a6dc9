package org.kge4j.loss;

/**
 * The resolved pair of absolute margins of {@link DoubleMarginLoss}: positives reach zero loss at
 * {@code score >= positive} ({@code λ}), negatives at {@code score <= −negative} ({@code λ̄}).
 *
 * @param positive the positive margin {@code λ}
 * @param negative the negative margin {@code λ̄}
 */
public record Margins(double positive, double negative) {}
