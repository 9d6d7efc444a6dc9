package org.kge4j.hpo.pipeline;

/**
 * A trial's sampled keyword arguments do not make a valid configuration (e.g. a grid point with
 * {@code negative_margin > positive_margin}): the {@link KgeObjective} throws it before training,
 * and the study records the trial as failed with this message.
 */
public final class InvalidSampleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The sample's problem, as the configuration reported it. */
  public InvalidSampleException(String problem, Throwable cause) {
    super("invalid sample, not trained: " + problem, cause);
  }
}
