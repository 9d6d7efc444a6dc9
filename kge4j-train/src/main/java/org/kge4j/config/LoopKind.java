package org.kge4j.config;

import java.util.List;

/**
 * The training loop component ({@code training_loop} of the pipeline JSON): PyKEEN's sLCWA
 * (negative sampling) or LCWA (1-N scoring). It takes no keyword arguments ({@code
 * training_loop_kwargs} must be empty) and has an empty search space.
 */
public enum LoopKind {
  /** Stochastic local closed world assumption: each positive against sampled negatives. */
  SLCWA("sLCWA"),
  /** Local closed world assumption: each (h, r) against all tails and (r, t) against all heads. */
  LCWA("LCWA");

  /** The names {@link #of} resolves, as PyKEEN spells them. */
  public static final List<String> NAMES = List.of("sLCWA", "LCWA");

  private final String pykeenName;

  LoopKind(String pykeenName) {
    this.pykeenName = pykeenName;
  }

  /**
   * Resolves a loop as PyKEEN's {@code training_loop_resolver}: case, punctuation and a trailing
   * {@code TrainingLoop} are ignored ({@code "sLCWA"}, {@code "slcwa"}, {@code
   * "SLCWATrainingLoop"}).
   *
   * @throws ConfigurationException (key {@code training_loop}) for any other name
   */
  public static LoopKind of(String name) {
    return Names.resolve("training_loop", name, NAMES, "trainingloop").equals("sLCWA")
        ? SLCWA
        : LCWA;
  }

  /** PyKEEN's name, {@code sLCWA} or {@code LCWA}, as the pipeline JSON writes it. */
  public String pykeenName() {
    return pykeenName;
  }

  /** The lower-case name, as the CLI's {@code --loop} spells it. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
