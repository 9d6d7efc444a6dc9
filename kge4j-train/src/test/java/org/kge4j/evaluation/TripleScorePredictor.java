package org.kge4j.evaluation;

/**
 * A {@link LinkPredictor} for tests whose scores are a formula of the triple: {@code out[e] =
 * score.of(head, relation, e)} for tails and {@code score.of(e, relation, tail)} for heads, one by
 * one.
 *
 * @param numEntities the entities scored per query
 * @param score the score of one triple
 */
record TripleScorePredictor(int numEntities, TripleScore score) implements LinkPredictor {

  /** The score of one triple {@code (h, r, t)}. */
  @FunctionalInterface
  interface TripleScore {
    float of(int h, int r, int t);
  }

  @Override
  public void scoreTails(int head, int relation, float[] out) {
    for (int e = 0; e < numEntities; e++) {
      out[e] = score.of(head, relation, e);
    }
  }

  @Override
  public void scoreHeads(int relation, int tail, float[] out) {
    for (int e = 0; e < numEntities; e++) {
      out[e] = score.of(e, relation, tail);
    }
  }
}
