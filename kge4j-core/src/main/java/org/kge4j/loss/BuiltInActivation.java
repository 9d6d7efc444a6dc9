package org.kge4j.loss;

/**
 * What the built-in margin activations ({@link MarginActivation#RELU}, {@link
 * MarginActivation#SOFTPLUS}) share: a fixed display name, which is also what they print as.
 */
abstract class BuiltInActivation implements MarginActivation {
  private final String name;

  BuiltInActivation(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String toString() {
    return name;
  }
}
