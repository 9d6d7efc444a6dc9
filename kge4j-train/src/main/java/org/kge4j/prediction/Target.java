package org.kge4j.prediction;

/** The position of a triple that a prediction ranks candidates for. */
public enum Target implements LowerCaseLabel {
  /** Rank entities as the head of {@code (?, r, t)}. */
  HEAD,
  /** Rank relations of {@code (h, ?, t)}. */
  RELATION,
  /** Rank entities as the tail of {@code (h, r, ?)}. */
  TAIL;
}
