package org.kge4j.hpo.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.NumericParameter;

/**
 * TPE's density over a (joint) search space: a mixture with one component per observation plus a
 * prior component, each component a product of one kernel per parameter (Optuna's {@code
 * _ParzenEstimator} with {@code multivariate=True}).
 *
 * <p>For {@code n} observations with weights {@code w_1..w_n} (TPE's {@code weights(n)}, in trial
 * order) the mixture weights are {@code (w_1, ..., w_n, prior_weight) / Σ}, or just the prior when
 * {@code n = 0}. Kernels, on the parameter's {@linkplain NumericParameter sampling scale} {@code
 * [lo, hi]}:
 *
 * <ul>
 *   <li>numeric: a normal with mean {@code μ_i} (the observation on the scale) truncated to {@code
 *       [lo, hi]}; with the sorted means and the ends {@code lo, hi} as neighbours, {@code σ_i =
 *       max(μ_i − left, right − μ_i)}; without {@code consider_endpoints} (and {@code n >= 2}) the
 *       smallest mean takes {@code σ = μ_(2) − μ_(1)} and the largest {@code σ = μ_(n) − μ_(n−1)};
 *       then {@code σ_i} is clipped to {@code [(hi − lo)/min(100, n + 2), hi − lo]} (the "magic
 *       clip"; without it, to {@code [1e-12, hi − lo]}); the prior has {@code μ = (lo + hi)/2, σ =
 *       hi − lo}. Ints are discrete: value {@code v} has the kernel's mass over its cell {@code [v
 *       − step/2, v + step/2]} (on the scale; a power of two {@code 2^e} the cell {@code [e − ½, e
 *       + ½]}) divided by the mass of {@code [lo, hi]}; a draw on the scale is rounded to the
 *       nearest admissible value.
 *   <li>categorical with {@code C} choices: component {@code i} gives each choice {@code
 *       prior_weight/(n + 1)}, plus 1 for the observed choice, normalised; the prior component is
 *       uniform.
 * </ul>
 *
 * <p>Values are in Optuna's internal representation: the number for numeric parameters, the index
 * of the choice for categorical ones.
 */
final class ParzenEstimator {
  private final List<HpoParameter> parameters;
  private final double[] weights;
  private final double[] logWeights;
  private final Kernel[] kernels;

  /** One dimension's kernels, one per mixture component. */
  private interface Kernel {
    double sample(int component, RandomGenerator random);

    double logDensity(int component, double value);
  }

