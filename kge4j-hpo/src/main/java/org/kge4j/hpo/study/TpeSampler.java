package org.kge4j.hpo.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.kge4j.hpo.HpoParameter;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011), exactly as Optuna's {@code
 * TPESampler} with its defaults and {@code multivariate=True, constant_liar=True}.
 *
 * <p>For a trial of a study with {@code n} finished (complete or pruned) trials:
 *
 * <ol>
 *   <li>While {@code n < n_startup_trials} (10), every parameter is drawn by {@link RandomSampler}.
 *   <li>The <em>relative</em> search space is the intersection of the parameters (with equal
 *       definitions) of all finished trials, less single-valued ones; it is sampled jointly.
 *       Parameters outside it (conditional ones) are sampled alone by the same procedure with the
 *       trials that hold them.
 *   <li>The observations are the complete and pruned trials and, with the constant liar, the other
 *       running trials (never the trial itself). The best {@code γ(n) = min(⌈0.1 n⌉, 25)} form the
 *       "below" set: complete trials by value first (best first), then pruned trials ordered by the
 *       deepest step reached and, at equal steps, their value there (a trial without intermediate
 *       values last). All others, and every running trial (they count as worst), form "above". Both
 *       sets keep trial order.
 *   <li>Each set gives a {@link ParzenEstimator} {@code l(x)} (below) and {@code g(x)} (above) with
 *       observation weights {@code weights(m)}: 1 for {@code m < 25}, else a ramp {@code
 *       linspace(1/m, 1, m − 25)} over the oldest trials followed by 25 ones; prior weight 1, magic
 *       clip on, endpoints not considered.
 *   <li>{@code n_ei_candidates} (24) points are drawn from {@code l}; the one maximising {@code log
 *       l(x) − log g(x)} (the first in case of ties) is the suggestion.
 * </ol>
 *
 * <p>Differences from Optuna: random draws come from streams keyed by (seed, trial number), so
 * results do not depend on worker interleaving (Optuna uses one generator per sampler, so two
 * workers with the same seed suggest the same values); a running trial's jointly drawn values are
 * visible to other workers once its objective has asked for them, not at the moment they are drawn
 * (Optuna also publishes them in a system attribute); observations whose value lies outside the
 * current parameter definition are skipped. The random numbers differ from NumPy's, so suggestions
 * match Optuna's in distribution, not digit by digit.
 */
public final class TpeSampler implements Sampler {
  private final long seed;
  private final int nStartupTrials;
  private final int nEiCandidates;
  private final IntUnaryOperator gamma;
  private final IntFunction<double[]> weights;
  private final double priorWeight;
  private final boolean considerMagicClip;
  private final boolean considerEndpoints;
  private final boolean multivariate;
  private final boolean constantLiar;
  private final RandomSampler random;

  private TpeSampler(Builder b) {
    this.seed = b.seed;
    this.nStartupTrials = b.nStartupTrials;
    this.nEiCandidates = b.nEiCandidates;
    this.gamma = b.gamma;
    this.weights = b.weights;
    this.priorWeight = b.priorWeight;
    this.considerMagicClip = b.considerMagicClip;
    this.considerEndpoints = b.considerEndpoints;
    this.multivariate = b.multivariate;
    this.constantLiar = b.constantLiar;
    this.random = new RandomSampler(seed);
  }

  /** TPE with Optuna's defaults and the given seed. */
  public TpeSampler(long seed) {
    this(builder(seed));
  }

  /** A builder starting from Optuna's defaults. */
  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  /** Optuna's {@code default_gamma}: {@code γ(n) = min(⌈0.1 n⌉, 25)}. */
  public static int defaultGamma(int n) {
    return Math.min((int) Math.ceil(0.1 * n), 25);
  }

  /**
   * Optuna's {@code default_weights}: {@code m} ones for {@code m < 25}; otherwise {@code
   * linspace(1/m, 1, m − 25)} (older observations count less) followed by 25 ones.
   */
  public static double[] defaultWeights(int m) {
    double[] w = new double[m];
    if (m < 25) {
      Arrays.fill(w, 1.0);
      return w;
    }
    int ramp = m - 25;
    for (int i = 0; i < ramp; i++) {
      // numpy's linspace(start, stop, num): start + i (stop − start)/(num − 1), stop exact
      w[i] = ramp == 1 ? 1.0 / m : i == ramp - 1 ? 1.0 : 1.0 / m + i * (1.0 - 1.0 / m) / (ramp - 1);
    }
    Arrays.fill(w, ramp, m, 1.0);
    return w;
  }

