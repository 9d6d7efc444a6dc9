package org.kge4j.hpo.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020), exactly as Optuna's {@code
 * SuccessiveHalvingPruner}: rung {@code k} ends at step {@code r·η^(s + k)} ({@code r} the minimum
 * resource, {@code η} the reduction factor, default 4, {@code s} the minimum early-stopping rate,
 * default 0). A trial whose last reported step {@code t} reaches the end of its current rung
 * records its value there as the system attribute {@code completed_rung_k} and is promoted to rung
 * {@code k + 1} iff it is among the top {@code ⌊m/η⌋} of the {@code m} values recorded at rung
 * {@code k} by all trials of the study (itself included; among the top 1 while {@code m < η}, since
 * trials are never paused and resumed); otherwise it is pruned. A NaN value at a rung end prunes;
 * with {@code bootstrapCount} {@code b > 0} a trial is pruned while {@code m <= b}. A trial may
 * pass several rungs in one call when its steps jump.
 *
 * <p>Differences from Optuna: the minimum resource must be given (Optuna can estimate it from the
 * first complete trial).
 */
public final class SuccessiveHalvingPruner implements Pruner {
  static final String RUNG_KEY_PREFIX = "completed_rung_";

  private final int minResource;
  private final int reductionFactor;
  private final int minEarlyStoppingRate;
  private final int bootstrapCount;

  /** Successive halving with reduction factor 4 from {@code minResource} steps. */
  public SuccessiveHalvingPruner(int minResource) {
    this(minResource, 4, 0, 0);
  }

  /** Successive halving; see the class description for each argument. */
  public SuccessiveHalvingPruner(
      int minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount) {
    this.minResource = Preconditions.atLeast("min_resource", minResource, 1);
    this.reductionFactor = Preconditions.atLeast("reduction_factor", reductionFactor, 2);
    this.minEarlyStoppingRate =
        Preconditions.atLeast("min_early_stopping_rate", minEarlyStoppingRate, 0);
    this.bootstrapCount = Preconditions.atLeast("bootstrap_count", bootstrapCount, 0);
  }

  /** The step at which rung {@code rung} ends: {@code r·η^(s + rung)}. */
  public double rungEnd(int rung) {
    return minResource * Math.pow(reductionFactor, minEarlyStoppingRate + rung);
  }

  @Override
  public boolean prune(StudyView study, FrozenTrial trial) {
    OptionalInt last = trial.lastStep();
    if (last.isEmpty()) {
      return false;
    }
    int step = last.getAsInt();
    double value = trial.intermediateValues().get(step);
    int rung = 0;
    while (trial.systemAttributes().containsKey(RUNG_KEY_PREFIX + rung)) {
      rung++;
    }
    List<FrozenTrial> trials = null;
    while (true) {
      if (step < rungEnd(rung)) {
        return false;
      }
      if (Double.isNaN(value)) {
        return true;
      }
      if (trials == null) {
        trials = study.trials();
      }
      String key = RUNG_KEY_PREFIX + rung;
      study.setTrialSystemAttribute(trial.number(), key, Double.toString(value));
      List<Double> competing = new ArrayList<>();
      for (FrozenTrial t : trials) {
        String recorded = t.systemAttributes().get(key);
        if (recorded != null && t.number() != trial.number()) {
          competing.add(Double.parseDouble(recorded));
        }
      }
      competing.add(value);
      if (competing.size() <= bootstrapCount) {
        return true;
      }
      if (!promotable(value, competing, reductionFactor, study.direction())) {
        return true;
      }
      rung++;
    }
  }

  /**
   * Whether {@code value} is among the top {@code max(1, ⌊m/η⌋)} of the {@code m} competing values
   * (ties promote).
   */
  static boolean promotable(
      double value, List<Double> competing, int reductionFactor, StudyDirection direction) {
    List<Double> sorted = new ArrayList<>(competing);
    Collections.sort(sorted);
    int index = Math.max(0, sorted.size() / reductionFactor - 1);
    return direction == StudyDirection.MAXIMIZE
        ? value >= sorted.get(sorted.size() - 1 - index)
        : value <= sorted.get(index);
  }

  @Override
  public String toString() {
    return "SuccessiveHalvingPruner(min_resource="
        + minResource
        + ", reduction_factor="
        + reductionFactor
        + ", min_early_stopping_rate="
        + minEarlyStoppingRate
        + ", bootstrap_count="
        + bootstrapCount
        + ")";
  }
}
