package org.kge4j.loss.kernel;

import org.kge4j.loss.MarginActivation;

/**
 * The float32 constants of a double-margin loss as the kernels use them. PyTorch rounds Python
 * floats to float32 before {@code margin − x}, so parity at the ReLU kink needs these exact values.
 *
 * @param activation the margin activation {@code h = g}
 * @param positiveMargin {@code λ} as float32
 * @param negativeMargin {@code λ̄} as float32
 * @param positiveWeight {@code w+} as float32
 * @param negativeWeight {@code w−} as float32
 */
public record MarginTerms(
    MarginActivation activation,
    float positiveMargin,
    float negativeMargin,
    float positiveWeight,
    float negativeWeight) {
  /** Checks the activation is present. */
  public MarginTerms {
    if (activation == null) {
      throw new IllegalArgumentException("margin activation must not be null");
    }
  }
}
