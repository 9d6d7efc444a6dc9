package org.kge4j.sampling;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.kge4j.data.TriplesFactory;

/**
 * Shared machinery of the samplers: argument checks, the replacement draw and the filter.
 *
 * <p>A replacement for id {@code x} in {@code [0, n)} is drawn uniformly from the {@code n - 1}
 * other ids: {@code y = uniform[0, n - 1); if (y >= x) y++} (PyKEEN's {@code random_replacement_}),
 * so a corruption always differs from its positive.
 */
abstract class CorruptingSampler implements NegativeSampler {

  final int numEntities;
  final int numRelations;
  final int numNegsPerPos;

  /** The training triples when filtering, else null. */
  final TripleSet known;

  CorruptingSampler(TriplesFactory training, int numNegsPerPos, boolean filtered) {
    Objects.requireNonNull(training, "training");
    if (numNegsPerPos < 1) {
      throw new IllegalArgumentException("numNegsPerPos must be >= 1, got " + numNegsPerPos);
    }
    if (training.numEntities() < 2) {
      throw new IllegalArgumentException(
          "negative sampling needs numEntities >= 2, got " + training.numEntities());
    }
    this.numEntities = training.numEntities();
    this.numRelations = training.numRelations();
    this.numNegsPerPos = numNegsPerPos;
    this.known = filtered ? TripleSet.of(List.of(training)) : null;
  }

  @Override
  public final int numNegsPerPos() {
    return numNegsPerPos;
  }

  @Override
  public boolean filtered() {
    return known != null;
  }

  /**
   * Copies every positive numNegsPerPos times, corrupts each copy ({@link #corruptAll}) and, when
   * filtering, marks the negatives that are known triples.
   */
  @Override
  public final void sample(
      int[] positives,
      int batchSize,
      SplittableRandom random,
      int[] negativesOut,
      boolean[] keepOut) {
    prepare(positives, batchSize, random, negativesOut, keepOut);
    int numNegatives = batchSize * numNegsPerPos;
    corruptAll(negativesOut, numNegatives, random);
    if (filtered()) {
      filter(positives, negativesOut, numNegatives, keepOut);
    }
  }

  /**
   * Corrupts negatives {@code 0..numNegatives-1}, each a copy of its positive, in place (one {@link
   * #corrupt} each).
   */
  abstract void corruptAll(int[] negatives, int numNegatives, SplittableRandom random);

  /** Checks the buffers of {@link #sample} and copies every positive numNegsPerPos times. */
  private void prepare(
      int[] positives,
      int batchSize,
      SplittableRandom random,
      int[] negativesOut,
      boolean[] keepOut) {
    Objects.requireNonNull(random, "random");
    if (batchSize < 0 || positives.length < 3 * batchSize) {
      throw new IllegalArgumentException(
          "batchSize must be in [0, positives.length / 3 = "
              + positives.length / 3
              + "], got "
              + batchSize);
    }
    int numNegatives = batchSize * numNegsPerPos;
    if (negativesOut.length < 3 * numNegatives) {
      throw new IllegalArgumentException(
          "negativesOut must have length >= 3 * batchSize * "
              + "numNegsPerPos = "
              + 3 * numNegatives
              + ", got "
              + negativesOut.length);
    }
    if (filtered() && (keepOut == null || keepOut.length < numNegatives)) {
      throw new IllegalArgumentException(
          "a filtered sampler needs keepOut of length >= "
              + "batchSize * numNegsPerPos = "
              + numNegatives
              + ", got "
              + (keepOut == null ? "null" : keepOut.length));
    }
    for (int i = 0, j = 0; i < batchSize; i++) {
      for (int k = 0; k < numNegsPerPos; k++, j++) {
        System.arraycopy(positives, 3 * i, negativesOut, 3 * j, 3);
      }
    }
  }

  /** Replaces column {@code column} of negative {@code j} by a different id. */
  final void corrupt(int[] negatives, int j, int column, SplittableRandom random) {
    int max = column == 1 ? numRelations : numEntities;
    int original = negatives[3 * j + column];
    int replacement = random.nextInt(max - 1);
    negatives[3 * j + column] = replacement >= original ? replacement + 1 : replacement;
  }

  /**
   * Fills the keep-mask when {@link #filtered()}: {@code keepOut[j] = !known.contains(negative j)}
   * for all negatives.
   */
  void filter(int[] positives, int[] negatives, int numNegatives, boolean[] keepOut) {
    for (int j = 0; j < numNegatives; j++) {
      keepOut[j] = !known.contains(negatives[3 * j], negatives[3 * j + 1], negatives[3 * j + 2]);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[numNegsPerPos="
        + numNegsPerPos
        + ", filtered="
        + (known != null)
        + "]";
  }
}
