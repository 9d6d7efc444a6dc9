package org.kge4j.hpo.study;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Hyperband (Li et al. 2018) as Optuna's {@code HyperbandPruner}: several brackets of {@link
 * SuccessiveHalvingPruner}s that trade the number of trials against their early-stopping rate.
 *
 * <p>With minimum resource {@code r}, maximum resource {@code R} and reduction factor {@code η}
 * (default 4) there are {@code B = ⌊log_η(R/r)⌋ + 1} brackets; bracket {@code b} is successive
 * halving with minimum early-stopping rate {@code b} (its first rung ends at {@code r·η^b}) and
 * receives a share of trials proportional to its budget {@code ⌈B·η^s/(s + 1)⌉}, {@code s = B − 1 −
 * b}. Trial {@code n} of study {@code S} belongs to the bracket where {@code CRC32(UTF-8("S_n"))
 * mod Σ budgets} falls when the budgets are laid end to end, so every worker assigns it alike. Both
 * the pruner and the sampler (through {@link #samplingView}) see only the trials of the same
 * bracket.
 *
 * <p>Differences from Optuna: the maximum resource must be given (Optuna can take the last step of
 * the first complete trial), and {@code B} is computed in exact integer arithmetic ({@code
 * r·η^(B−1) <= R}) rather than with a floating-point logarithm.
 */
public final class HyperbandPruner implements Pruner {
  private final int minResource;
  private final int maxResource;
  private final int reductionFactor;
  private final int[] budgets;
  private final int totalBudget;
  private final SuccessiveHalvingPruner[] brackets;

  /** Hyperband with reduction factor 4. */
  public HyperbandPruner(int minResource, int maxResource) {
    this(minResource, maxResource, 4, 0);
  }

  /** Hyperband; see the class description for each argument. */
  public HyperbandPruner(
      int minResource, int maxResource, int reductionFactor, int bootstrapCount) {
    Preconditions.atLeast("min_resource", minResource, 1);
    if (maxResource < minResource) {
      throw new IllegalArgumentException(
          "max_resource must be >= min_resource " + minResource + ", got " + maxResource);
    }
    Preconditions.atLeast("reduction_factor", reductionFactor, 2);
    this.minResource = minResource;
    this.maxResource = maxResource;
    this.reductionFactor = reductionFactor;
    int n = 1;
    for (long r = (long) minResource * reductionFactor; r <= maxResource; r *= reductionFactor) {
      n++;
    }
    this.budgets = new int[n];
    this.brackets = new SuccessiveHalvingPruner[n];
    int total = 0;
    for (int b = 0; b < n; b++) {
      int s = n - 1 - b;
      long numerator = n * (long) Math.pow(reductionFactor, s);
      budgets[b] = (int) ((numerator + s) / (s + 1));
      total += budgets[b];
      brackets[b] = new SuccessiveHalvingPruner(minResource, reductionFactor, b, bootstrapCount);
    }
    this.totalBudget = total;
  }

  /** The number of brackets. */
  public int numBrackets() {
    return budgets.length;
  }

  /** The trial-allocation budget of each bracket. */
  public int[] budgets() {
    return budgets.clone();
  }

  /** The bracket of trial {@code number} in study {@code studyName}. */
  public int bracket(String studyName, int number) {
    CRC32 crc = new CRC32();
    crc.update((studyName + "_" + number).getBytes(StandardCharsets.UTF_8));
    long n = crc.getValue() % totalBudget;
    for (int b = 0; b < budgets.length; b++) {
      n -= budgets[b];
      if (n < 0) {
        return b;
      }
    }
    throw new IllegalStateException("unreachable: the budgets sum to " + totalBudget);
  }

  @Override
  public boolean prune(StudyView study, FrozenTrial trial) {
    int b = bracket(study.name(), trial.number());
    return brackets[b].prune(new BracketView(study, b), trial);
  }

  @Override
  public StudyView samplingView(StudyView study, FrozenTrial trial) {
    return new BracketView(study, bracket(study.name(), trial.number()));
  }

  /** The trials of one bracket. */
  private final class BracketView implements StudyView {
    private final StudyView study;
    private final int bracket;

    BracketView(StudyView study, int bracket) {
      this.study = study;
      this.bracket = bracket;
    }

    @Override
    public String name() {
      return study.name();
    }

    @Override
    public StudyDirection direction() {
      return study.direction();
    }

    @Override
    public List<FrozenTrial> trials() {
      List<FrozenTrial> mine = new ArrayList<>();
      for (FrozenTrial t : study.trials()) {
        if (bracket(study.name(), t.number()) == bracket) {
          mine.add(t);
        }
      }
      return mine;
    }

    @Override
    public void setTrialSystemAttribute(int number, String key, String value) {
      study.setTrialSystemAttribute(number, key, value);
    }
  }

  @Override
  public String toString() {
    return "HyperbandPruner(min_resource="
        + minResource
        + ", max_resource="
        + maxResource
        + ", reduction_factor="
        + reductionFactor
        + ", brackets="
        + budgets.length
        + ")";
  }
}
