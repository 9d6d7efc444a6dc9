package org.kge4j.hpo.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * Prunes a trial whose best intermediate value so far is worse than the median of the complete
 * trials' values at the same step: Optuna's {@code MedianPruner} ({@code PercentilePruner} at 50),
 * PyKEEN's default pruner.
 *
 * <p>At the trial's last reported step {@code t}, nothing is pruned while fewer than {@code
 * nStartupTrials} (5) trials are complete, while {@code t < nWarmupSteps} (0), or unless {@code t}
 * is the first reported step of its interval: with {@code t* = nWarmupSteps + ⌊(t −
 * nWarmupSteps)/intervalSteps⌋·intervalSteps} (interval 1), the trial's previous step must lie
 * below {@code t*}. Otherwise, with {@code b} the trial's best value over all its steps (max when
 * maximising, NaN values ignored; all NaN prunes) and {@code m} the median (linear interpolation,
 * NaN ignored) of the values that complete trials reported at step {@code t} (at least {@code
 * nMinTrials} (1) of them, else no pruning): prune iff {@code b < m} when maximising, {@code b > m}
 * when minimising.
 */
public final class MedianPruner implements Pruner {
  private final int nStartupTrials;
  private final int nWarmupSteps;
  private final int intervalSteps;
  private final int nMinTrials;

  /** Optuna's defaults: 5 start-up trials, no warm-up, every step, one trial at the step. */
  public MedianPruner() {
    this(5, 0, 1, 1);
  }

  /** A median pruner; see the class description for each argument. */
  public MedianPruner(int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
    this.nStartupTrials = Preconditions.atLeast("n_startup_trials", nStartupTrials, 0);
    this.nWarmupSteps = Preconditions.atLeast("n_warmup_steps", nWarmupSteps, 0);
    this.intervalSteps = Preconditions.atLeast("interval_steps", intervalSteps, 1);
    this.nMinTrials = Preconditions.atLeast("n_min_trials", nMinTrials, 1);
  }

  @Override
  public boolean prune(StudyView study, FrozenTrial trial) {
    List<FrozenTrial> complete =
        study.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
    if (complete.isEmpty() || complete.size() < nStartupTrials) {
      return false;
    }
    OptionalInt last = trial.lastStep();
    if (last.isEmpty() || last.getAsInt() < nWarmupSteps) {
      return false;
    }
    int step = last.getAsInt();
    int nearestLowerPruningStep =
        (step - nWarmupSteps) / intervalSteps * intervalSteps + nWarmupSteps;
    int previousStep =
        trial.intermediateValues().headMap(step, false).keySet().stream()
            .mapToInt(Integer::intValue)
            .max()
            .orElse(-1);
    if (previousStep >= nearestLowerPruningStep) {
      return false;
    }
    boolean maximize = study.direction() == StudyDirection.MAXIMIZE;
    double best = Double.NaN;
    for (double v : trial.intermediateValues().values()) {
      if (!Double.isNaN(v) && (Double.isNaN(best) || (maximize ? v > best : v < best))) {
        best = v;
      }
    }
    if (Double.isNaN(best)) {
      return true;
    }
    List<Double> atStep = new ArrayList<>();
    for (FrozenTrial t : complete) {
      Double v = t.intermediateValues().get(step);
      if (v != null) {
        atStep.add(v);
      }
    }
    if (atStep.size() < nMinTrials) {
      return false;
    }
    double median = nanMedian(atStep);
    if (Double.isNaN(median)) {
      return false;
    }
    return maximize ? best < median : best > median;
  }

  /** NumPy's {@code nanpercentile(values, 50)}: linear interpolation, NaN ignored. */
  static double nanMedian(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.removeIf(v -> Double.isNaN(v));
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    double position = 0.5 * (sorted.size() - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
  }

  @Override
  public String toString() {
    return "MedianPruner(n_startup_trials="
        + nStartupTrials
        + ", n_warmup_steps="
        + nWarmupSteps
        + ", interval_steps="
        + intervalSteps
        + ", n_min_trials="
        + nMinTrials
        + ")";
  }
}
