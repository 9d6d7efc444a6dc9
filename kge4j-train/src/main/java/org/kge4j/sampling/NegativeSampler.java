package org.kge4j.sampling;

import java.util.SplittableRandom;

/**
 * Produces {@code numNegsPerPos} corruptions for every positive triple (PyKEEN's {@code
 * NegativeSampler.corrupt_batch}) and, when filtering, the keep-mask that becomes the loss's {@code
 * batchFilter}: {@code keepOut[i]} is {@code false} exactly when negative {@code i} is a known
 * positive triple (a false negative).
 *
 * <p>Implementations are immutable after construction and thread-safe; all randomness comes from
 * the caller's {@link SplittableRandom}, so a fixed seed gives fixed negatives. {@link #sample}
 * allocates nothing.
 */
public interface NegativeSampler {

  /**
   * Corrupts a batch of positives.
   *
   * @param positives row-major {@code (batchSize, 3)} ids {@code h, r, t}; only the first {@code 3
   *     * batchSize} entries are read
   * @param batchSize number of positives to corrupt
   * @param random source of randomness, advanced by this call
   * @param negativesOut row-major {@code (batchSize * numNegsPerPos, 3)}; negatives {@code i *
   *     numNegsPerPos .. (i + 1) * numNegsPerPos - 1} corrupt positive {@code i}
   * @param keepOut {@code (batchSize * numNegsPerPos)}; {@code true} = keep; must be non-null when
   *     {@link #filtered()} and is ignored (may be null) otherwise
   */
  void sample(
      int[] positives,
      int batchSize,
      SplittableRandom random,
      int[] negativesOut,
      boolean[] keepOut);

  /**
   * Number of negatives per positive.
   *
   * @return {@code numNegsPerPos >= 1}
   */
  int numNegsPerPos();

  /**
   * Whether {@link #sample} fills a keep-mask that removes known positives.
   *
   * @return true when filtering
   */
  boolean filtered();
}
