package org.kge4j.loss;

import java.util.Locale;

/**
 * The margin activation {@code h = g} of {@link DoubleMarginLoss}: a non-negative, non-decreasing
 * function applied to {@code λ − k} (positives) and {@code λ̄ + k̄} (negatives).
 *
 * <ul>
 *   <li>{@link #RELU}: {@code h(z) = max(0, z)}, the hard margin; {@code h'(0) = 0} as in PyTorch.
 *   <li>{@link #SOFTPLUS}: {@code h(z) = log(1 + exp(z))}, the soft margin; linear ({@code h(z) =
 *       z}, {@code h'(z) = 1}) above 20 as PyTorch's {@code Softplus(threshold=20)}; {@code h'(z) =
 *       sigmoid(z)}.
 * </ul>
 *
 * <p>Users may pass their own implementation; it must be pure and thread-safe. Inputs are float32,
 * as in PyTorch.
 */
public interface MarginActivation {
  /** {@code max(0, z)}. */
  MarginActivation RELU = new ReluActivation();

  /** {@code log1p(exp(z))}, {@code z} above 20. */
  MarginActivation SOFTPLUS = new SoftplusActivation();

  /** The activation's value at {@code z}. */
  float value(float z);

  /** The derivative at {@code z}, as autograd would compute it. */
  float derivative(float z);

  /** A display name, e.g. {@code ReLU}. */
  String name();

  /**
   * Resolves an activation by name, as PyKEEN's {@code margin_activation_resolver}: {@code relu} or
   * {@code hard} give {@link #RELU}, {@code softplus} or {@code soft} give {@link #SOFTPLUS}. The
   * name is lower-cased and every non-alphanumeric character removed first, so {@code "Re LU"} and
   * {@code "soft-plus"} resolve; {@code null} gives the default {@link #RELU}.
   *
   * @throws IllegalArgumentException for any other name, listing the choices
   */
  static MarginActivation of(String name) {
    if (name == null) {
      return RELU;
    }
    String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    switch (key) {
      case "relu":
      case "hard":
        return RELU;
      case "softplus":
      case "soft":
        return SOFTPLUS;
      default:
        throw new IllegalArgumentException(
            "margin_activation must be one of hard, relu, soft, softplus"
                + " (case and punctuation ignored), got '"
                + name
                + "'");
    }
  }
}
