package org.kge4j.training;

import java.util.Locale;

/** The training loop: PyKEEN's sLCWA (negative sampling) or LCWA (1-N scoring). */
public enum LoopKind {
  /** Stochastic local closed world assumption: each positive against sampled negatives. */
  SLCWA,
  /** Local closed world assumption: each (h, r) against all tails and (r, t) against all heads. */
  LCWA;

  /**
   * Resolves {@code slcwa} or {@code lcwa}, ignoring case.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static LoopKind of(String name) {
    String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
    switch (key) {
      case "slcwa":
        return SLCWA;
      case "lcwa":
        return LCWA;
      default:
        throw new IllegalArgumentException("training loop must be slcwa or lcwa, got " + name);
    }
  }

  /** The lower-case name, as the CLI spells it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
