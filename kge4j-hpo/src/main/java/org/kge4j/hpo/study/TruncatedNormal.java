package org.kge4j.hpo.study;

/**
 * The standard normal distribution truncated to {@code [a, b]}, in log space so that kernels far in
 * the tails (TPE's narrow kernels near a bound) neither underflow nor cancel; the same quantities
 * as Optuna's {@code _truncnorm} (after SciPy), computed independently.
 *
 * <ul>
 *   <li>{@code log Φ(x)}: from {@code erfc} for {@code x <= 6}, {@code log1p(−Φ(−x))} above;
 *   <li>{@code log Z(a, b) = log(Φ(b) − Φ(a))}: in the tail that keeps precision ({@code b <= 0}:
 *       {@code log Φ(b) + log1p(−exp(log Φ(a) − log Φ(b)))}; {@code a > 0}: mirrored; otherwise
 *       {@code log1p(−Φ(a) − Φ(−b))});
 *   <li>quantile: solve {@code log Φ(x) = log(Φ(a) + q Z)} (mirrored for {@code a >= 0}) by
 *       Newton's method on {@code log Φ}.
 * </ul>
 */
final class TruncatedNormal {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double LOG_SQRT_PI = 0.5 * Math.log(Math.PI);
  private static final double SQRT2 = Math.sqrt(2);

  private TruncatedNormal() {}

  /**
   * {@code erfc(z) = 2/√π ∫_z^∞ e^(−t²) dt}, relative error about 1e-15 ({@code z < 2}: the
   * positive series {@code erf(z) = 2/√π e^(−z²) Σ 2^n z^(2n+1)/(2n+1)!!}; {@code z >= 2}: the
   * continued fraction of Abramowitz and Stegun 7.1.14).
   */
  static double erfc(double z) {
    if (z < 0) {
      return 2 - erfc(-z);
    }
    if (z < 2) {
      return 1 - erfSeries(z);
    }
    return Math.exp(-z * z - LOG_SQRT_PI) * erfcContinuedFraction(z);
  }

  private static double erfSeries(double z) {
    double z2 = z * z;
    double term = z;
    double sum = z;
    for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= 2 * z2 / (2 * n + 1);
      sum += term;
    }
    return 2 / Math.sqrt(Math.PI) * Math.exp(-z2) * sum;
  }

  /** {@code √π e^(z²) erfc(z) = 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + ...))))} by Lentz's method. */
  private static double erfcContinuedFraction(double z) {
    double tiny = 1e-300;
    double f = z;
    double c = z;
    double d = 0;
    for (int n = 1; n < 500; n++) {
      double a = 0.5 * n;
      d = z + a * d;
      d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
      c = z + a / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return 1 / f;
  }

  /** {@code Φ(x)}, the standard normal distribution function. */
  static double ndtr(double x) {
    return 0.5 * erfc(-x / SQRT2);
  }

  /** {@code log Φ(x)}, accurate in both tails. */
  static double logNdtr(double x) {
    if (x > 6) {
      return Math.log1p(-ndtr(-x));
    }
    double z = -x / SQRT2;
    if (z >= 2) {
      // log(½ erfc(z)) without forming erfc(z), which underflows below x ≈ −38
      return Math.log(0.5) - z * z - LOG_SQRT_PI + Math.log(erfcContinuedFraction(z));
    }
    return Math.log(ndtr(x));
  }

  /** {@code log(Φ(b) − Φ(a))} for {@code a <= b}. */
  static double logMass(double a, double b) {
    if (b <= 0) {
      double logB = logNdtr(b);
      return logB + Math.log1p(-Math.exp(logNdtr(a) - logB));
    }
    if (a > 0) {
      return logMass(-b, -a);
    }
    return Math.log1p(-ndtr(a) - ndtr(-b));
  }

  /** The {@code q}-quantile, {@code q ∈ [0, 1]}, of the standard normal truncated to [a, b]. */
  static double ppf(double q, double a, double b) {
    if (q <= 0) {
      return a;
    }
    if (q >= 1) {
      return b;
    }
    double logMass = logMass(a, b);
    double x;
    if (a < 0) {
      x = inverseLogNdtr(logAddExp(logNdtr(a), Math.log(q) + logMass));
    } else {
      x = -inverseLogNdtr(logAddExp(logNdtr(-b), Math.log1p(-q) + logMass));
    }
    return Math.min(b, Math.max(a, x));
  }

  private static double logAddExp(double p, double q) {
    double max = Math.max(p, q);
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    return max + Math.log1p(Math.exp(Math.min(p, q) - max));
  }

  /**
   * The {@code x} with {@code log Φ(x) = y} ({@code y <= 0}): Newton's method {@code x ← x − (log
   * Φ(x) − y) Φ(x)/φ(x)}. Near {@code y = 0} it solves {@code log Φ(−x) = log(−expm1(y))} instead,
   * where {@code log Φ} is steep enough to converge.
   */
  static double inverseLogNdtr(double y) {
    if (y >= 0) {
      return Double.POSITIVE_INFINITY;
    }
    boolean flipped = y > -1e-2;
    double target = flipped ? Math.log(-Math.expm1(y)) : y;
    // start: Gaussian tail log Φ(x) ≈ −x²/2 − log √(2π) far left, a logistic fit elsewhere
    double x =
        target < -5
            ? -Math.sqrt(-2 * (target + LOG_SQRT_2PI))
            : -Math.sqrt(3) / Math.PI * Math.log(Math.expm1(-target));
    for (int i = 0; i < 100; i++) {
      double logPhi = logNdtr(x);
      double dx = (logPhi - target) * Math.exp(logPhi - (-0.5 * x * x - LOG_SQRT_2PI));
      x -= dx;
      if (Math.abs(dx) <= 1e-12 * Math.max(1, Math.abs(x))) {
        break;
      }
    }
    return flipped ? -x : x;
  }
}
