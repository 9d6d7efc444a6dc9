package org.kge4j.loss;

/**
 * {@code h(z) = max(0, z)}, {@code h'(z) = [z > 0]} (so {@code h'(0) = 0}, as PyTorch's autograd).
 */
final class ReluActivation extends BuiltInActivation {
  ReluActivation() {
    super("ReLU");
  }

  @Override
  public float value(float z) {
    return z > 0f ? z : 0f;
  }

  @Override
  public float derivative(float z) {
    return z > 0f ? 1f : 0f;
  }
}
