package org.kge4j.loss;

/**
 * PyTorch's {@code Softplus(beta=1, threshold=20)}: {@code h(z) = log1p(exp(z))} for {@code z <=
 * 20}, {@code z} above; {@code h'(z) = sigmoid(z)}, exactly 1 above 20.
 */
final class SoftplusActivation extends BuiltInActivation {
  /** PyTorch's default threshold above which softplus is the identity. */
  static final float THRESHOLD = 20f;

  SoftplusActivation() {
    super("Softplus");
  }

  @Override
  public float value(float z) {
    return z > THRESHOLD ? z : (float) Math.log1p(Math.exp(z));
  }

  @Override
  public float derivative(float z) {
    if (z > THRESHOLD) {
      return 1f;
    }
    double e = Math.exp(z);
    return (float) (e / (e + 1.0));
  }
}
