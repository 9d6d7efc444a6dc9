package org.kge4j.sampling;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.kge4j.data.TriplesFactory;

/**
 * PyKEEN's {@code BasicNegativeSampler}: every positive is repeated {@code numNegsPerPos} times and
 * each copy has one column replaced by a uniformly drawn different id.
 *
 * <p>As in PyKEEN, the {@code N = batchSize * numNegsPerPos} negatives of a batch are split into
 * {@code m = |corruptionScheme|} consecutive blocks of {@code ceil(N / m)}; block {@code b}
 * corrupts the {@code b}-th target in head, relation, tail order. With the default scheme {@code
 * {HEAD, TAIL}} the first half of the batch's negatives corrupt heads, the second half tails; over
 * shuffled batches every positive sees both equally often.
 *
 * <p>With filtering, negatives that are training triples (false negatives) get {@code keepOut =
 * false}; PyKEEN's {@code filtered=True} with its default filterer.
 */
public final class BasicNegativeSampler extends CorruptingSampler {

  private final int[] columns;

  /**
   * A sampler corrupting heads and tails (PyKEEN's default scheme).
   *
   * @param training the training triples: the id space, and the known triples when filtering
   * @param numNegsPerPos negatives per positive, {@code >= 1}
   * @param filtered whether {@link #sample} fills the keep-mask against the training triples
   */
  public BasicNegativeSampler(TriplesFactory training, int numNegsPerPos, boolean filtered) {
    this(
        training,
        numNegsPerPos,
        filtered,
        EnumSet.of(CorruptionTarget.HEAD, CorruptionTarget.TAIL));
  }

  /**
   * A sampler with an explicit corruption scheme.
   *
   * @param training the training triples: the id space, and the known triples when filtering
   * @param numNegsPerPos negatives per positive, {@code >= 1}
   * @param filtered whether {@link #sample} fills the keep-mask against the training triples
   * @param corruptionScheme the columns to corrupt, in blocks (head, relation, tail order)
   * @throws IllegalArgumentException if {@code numNegsPerPos < 1}, the scheme is empty, or it
   *     corrupts relations while there is only one relation
   */
  public BasicNegativeSampler(
      TriplesFactory training,
      int numNegsPerPos,
      boolean filtered,
      Set<CorruptionTarget> corruptionScheme) {
    super(training, numNegsPerPos, filtered);
    if (corruptionScheme.isEmpty()) {
      throw new IllegalArgumentException(
          "corruptionScheme must name at least one of "
              + EnumSet.allOf(CorruptionTarget.class)
              + ", got []");
    }
    if (corruptionScheme.contains(CorruptionTarget.RELATION) && training.numRelations() < 2) {
      throw new IllegalArgumentException(
          "corrupting relations needs numRelations >= 2, got " + training.numRelations());
    }
    this.columns =
        EnumSet.copyOf(corruptionScheme).stream().mapToInt(CorruptionTarget::column).toArray();
  }

  @Override
  void corruptAll(int[] negatives, int numNegatives, SplittableRandom random) {
    int block = (numNegatives + columns.length - 1) / columns.length;
    for (int j = 0; j < numNegatives; j++) {
      corrupt(negatives, j, columns[j / block], random);
    }
  }
}
