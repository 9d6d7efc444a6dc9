package org.kge4j.sampling;

import java.util.SplittableRandom;
import org.kge4j.data.TriplesFactory;

/**
 * PyKEEN's {@code BernoulliNegativeSampler} (Wang et al., 2014, TransH): each negative corrupts the
 * head with a relation-specific probability and the tail otherwise,
 *
 * <pre>
 *   p_head(r) = tph(r) / (tph(r) + hpt(r))
 * </pre>
 *
 * where {@code tph(r)} is the mean number of tails per distinct {@code (h, r)} pair and {@code
 * hpt(r)} the mean number of heads per distinct {@code (r, t)} pair of the training triples
 * (duplicates counted, as PyKEEN does). For a 1-to-N relation many tails share a head, so heads are
 * corrupted more often, which makes false negatives less likely. Relations without training triples
 * use {@code p_head = 0.5}. The replacement is a uniformly drawn different entity; filtering works
 * as in {@link BasicNegativeSampler}.
 */
public final class BernoulliNegativeSampler extends CorruptingSampler {

  private final double[] corruptHeadProbability;

  /**
   * Computes the per-relation probabilities from the training triples.
   *
   * @param training the training triples: the id space, the statistics, and the known triples when
   *     filtering
   * @param numNegsPerPos negatives per positive, {@code >= 1}
   * @param filtered whether {@link #sample} fills the keep-mask against the training triples
   * @throws IllegalArgumentException if {@code numNegsPerPos < 1} or there are fewer than two
   *     entities
   */
  public BernoulliNegativeSampler(TriplesFactory training, int numNegsPerPos, boolean filtered) {
    super(training, numNegsPerPos, filtered);
    this.corruptHeadProbability = corruptHeadProbabilities(training);
  }

  private static double[] corruptHeadProbabilities(TriplesFactory training) {
    int numRelations = training.numRelations();
    long numEntities = training.numEntities();
    int n = training.numTriples();
    long[] headRelation = new long[n];
    long[] relationTail = new long[n];
    for (int i = 0; i < n; i++) {
      headRelation[i] = (long) training.relation(i) * numEntities + training.head(i);
      relationTail[i] = (long) training.relation(i) * numEntities + training.tail(i);
    }
    double[] tph = meanGroupSize(headRelation, numEntities, numRelations);
    double[] hpt = meanGroupSize(relationTail, numEntities, numRelations);
    double[] p = new double[numRelations];
    for (int r = 0; r < numRelations; r++) {
      p[r] = tph[r] + hpt[r] > 0 ? tph[r] / (tph[r] + hpt[r]) : 0.5;
    }
    return p;
  }

  /** Per relation {@code r = key / numEntities}: triples per distinct key, averaged. */
  private static double[] meanGroupSize(long[] keys, long numEntities, int numRelations) {
    java.util.Arrays.sort(keys);
    long[] triples = new long[numRelations];
    long[] groups = new long[numRelations];
    for (int i = 0; i < keys.length; i++) {
      int r = (int) (keys[i] / numEntities);
      triples[r]++;
      if (i == 0 || keys[i] != keys[i - 1]) {
        groups[r]++;
      }
    }
    double[] mean = new double[numRelations];
    for (int r = 0; r < numRelations; r++) {
      mean[r] = groups[r] == 0 ? 0 : triples[r] / (double) groups[r];
    }
    return mean;
  }

  /**
   * The probability that a negative of {@code relation} corrupts the head.
   *
   * @throws IllegalArgumentException if {@code relation} is not in {@code [0, numRelations)}
   */
  public double corruptHeadProbability(int relation) {
    if (relation < 0 || relation >= corruptHeadProbability.length) {
      throw new IllegalArgumentException(
          "relation must be in [0, " + corruptHeadProbability.length + "), got " + relation);
    }
    return corruptHeadProbability[relation];
  }

  @Override
  void corruptAll(int[] negatives, int numNegatives, SplittableRandom random) {
    for (int j = 0; j < numNegatives; j++) {
      boolean head = random.nextDouble() < corruptHeadProbability[negatives[3 * j + 1]];
      corrupt(negatives, j, head ? 0 : 2, random);
    }
  }
}
