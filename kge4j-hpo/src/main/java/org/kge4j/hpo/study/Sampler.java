package org.kge4j.hpo.study;

import java.util.Map;
import java.util.OptionalInt;
import org.kge4j.hpo.HpoParameter;

/**
 * A strategy that chooses parameter values, as Optuna's {@code BaseSampler}. A trial asks it in two
 * ways:
 *
 * <ol>
 *   <li><em>relative</em> (joint) sampling, once per trial before its first suggestion: {@link
 *       #inferRelativeSearchSpace} names the parameters to draw together, {@link #sampleRelative}
 *       draws them; a parameter the objective then asks for with exactly that definition gets the
 *       jointly drawn value;
 *   <li><em>independent</em> sampling, {@link #sampleIndependent}, for every other parameter (the
 *       search space is define-by-run: a trial only holds the parameters its objective asked for,
 *       so samplers must cope with parameters missing from some trials).
 * </ol>
 *
 * <p>Implementations must be reproducible from their seed and safe to call from several threads;
 * the samplers of this package draw from a random stream keyed by (seed, trial number, purpose), so
 * a trial's values do not depend on how trials interleave across workers.
 */
public interface Sampler {
  /** The parameters to sample jointly for this trial; empty (the default) for none. */
  default Map<String, HpoParameter> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
    return Map.of();
  }

  /**
   * Jointly drawn values for (a subset of) {@code searchSpace}; empty (the default) leaves every
   * parameter to {@link #sampleIndependent}.
   */
  default Map<String, Object> sampleRelative(
      StudyView study, FrozenTrial trial, Map<String, HpoParameter> searchSpace) {
    return Map.of();
  }

  /**
   * A value for one parameter: a {@code Double} for a float, an {@code Integer} for an int, one of
   * the choices for a categorical parameter. {@code trial} holds the parameters suggested so far.
   */
  Object sampleIndependent(StudyView study, FrozenTrial trial, HpoParameter parameter);

  /**
   * The number of trials this sampler can serve, if bounded: a study creates no trial numbered at
   * or above it (a grid has one trial per point). Empty (the default) for unbounded samplers.
   */
  default OptionalInt trialLimit() {
    return OptionalInt.empty();
  }
}
