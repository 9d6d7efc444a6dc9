package org.kge4j.evaluation;

/**
 * What an evaluator needs from a model: the scores of every entity as the tail of {@code (h, r, ?)}
 * or the head of {@code (?, r, t)}. Higher scores mean more plausible triples (PyKEEN's
 * convention). Implementations must be safe to call from several threads at once.
 */
public interface LinkPredictor {

  /** Number of entities, i.e. the number of scores each call writes. */
  int numEntities();

  /**
   * Writes {@code score(head, relation, e)} into {@code out[e]} for every entity {@code e}.
   *
   * @param out length {@code >= numEntities()}
   */
  void scoreTails(int head, int relation, float[] out);

  /**
   * Writes {@code score(e, relation, tail)} into {@code out[e]} for every entity {@code e}.
   *
   * @param out length {@code >= numEntities()}
   */
  void scoreHeads(int relation, int tail, float[] out);
}
