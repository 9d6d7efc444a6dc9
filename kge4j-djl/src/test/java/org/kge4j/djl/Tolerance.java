package org.kge4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parity tolerance of {@code ../shared/parity/README.md}: {@code |a − e| <= 1e-6 + 1e-5·|e|};
 * float32 summation order may differ in the last bits between kernels.
 */
final class Tolerance {
  static final double ABSOLUTE = 1e-6;
  static final double RELATIVE = 1e-5;

  private Tolerance() {}

  static boolean close(double actual, double expected) {
    if (Double.isNaN(expected)) {
      return Double.isNaN(actual);
    }
    return Math.abs(actual - expected) <= ABSOLUTE + RELATIVE * Math.abs(expected);
  }

  static void assertClose(double expected, double actual, String what) {
    if (!close(actual, expected)) {
      fail(
          what
              + ": expected "
              + expected
              + ", got "
              + actual
              + " (|diff| = "
              + Math.abs(actual - expected)
              + ")");
    }
  }

  static void assertAllClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], what + "[" + i + "]");
    }
  }
}
