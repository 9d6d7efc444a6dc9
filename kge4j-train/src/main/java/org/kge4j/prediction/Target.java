package org.kge4j.prediction;

/** The position of a triple that a prediction ranks candidates for. */
public enum Target {
  /** Rank entities as the head of {@code (?, r, t)}. */
  HEAD("head"),
  /** Rank relations of {@code (h, ?, t)}. */
  RELATION("relation"),
  /** Rank entities as the tail of {@code (h, r, ?)}. */
  TAIL("tail");

  private final String label;

  Target(String label) {
    this.label = label;
  }

  /** The position's name in JSON and tables: {@code head}, {@code relation}, {@code tail}. */
  public String label() {
    return label;
  }
}
