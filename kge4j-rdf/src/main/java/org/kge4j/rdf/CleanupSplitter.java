package org.kge4j.rdf;

import java.util.Objects;
import java.util.SplittableRandom;
import org.kge4j.data.TriplesFactory;

/**
 * Splits one graph into training, validation and testing triples so that every entity and relation
 * of validation and testing occurs in training: PyKEEN's {@code split(method="cleanup")} with its
 * default {@code DeterministicCleaner}.
 *
 * <ol>
 *   <li>The triples are shuffled by a seeded permutation ({@link SplittableRandom}, Fisher–Yates;
 *       PyKEEN uses {@code torch.randperm}, so the same seed picks other triples than PyKEEN) and
 *       cut at {@link SplitRatios#sizes(int)}.
 *   <li>Validation is cleaned against training: every validation triple whose head, tail (as an
 *       entity in either column of training) or relation does not occur in training moves to
 *       training; the test is made against training as it was before these moves, as PyKEEN's mask
 *       is.
 *   <li>Testing is cleaned the same way against the grown training.
 * </ol>
 *
 * The guarantee holds after one pass: a triple that stays has all its ids in training already, and
 * moving triples only adds ids to training. Each part keeps the input's triple order (sorted for
 * factories read from files), so a split depends only on the set of triples and the seed.
 */
public final class CleanupSplitter {

  private CleanupSplitter() {}

  /**
   * Splits {@code triples}.
   *
   * @param triples the whole graph; the parts share its id space
   * @param ratios the fractions of training, validation and testing
   * @param seed the seed of the permutation: the same seed gives the same split
   * @return the parts and the number of triples moved into training
   * @throws IllegalArgumentException if validation or testing is empty after the cleanup (too few
   *     triples for the ratios, or every candidate had to move into training)
   */
  public static TripleSplit split(TriplesFactory triples, SplitRatios ratios, long seed) {
    Objects.requireNonNull(triples, "triples");
    Objects.requireNonNull(ratios, "ratios");
    int n = triples.numTriples();
    int[] sizes = ratios.sizes(n);

    // part[i]: 0 training, 1 validation, 2 testing, by the position of triple i in the permutation.
    int[] permutation = new int[n];
    for (int i = 0; i < n; i++) {
      permutation[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = permutation[i];
      permutation[i] = permutation[j];
      permutation[j] = swap;
    }
    byte[] part = new byte[n];
    for (int position = sizes[0]; position < n; position++) {
      part[permutation[position]] = (byte) (position < sizes[0] + sizes[1] ? 1 : 2);
    }

    boolean[] entityInTraining = new boolean[triples.numEntities()];
    boolean[] relationInTraining = new boolean[triples.numRelations()];
    for (int i = 0; i < n; i++) {
      if (part[i] == 0) {
        addToTraining(triples, i, entityInTraining, relationInTraining);
      }
    }
    int moved = 0;
    int[] counts = {sizes[0], sizes[1], sizes[2]};
    for (byte other = 1; other <= 2; other++) {
      // Decide every move against training as it is now, then apply them (PyKEEN's mask).
      boolean[] move = new boolean[n];
      for (int i = 0; i < n; i++) {
        move[i] =
            part[i] == other
                && !(entityInTraining[triples.head(i)]
                    && relationInTraining[triples.relation(i)]
                    && entityInTraining[triples.tail(i)]);
      }
      for (int i = 0; i < n; i++) {
        if (move[i]) {
          part[i] = 0;
          addToTraining(triples, i, entityInTraining, relationInTraining);
          counts[other]--;
          counts[0]++;
          moved++;
        }
      }
    }
    String[] names = {"training", "validation", "testing"};
    for (int p = 1; p <= 2; p++) {
      if (counts[p] == 0) {
        throw new IllegalArgumentException(
            "cannot split "
                + n
                + " triples with ratios "
                + ratios
                + ": the "
                + names[p]
                + " part is empty ("
                + sizes[p]
                + " drawn, "
                + (sizes[p] - counts[p])
                + " moved into training because their entities or relations occur nowhere else);"
                + " the graph needs more triples, or larger validation/testing ratios");
      }
    }

    int[][] parts = {new int[3 * counts[0]], new int[3 * counts[1]], new int[3 * counts[2]]};
    int[] filled = new int[3];
    for (int i = 0; i < n; i++) {
      int[] target = parts[part[i]];
      int at = 3 * filled[part[i]]++;
      target[at] = triples.head(i);
      target[at + 1] = triples.relation(i);
      target[at + 2] = triples.tail(i);
    }
    return new TripleSplit(
        triples.cloneAndExchangeTriples(parts[0]),
        triples.cloneAndExchangeTriples(parts[1]),
        triples.cloneAndExchangeTriples(parts[2]),
        moved);
  }

  private static void addToTraining(
      TriplesFactory triples, int i, boolean[] entityInTraining, boolean[] relationInTraining) {
    entityInTraining[triples.head(i)] = true;
    relationInTraining[triples.relation(i)] = true;
    entityInTraining[triples.tail(i)] = true;
  }
}