  @Override
  public Map<String, HpoParameter> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
    if (!multivariate) {
      return Map.of();
    }
    Map<String, HpoParameter> space = null;
    for (FrozenTrial t : study.trials()) {
      if (t.state() != TrialState.COMPLETE && t.state() != TrialState.PRUNED) {
        continue;
      }
      if (space == null) {
        space = new TreeMap<>(t.distributions());
      } else {
        space.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
      }
    }
    if (space == null) {
      return Map.of();
    }
    space.values().removeIf(p -> ParameterValues.singleValue(p).isPresent());
    return space;
  }

  @Override
  public Map<String, Object> sampleRelative(
      StudyView study, FrozenTrial trial, Map<String, HpoParameter> searchSpace) {
    if (searchSpace.isEmpty()) {
      return Map.of();
    }
    List<FrozenTrial> trials = study.trials();
    if (finished(trials) < nStartupTrials) {
      return Map.of();
    }
    return sample(
        study.direction(),
        trials,
        trial,
        searchSpace,
        // "tpe" cannot collide with the independent streams' keys "tpe:<name>"
        SeedStreams.stream(seed, trial.number(), "tpe"));
  }

  @Override
  public Object sampleIndependent(StudyView study, FrozenTrial trial, HpoParameter parameter) {
    List<FrozenTrial> trials = study.trials();
    if (finished(trials) < nStartupTrials) {
      return random.sampleIndependent(study, trial, parameter);
    }
    Map<String, HpoParameter> space = Map.of(parameter.name(), parameter);
    return sample(
            study.direction(),
            trials,
            trial,
            space,
            SeedStreams.stream(seed, trial.number(), "tpe:" + parameter.name()))
        .get(parameter.name());
  }

  private static long finished(List<FrozenTrial> trials) {
    return trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
        .count();
  }

  private Map<String, Object> sample(
      StudyDirection direction,
      List<FrozenTrial> all,
      FrozenTrial current,
      Map<String, HpoParameter> space,
      SplittableRandom rng) {
    List<FrozenTrial> trials = new ArrayList<>();
    for (FrozenTrial t : all) {
      boolean observed =
          t.state() == TrialState.COMPLETE
              || t.state() == TrialState.PRUNED
              || (constantLiar && t.state() == TrialState.RUNNING);
      if (observed && t.number() != current.number()) {
        trials.add(t);
      }
    }
    int n = (int) trials.stream().filter(t -> t.state() != TrialState.RUNNING).count();
    Split split = split(direction, trials, gamma.applyAsInt(n));
    ParzenEstimator below = estimator(space, split.below());
    ParzenEstimator above = estimator(space, split.above());
    double[][] candidates = below.sample(rng, nEiCandidates);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < candidates.length; i++) {
      double score = below.logPdf(candidates[i]) - above.logPdf(candidates[i]);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    int d = 0;
    for (HpoParameter p : space.values()) {
      result.put(p.name(), ParameterValues.fromInternal(p, candidates[best][d++]));
    }
    return result;
  }

  /** The observations of TPE: the "below" (good) and "above" trials, each in trial order. */
  record Split(List<FrozenTrial> below, List<FrozenTrial> above) {}

  /** Optuna's {@code _split_trials} for one objective (no constraints). */
  static Split split(StudyDirection direction, List<FrozenTrial> trials, int nBelow) {
    List<FrozenTrial> complete = new ArrayList<>();
    List<FrozenTrial> pruned = new ArrayList<>();
    List<FrozenTrial> running = new ArrayList<>();
    for (FrozenTrial t : trials) {
      switch (t.state()) {
        case COMPLETE -> complete.add(t);
        case PRUNED -> pruned.add(t);
        case RUNNING -> running.add(t);
        default ->
            throw new IllegalArgumentException(
                "TPE observes complete, pruned and running trials, got trial "
                    + t.number()
                    + " in state "
                    + t.state());
      }
    }
    Comparator<FrozenTrial> byValue = Comparator.comparingDouble(t -> t.value().orElseThrow());
    complete.sort(direction == StudyDirection.MINIMIZE ? byValue : byValue.reversed());
    int fromComplete = Math.min(nBelow, complete.size());
    List<FrozenTrial> below = new ArrayList<>(complete.subList(0, fromComplete));
    List<FrozenTrial> above = new ArrayList<>(complete.subList(fromComplete, complete.size()));
    pruned.sort(
        Comparator.comparingDouble((FrozenTrial t) -> prunedScore(direction, t)[0])
            .thenComparingDouble(t -> prunedScore(direction, t)[1]));
    int fromPruned = Math.min(Math.max(0, nBelow - fromComplete), pruned.size());
    below.addAll(pruned.subList(0, fromPruned));
    above.addAll(pruned.subList(fromPruned, pruned.size()));
    above.addAll(running);
    Comparator<FrozenTrial> byNumber = Comparator.comparingInt(FrozenTrial::number);
    below.sort(byNumber);
    above.sort(byNumber);
    return new Split(below, above);
  }

  /**
   * Optuna's {@code _get_pruned_trial_score}: {@code (−last step, value at it)} (value negated when
   * maximising, +∞ when NaN), {@code (1, 0)} without intermediate values; smaller is better.
   */
  private static double[] prunedScore(StudyDirection direction, FrozenTrial t) {
    OptionalInt step = t.lastStep();
    if (step.isEmpty()) {
      return new double[] {1, 0};
    }
    double value = t.intermediateValues().get(step.getAsInt());
    if (Double.isNaN(value)) {
      return new double[] {-step.getAsInt(), Double.POSITIVE_INFINITY};
    }
    return new double[] {-step.getAsInt(), direction == StudyDirection.MINIMIZE ? value : -value};
  }

  ParzenEstimator estimator(Map<String, HpoParameter> space, List<FrozenTrial> trials) {
    List<double[]> rows = new ArrayList<>();
    for (FrozenTrial t : trials) {
      double[] row = new double[space.size()];
      int d = 0;
      boolean usable = true;
      for (HpoParameter p : space.values()) {
        Object value = t.params().get(p.name());
        if (value == null || !ParameterValues.admissible(p, value)) {
          usable = false;
          break;
        }
        row[d++] = ParameterValues.toInternal(p, ParameterValues.coerce(p, value));
      }
      if (usable) {
        rows.add(row);
      }
    }
    double[] w = weights.apply(rows.size());
    if (w.length < rows.size()) {
      throw new IllegalStateException(
          "TPE weights(" + rows.size() + ") returned only " + w.length + " weights");
    }
    return new ParzenEstimator(
        space,
        rows.toArray(new double[0][]),
        Arrays.copyOf(w, rows.size()),
        priorWeight,
        considerMagicClip,
        considerEndpoints);
  }

  @Override
  public String toString() {
    return "TpeSampler(seed="
        + seed
        + ", n_startup_trials="
        + nStartupTrials
        + ", n_ei_candidates="
        + nEiCandidates
        + ", multivariate="
        + multivariate
        + ", constant_liar="
        + constantLiar
        + ")";
  }

  /** Options of {@link TpeSampler}, starting from Optuna's defaults. */
  public static final class Builder {
    private final long seed;
    private int nStartupTrials = 10;
    private int nEiCandidates = 24;
    private IntUnaryOperator gamma = TpeSampler::defaultGamma;
    private IntFunction<double[]> weights = TpeSampler::defaultWeights;
    private double priorWeight = 1.0;
    private boolean considerMagicClip = true;
    private boolean considerEndpoints = false;
    private boolean multivariate = true;
    private boolean constantLiar = true;

    private Builder(long seed) {
      this.seed = seed;
    }

    /** Random trials before TPE starts (default 10), counted over complete and pruned trials. */
    public Builder nStartupTrials(int n) {
      this.nStartupTrials = Preconditions.atLeast("n_startup_trials", n, 0);
      return this;
    }

    /** Candidates drawn from {@code l(x)} per suggestion (default 24). */
    public Builder nEiCandidates(int n) {
      this.nEiCandidates = Preconditions.atLeast("n_ei_candidates", n, 1);
      return this;
    }

    /**
     * The size of the "below" set for {@code n} finished trials (default {@link #defaultGamma}).
     */
    public Builder gamma(IntUnaryOperator gamma) {
      this.gamma = Objects.requireNonNull(gamma);
      return this;
    }

    /** Observation weights (default {@link #defaultWeights}). */
    public Builder weights(IntFunction<double[]> weights) {
      this.weights = Objects.requireNonNull(weights);
      return this;
    }

    /** The weight of the prior component (default 1.0). */
    public Builder priorWeight(double w) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("prior_weight must be finite and >= 0, got " + w);
      }
      this.priorWeight = w;
      return this;
    }

    /** Whether kernel widths are clipped from below (default true). */
    public Builder considerMagicClip(boolean on) {
      this.considerMagicClip = on;
      return this;
    }

    /** Whether the range ends widen the outermost kernels (default false). */
    public Builder considerEndpoints(boolean on) {
      this.considerEndpoints = on;
      return this;
    }

    /** Whether the parameters shared by all trials are sampled jointly (default true). */
    public Builder multivariate(boolean on) {
      this.multivariate = on;
      return this;
    }

    /** Whether other running trials count as the worst observations (default true). */
    public Builder constantLiar(boolean on) {
      this.constantLiar = on;
      return this;
    }

    /** The sampler. */
    public TpeSampler build() {
      return new TpeSampler(this);
    }
  }
}