  /**
   * @param space the parameters, in the order of the observation columns
   * @param observations one row per observation, one column per parameter (internal values)
   * @param observationWeights the weight of each row (TPE's {@code weights(n)})
   */
  ParzenEstimator(
      Map<String, HpoParameter> space,
      double[][] observations,
      double[] observationWeights,
      double priorWeight,
      boolean considerMagicClip,
      boolean considerEndpoints) {
    this.parameters = new ArrayList<>(space.values());
    int n = observations.length;
    if (observationWeights.length != n) {
      throw new IllegalArgumentException(
          n + " observations but " + observationWeights.length + " weights");
    }
    double[] w = n == 0 ? new double[] {1.0} : Arrays.copyOf(observationWeights, n + 1);
    if (n > 0) {
      w[n] = priorWeight;
    }
    double sum = Arrays.stream(w).sum();
    this.weights = Arrays.stream(w).map(x -> x / sum).toArray();
    this.logWeights = Arrays.stream(weights).map(Math::log).toArray();
    this.kernels = new Kernel[parameters.size()];
    for (int d = 0; d < parameters.size(); d++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = observations[i][d];
      }
      HpoParameter p = parameters.get(d);
      kernels[d] =
          p instanceof CategoricalParameter c
              ? new CategoricalKernel(column, c.choices().size(), priorWeight)
              : new NumericKernel(
                  (NumericParameter) p, column, considerMagicClip, considerEndpoints);
    }
  }

  /** The normalised mixture weights (observations in order, then the prior). */
  double[] weights() {
    return weights.clone();
  }

  /** The kernel means of a numeric dimension on its sampling scale (the prior's last). */
  double[] mus(int dimension) {
    return ((NumericKernel) kernels[dimension]).mu.clone();
  }

  /** The kernel standard deviations of a numeric dimension (the prior's last). */
  double[] sigmas(int dimension) {
    return ((NumericKernel) kernels[dimension]).sigma.clone();
  }

  /** {@code size} points drawn from the mixture, as rows of internal values. */
  double[][] sample(RandomGenerator random, int size) {
    double[][] points = new double[size][kernels.length];
    for (int s = 0; s < size; s++) {
      int component = drawIndex(weights, random.nextDouble());
      for (int d = 0; d < kernels.length; d++) {
        points[s][d] = kernels[d].sample(component, random);
      }
    }
    return points;
  }

  /**
   * The index {@code k} whose cumulative probability {@code p_0 + ... + p_k} first exceeds {@code
   * u} (uniform in [0, 1)); the last index takes what rounding leaves over.
   */
  private static int drawIndex(double[] probabilities, double u) {
    double cumulative = 0;
    for (int k = 0; k < probabilities.length - 1; k++) {
      cumulative += probabilities[k];
      if (u < cumulative) {
        return k;
      }
    }
    return probabilities.length - 1;
  }

  /** {@code log p(x) = logsumexp_k (log w_k + Σ_d log K_{k,d}(x_d))}. */
  double logPdf(double[] point) {
    double[] terms = new double[weights.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < weights.length; k++) {
      double t = logWeights[k];
      for (int d = 0; d < kernels.length; d++) {
        t += kernels[d].logDensity(k, point[d]);
      }
      terms[k] = t;
      max = Math.max(max, t);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  private static final class NumericKernel implements Kernel {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private final NumericParameter parameter;
    private final double low;
    private final double high;
    private final double[] mu;
    private final double[] sigma;
    private final double[] logMass;

    NumericKernel(
        NumericParameter parameter,
        double[] observations,
        boolean considerMagicClip,
        boolean considerEndpoints) {
      this.parameter = parameter;
      this.low = parameter.scaleLow();
      this.high = parameter.scaleHigh();
      int n = observations.length;
      double[] mus = new double[n];
      for (int i = 0; i < n; i++) {
        mus[i] = parameter.toScale(observations[i]);
      }
      double[] sigmas = sigmas(mus, considerMagicClip, considerEndpoints);
      this.mu = Arrays.copyOf(mus, n + 1);
      this.sigma = Arrays.copyOf(sigmas, n + 1);
      mu[n] = 0.5 * (low + high);
      sigma[n] = high - low;
      this.logMass = new double[n + 1];
      for (int k = 0; k <= n; k++) {
        logMass[k] = TruncatedNormal.logMass((low - mu[k]) / sigma[k], (high - mu[k]) / sigma[k]);
      }
    }

    private double[] sigmas(double[] mus, boolean considerMagicClip, boolean considerEndpoints) {
      int n = mus.length;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingDouble(i -> mus[i]));
      double[] ends = new double[n + 2];
      ends[0] = low;
      ends[n + 1] = high;
      for (int i = 0; i < n; i++) {
        ends[i + 1] = mus[order[i]];
      }
      double[] sorted = new double[n];
      for (int i = 0; i < n; i++) {
        sorted[i] = Math.max(ends[i + 1] - ends[i], ends[i + 2] - ends[i + 1]);
      }
      if (!considerEndpoints && n >= 2) {
        sorted[0] = ends[2] - ends[1];
        sorted[n - 1] = ends[n] - ends[n - 1];
      }
      double maxSigma = high - low;
      double minSigma = considerMagicClip ? (high - low) / Math.min(100.0, n + 2.0) : 1e-12;
      double[] result = new double[n];
      for (int i = 0; i < n; i++) {
        result[order[i]] = Math.min(maxSigma, Math.max(minSigma, sorted[i]));
      }
      return result;
    }

    @Override
    public double sample(int component, RandomGenerator random) {
      double m = mu[component];
      double s = sigma[component];
      double z = TruncatedNormal.ppf(random.nextDouble(), (low - m) / s, (high - m) / s);
      Object value = parameter.fromScale(m + s * z);
      return ((Number) value).doubleValue();
    }

    @Override
    public double logDensity(int component, double value) {
      double m = mu[component];
      double s = sigma[component];
      if (parameter instanceof FloatParameter) {
        double x = parameter.toScale(value);
        if (x < low || x > high) {
          return Double.NEGATIVE_INFINITY;
        }
        double z = (x - m) / s;
        return -0.5 * z * z - LOG_SQRT_2PI - logMass[component] - Math.log(s);
      }
      double left;
      double right;
      if (parameter instanceof IntParameter i) {
        double halfStep = 0.5 * i.step();
        left = (parameter.toScale(value - halfStep) - m) / s;
        right = (parameter.toScale(value + halfStep) - m) / s;
      } else {
        // a power of two owns the cell of one exponent: [e − ½, e + ½] on the scale
        double exponent = parameter.toScale(value);
        left = (exponent - 0.5 - m) / s;
        right = (exponent + 0.5 - m) / s;
      }
      return TruncatedNormal.logMass(left, right) - logMass[component];
    }
  }

  private static final class CategoricalKernel implements Kernel {
    private final double[][] probabilities;

    CategoricalKernel(double[] observations, int choices, double priorWeight) {
      int n = observations.length;
      if (n == 0) {
        probabilities = new double[1][choices];
        Arrays.fill(probabilities[0], 1.0 / choices);
        return;
      }
      probabilities = new double[n + 1][choices];
      for (int k = 0; k <= n; k++) {
        Arrays.fill(probabilities[k], priorWeight / (n + 1));
        if (k < n) {
          probabilities[k][(int) observations[k]] += 1;
        }
        double sum = Arrays.stream(probabilities[k]).sum();
        for (int c = 0; c < choices; c++) {
          probabilities[k][c] /= sum == 0 ? 1 : sum;
        }
      }
    }

    @Override
    public double sample(int component, RandomGenerator random) {
      return drawIndex(probabilities[component], random.nextDouble());
    }

    @Override
    public double logDensity(int component, double value) {
      return Math.log(probabilities[component][(int) value]);
    }
  }
}
