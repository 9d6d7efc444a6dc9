package org.kge4j.sampling;

/**
 * A column of a triple that a negative sampler may replace (PyKEEN's {@code corruption_scheme}).
 */
public enum CorruptionTarget {
  /** Replace the head entity. */
  HEAD,
  /** Replace the relation. */
  RELATION,
  /** Replace the tail entity. */
  TAIL;

  /** The column of this target in a row-major {@code h, r, t} triple. */
  int column() {
    return ordinal();
  }
}
