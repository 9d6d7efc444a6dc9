package org.kge4j.sampling;

import java.util.SplittableRandom;
import org.kge4j.data.TriplesFactory;

/**
 * Uniform negatives shared by a chunk of positives (the "chunked" negatives of PyTorch-BigGraph,
 * Lerer et al., 2019): the batch's positives are cut into chunks of at most {@link #CHUNK}, and
 * every positive of a chunk is corrupted with the same {@code K = numNegsPerPos} entities, drawn
 * uniformly with replacement from all entities.
 *
 * <pre>
 *   positives [0, ⌈B/2⌉) corrupt heads, [⌈B/2⌉, B) tails   (PyKEEN's block split, whole positives)
 *   chunk c of a side:  negative j of every positive i in c = (e_{c,j}, r_i, t_i) or (h_i, r_i, e_{c,j})
 *   keep(i, j) = e_{c,j} ≠ the entity it replaces  ∧  (¬filtered ∨ the negative is no training triple)
 * </pre>
 *
 * <p>Why: a chunk's negatives are {@code K} rows instead of {@code |c|·K}, so the sLCWA step scores
 * a chunk as one matrix product ({@code |c| × width} queries against {@code width × K} rows) with
 * rows gathered once, instead of {@code |c|·K} random row reads. The price is correlation: the
 * positives of a chunk meet the same negatives. This is not one of PyKEEN's samplers; {@code basic}
 * stays the default.
 *
 * <p>A shared draw can equal the entity a positive would lose, which would make the "negative" the
 * positive itself; PyKEEN's samplers redraw there, a shared draw cannot, so the keep-mask drops
 * that one pair instead. The mask is therefore always filled ({@link #filtered()} is {@code true}),
 * and the loss averages over the kept negatives, as with filtering.
 */
public final class SharedNegativeSampler extends CorruptingSampler {

  /** Positives per chunk: one panel of the block kernel's register tiles. */
  public static final int CHUNK = 64;

  /**
   * A sampler of shared negatives.
   *
   * @param training the training triples: the id space, and the known triples when filtering
   * @param numNegsPerPos negatives per positive (per chunk), {@code >= 1}
   * @param filtered whether the keep-mask also drops negatives that are training triples
   */
  public SharedNegativeSampler(TriplesFactory training, int numNegsPerPos, boolean filtered) {
    super(training, numNegsPerPos, filtered);
  }

  /** Always {@code true}: the keep-mask drops a shared draw equal to the positive's own entity. */
  @Override
  public boolean filtered() {
    return true;
  }

  /** The number of positives of a batch of {@code batchSize} that corrupt heads: {@code ⌈B/2⌉}. */
  public static int numHeadPositives(int batchSize) {
    return (batchSize + 1) / 2;
  }

  /** The number of chunks of a batch of {@code batchSize} positives. */
  public static int numChunks(int batchSize) {
    return numHeadChunks(batchSize) + ceilDiv(batchSize - numHeadPositives(batchSize));
  }

  /** The first positive of chunk {@code c}. */
  public static int chunkStart(int c, int batchSize) {
    int headChunks = numHeadChunks(batchSize);
    return c < headChunks ? c * CHUNK : numHeadPositives(batchSize) + (c - headChunks) * CHUNK;
  }

  /** One past the last positive of chunk {@code c}. */
  public static int chunkEnd(int c, int batchSize) {
    int heads = numHeadPositives(batchSize);
    int headChunks = numHeadChunks(batchSize);
    return c < headChunks
        ? Math.min(heads, (c + 1) * CHUNK)
        : Math.min(batchSize, heads + (c - headChunks + 1) * CHUNK);
  }

  /** Whether chunk {@code c} corrupts heads (else tails). */
  public static boolean corruptsHeads(int c, int batchSize) {
    return c < numHeadChunks(batchSize);
  }

  private static int numHeadChunks(int batchSize) {
    return ceilDiv(numHeadPositives(batchSize));
  }

  private static int ceilDiv(int positives) {
    return (positives + CHUNK - 1) / CHUNK;
  }

  @Override
  void corruptAll(int[] negatives, int numNegatives, SplittableRandom random) {
    int batchSize = numNegatives / numNegsPerPos;
    for (int c = 0; c < numChunks(batchSize); c++) {
      int column = corruptsHeads(c, batchSize) ? 0 : 2;
      int first = chunkStart(c, batchSize);
      int end = chunkEnd(c, batchSize);
      for (int j = 0; j < numNegsPerPos; j++) {
        int entity = random.nextInt(numEntities);
        for (int i = first; i < end; i++) {
          negatives[3 * (i * numNegsPerPos + j) + column] = entity;
        }
      }
    }
  }

  @Override
  void filter(int[] positives, int[] negatives, int numNegatives, boolean[] keepOut) {
    for (int j = 0; j < numNegatives; j++) {
      int i = j / numNegsPerPos;
      int h = negatives[3 * j];
      int r = negatives[3 * j + 1];
      int t = negatives[3 * j + 2];
      boolean self = h == positives[3 * i] && t == positives[3 * i + 2];
      keepOut[j] = !self && (known == null || !known.contains(h, r, t));
    }
  }
}
