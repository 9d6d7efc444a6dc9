/**
 * Negative sampling for the sLCWA training loop: {@link org.kge4j.sampling.BasicNegativeSampler}
 * and {@link org.kge4j.sampling.BernoulliNegativeSampler} write corruptions into caller buffers
 * and, when filtering, the keep-mask that becomes the loss's {@code batchFilter} ({@link
 * org.kge4j.sampling.TripleSet} holds the known triples).
 */
package org.kge4j.sampling;
