package org.kge4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kge4j.tensor.FloatTensor;

/** The README's Java example compiles and gives the values worked out by hand below. */
class ReadmeExampleTest {
  @Test
  void readmeExample() {
    DoubleMarginLoss loss =
        DoubleMarginLoss.builder()
            .positiveMargin(1.0)
            .offset(1.0)
            .marginActivation("softplus")
            .build();
    LossOutput lcwa =
        loss.processLcwaScores(
            FloatTensor.of(new float[] {2f, -1f, 0.5f, 0f, 1f, -2f}, 2, 3),
            FloatTensor.of(new float[] {1, 0, 0, 0, 1, 0}, 2, 3),
            0.1,
            3);
    SlcwaLossOutput slcwa =
        loss.processSlcwaScores(
            FloatTensor.of(new float[] {1.5f, 0.2f}, 2, 1),
            FloatTensor.of(new float[] {-0.3f, 0.8f, 0.1f, -1.2f}, 2, 2),
            null,
            null,
            null);

    // λ = 1, λ̄ = 0, w± = 0.5, softplus sp(z) = log(1 + e^z).
    // sLCWA mean: 0.5·(sp(1 − 1.5) + sp(1 − 0.2))/2 + 0.5·(sp(−0.3) + sp(0.8) + sp(0.1) +
    // sp(−1.2))/4
    double expected =
        0.5 * (sp(-0.5) + sp(0.8)) / 2 + 0.5 * (sp(-0.3) + sp(0.8) + sp(0.1) + sp(-1.2)) / 4;
    assertEquals(expected, slcwa.value(), 1e-6);
    // ∂/∂k_i = −0.5·σ(1 − k_i)/2
    assertArrayEquals(
        new float[] {(float) (-0.25 * sigmoid(-0.5)), (float) (-0.25 * sigmoid(0.8))},
        slcwa.positiveGradient().toArray(),
        1e-6f);

    // LCWA with smoothing ε = 0.1 over C = 3: t' = 0.9·t + 0.05·(1 − t)
    double[] x = {2, -1, 0.5, 0, 1, -2};
    double[] t = {1, 0, 0, 0, 1, 0};
    double sum = 0;
    for (int i = 0; i < 6; i++) {
      double s = 0.9 * t[i] + 0.05 * (1 - t[i]);
      sum += 0.5 * s * sp(1 - x[i]) + 0.5 * (1 - s) * sp(x[i]);
    }
    assertEquals(sum / 6, lcwa.value(), 1e-6);
  }

  private static double sp(double z) {
    return Math.log1p(Math.exp(z));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
