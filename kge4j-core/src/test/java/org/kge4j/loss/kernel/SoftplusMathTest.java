package org.kge4j.loss.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link SoftplusMath} against double-precision {@code log1p(exp(z))} and sigmoid, densely swept.
 */
class SoftplusMathTest {
  /** The parity tolerance of the golden vectors: |a − e| <= 1e-6 + 1e-5·|e|. */
  private static boolean withinParity(double actual, double expected) {
    return Math.abs(actual - expected) <= 1e-6 + 1e-5 * Math.abs(expected);
  }

  private static double softplus(float z) {
    return z > 20f ? z : Math.log1p(Math.exp(z));
  }

  private static double sigmoid(float z) {
    return z > 20f ? 1.0 : 1.0 / (1.0 + Math.exp(-(double) z));
  }

  @Test
  void denseSweepStaysWithinAFewUlpAndTheParityTolerance() {
    double worstValue = 0;
    double worstDerivative = 0;
    // 1.6 million points, 1e-4 apart, across both tails and PyTorch's threshold at 20.
    for (int k = 0; k <= 1_600_000; k++) {
      float z = (float) (-100.0 + k * 1e-4);
      double value = SoftplusMath.softplus(z);
      double derivative = SoftplusMath.sigmoid(z);
      double expectedValue = softplus(z);
      double expectedDerivative = sigmoid(z);
      if (!withinParity(value, expectedValue) || !withinParity(derivative, expectedDerivative)) {
        throw new AssertionError(
            "z = "
                + z
                + ": softplus "
                + value
                + " vs "
                + expectedValue
                + ", sigmoid "
                + derivative
                + " vs "
                + expectedDerivative);
      }
      if (z >= -87f) {
        // Where the result is a normal float the relative error is a few ulp (2^-23 = 1.2e-7),
        // far inside the parity tolerance's 1e-5.
        worstValue = Math.max(worstValue, Math.abs(value - expectedValue) / expectedValue);
        worstDerivative =
            Math.max(
                worstDerivative, Math.abs(derivative - expectedDerivative) / expectedDerivative);
      }
    }
    assertTrue(worstValue < 7e-7, "softplus relative error " + worstValue);
    assertTrue(worstDerivative < 7e-7, "sigmoid relative error " + worstDerivative);
  }

  @Test
  void matchesPyTorchThresholdAndLimits() {
    // Above 20 PyTorch returns z itself and a derivative of exactly 1.
    assertEquals(20.5f, SoftplusMath.softplus(20.5f));
    assertEquals(1f, SoftplusMath.sigmoid(20.5f));
    assertEquals(1000f, SoftplusMath.softplus(1000f));
    assertEquals((float) Math.log(2), SoftplusMath.softplus(0f), 4e-7f);
    assertEquals(0.5f, SoftplusMath.sigmoid(0f));
    // Far below, both vanish (clamped at exp(-87.3) ~ 1.2e-38, far inside the tolerance).
    assertTrue(SoftplusMath.softplus(-200f) < 1.3e-38f);
    assertTrue(SoftplusMath.sigmoid(-200f) < 1.3e-38f);
    assertEquals(1f, SoftplusMath.expNegative(0f));
    assertEquals((float) Math.exp(-1), SoftplusMath.expNegative(1f), 2e-7f);
    assertEquals(0f, SoftplusMath.log1pUnit(0f));
    assertEquals((float) Math.log(2), SoftplusMath.log1pUnit(1f), 4e-7f);
    assertTrue(Float.isNaN(SoftplusMath.softplus(Float.NaN)));
  }
}
