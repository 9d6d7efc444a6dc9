package org.kge4j.hpo.study;

/**
 * The function a study optimises: it asks its {@link Trial} for parameter values (define-by-run:
 * only what it needs, so a search space may be conditional), optionally reports intermediate values
 * and checks {@link Trial#shouldPrune()}, and returns the value to minimise or maximise.
 *
 * <p>A finite return value completes the trial; {@link TrialPrunedException} prunes it; any other
 * exception, an {@link OutOfMemoryError}, or a non-finite value fails it with a message and the
 * study goes on.
 */
@FunctionalInterface
public interface Objective {
  /** Evaluates one configuration. */
  double evaluate(Trial trial) throws Exception;
}
