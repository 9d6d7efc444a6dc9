package org.kge4j.testing;

import org.kge4j.loss.MarginActivation;

/**
 * User-defined margin activations, for the tests of the paths that take any {@link
 * MarginActivation} rather than the built-in ones (core's reference fallback and its NaN report,
 * the DJL loss's refusal).
 */
public final class CustomActivations {

  private CustomActivations() {}

  /** A function of a float, so that a test's formula is evaluated in float, as in an activation. */
  @FunctionalInterface
  public interface FloatFunction {
    /** The function at {@code z}. */
    float apply(float z);
  }

  /** The activation {@code name} with {@code value} and its {@code derivative}. */
  public static MarginActivation of(String name, FloatFunction value, FloatFunction derivative) {
    return new MarginActivation() {
      @Override
      public float value(float z) {
        return value.apply(z);
      }

      @Override
      public float derivative(float z) {
        return derivative.apply(z);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
