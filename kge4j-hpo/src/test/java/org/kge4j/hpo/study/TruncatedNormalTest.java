package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The normal tail arithmetic against values computed independently with mpmath at 40 digits ({@code
 * log(ncdf(b) − ncdf(a))}) and SciPy 1.17 ({@code special.erfc}, {@code stats.truncnorm.ppf}).
 */
class TruncatedNormalTest {
  private static void assertRelative(double expected, double actual, double tolerance) {
    assertEquals(expected, actual, Math.abs(expected) * tolerance, () -> "got " + actual);
  }

  @Test
  void erfcMatchesScipy() {
    double[][] cases = {
      {0.1, 0.8875370839817152},
      {0.5, 0.4795001221869535},
      {1.0, 0.15729920705028516},
      {1.9, 0.007209570764742531},
      {2.0, 0.004677734981047266},
      {2.5, 0.00040695201744495886},
      {5.0, 1.5374597944280347e-12},
      {10.0, 2.0884875837625446e-45},
      {-1.5, 1.9661051464753108},
    };
    for (double[] c : cases) {
      assertRelative(c[1], TruncatedNormal.erfc(c[0]), 1e-13);
    }
  }

  @Test
  void logNdtrIsAccurateInBothTails() {
    double[][] cases = {
      {-60, -1805.0135606805671},
      {-30, -454.3212439563432},
      {-10, -53.231285150512471},
      {-3, -6.6077262215103495},
      {0, -0.69314718055994531},
      {3, -0.0013508099647481938},
      {7, -1.279812543886654e-12},
      {10, -7.6198530241605261e-24},
    };
    for (double[] c : cases) {
      assertRelative(c[1], TruncatedNormal.logNdtr(c[0]), 1e-12);
    }
  }

  @Test
  void logMassKeepsPrecisionFarInTheTails() {
    double[][] cases = {
      {-1, 2, -0.20016629432446258},
      {-40, -39, -765.08315656437754},
      {5, 7, -15.065002858696149},
      {-3, -2.5, -5.3267647240790622},
      {0.5, 100, -1.1759117615936186},
    };
    for (double[] c : cases) {
      assertRelative(c[2], TruncatedNormal.logMass(c[0], c[1]), 1e-11);
    }
  }

  @Test
  void quantilesInvertTheDistribution() {
    assertEquals(-0.24240381788922683, TruncatedNormal.ppf(0.3, -1, 2), 1e-12);
    assertEquals(-39.00269968568994, TruncatedNormal.ppf(0.9, -40, -39), 1e-9);
    assertEquals(5.055183121340056, TruncatedNormal.ppf(0.25, 5, 7), 1e-9);
    assertEquals(-0.200173686166891, TruncatedNormal.ppf(0.5, -100, 1), 1e-9);
    assertEquals(-1.0, TruncatedNormal.ppf(0, -1, 2));
    assertEquals(2.0, TruncatedNormal.ppf(1, -1, 2));
    // round trip: the truncated distribution function at ppf(q) is q, in both tails
    double[][] intervals = {{-1, 2}, {-40, -39}, {5, 7}, {-100, 1}, {0.2, 60}, {-8, 8}};
    for (double[] ab : intervals) {
      for (double q : new double[] {1e-9, 0.01, 0.3, 0.5, 0.77, 0.999}) {
        double x = TruncatedNormal.ppf(q, ab[0], ab[1]);
        assertTrue(x >= ab[0] && x <= ab[1]);
        double cdf =
            Math.exp(TruncatedNormal.logMass(ab[0], x) - TruncatedNormal.logMass(ab[0], ab[1]));
        assertEquals(
            q, cdf, 1e-9 * Math.max(q, 1e-3), () -> "q " + q + " on " + ab[0] + ".." + ab[1]);
      }
    }
  }
}
