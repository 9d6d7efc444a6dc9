package org.kge4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.testing.RandomArrays.gaussian;

import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;
import org.kge4j.testing.LogCapture;

/** Sample weights, the BootEA form and the overlap warning: kge4j's additions to PyKEEN. */
class BeyondPykeenTest {
  @Test
  void unitWeightsChangeNothing() {
    SplittableRandom random = new SplittableRandom(11);
    for (String reduction : new String[] {"mean", "sum"}) {
      DoubleMarginLoss loss =
          DoubleMarginLoss.builder().marginActivation("softplus").reduction(reduction).build();
      FloatTensor x = FloatTensor.of(gaussian(random, 12), 3, 4);
      FloatTensor t = FloatTensor.of(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0.5f, 0, 0, 1}, 3, 4);
      LossOutput plain = loss.forward(x, t);
      LossOutput weighted = loss.forward(x, t, FloatTensor.of(new float[] {1, 1, 1}, 3, 1));
      assertEquals(plain.value(), weighted.value(), 1e-6 * Math.abs(plain.value()));
      assertArrayEquals(plain.gradient().toArray(), weighted.gradient().toArray(), 1e-7f);

      FloatTensor pos = FloatTensor.of(gaussian(random, 3), 3, 1);
      FloatTensor neg = FloatTensor.of(gaussian(random, 6), 3, 2);
      SlcwaLossOutput dense = loss.processSlcwaScores(pos, neg, null, null, null);
      SlcwaLossOutput denseWeighted =
          loss.processSlcwaScores(
              pos, neg, null, null, null, FloatTensor.of(new float[] {1, 1, 1}, 3));
      assertEquals(dense.value(), denseWeighted.value(), 1e-6 * Math.abs(dense.value()));
      assertArrayEquals(
          dense.negativeGradient().toArray(), denseWeighted.negativeGradient().toArray(), 1e-7f);
    }
  }

  @Test
  void integerWeightEqualsRepeatingTheRow() {
    // Weight 2 on row 0 must equal a batch in which row 0 appears twice.
    DoubleMarginLoss loss = DoubleMarginLoss.builder().marginActivation("softplus").build();
    float[] pos = {0.3f, -0.7f};
    float[] neg = {0.1f, 0.9f, -0.4f, 1.3f};
    SlcwaLossOutput weighted =
        loss.processSlcwaScores(
            FloatTensor.of(pos, 2),
            FloatTensor.of(neg, 2, 2),
            null,
            null,
            null,
            FloatTensor.of(new float[] {2f, 1f}, 2));
    SlcwaLossOutput repeated =
        loss.processSlcwaScores(
            FloatTensor.of(new float[] {0.3f, 0.3f, -0.7f}, 3),
            FloatTensor.of(new float[] {0.1f, 0.9f, 0.1f, 0.9f, -0.4f, 1.3f}, 3, 2),
            null,
            null,
            null);
    assertEquals(repeated.value(), weighted.value(), 1e-7);
    float[] gr = repeated.positiveGradient().toArray();
    assertEquals(gr[0] + gr[1], weighted.positiveGradient().getFlat(0), 1e-7);
    assertEquals(gr[2], weighted.positiveGradient().getFlat(1), 1e-7);

    boolean[] keep = {true, false, true, true};
    SlcwaLossOutput filteredWeighted =
        loss.processSlcwaScores(
            FloatTensor.of(pos, 2),
            FloatTensor.of(new float[] {0.1f, -0.4f, 1.3f}, 3),
            null,
            BoolTensor.of(keep, 2, 2),
            null,
            FloatTensor.of(new float[] {2f, 1f}, 2));
    SlcwaLossOutput filteredRepeated =
        loss.processSlcwaScores(
            FloatTensor.of(new float[] {0.3f, 0.3f, -0.7f}, 3),
            FloatTensor.of(new float[] {0.1f, 0.1f, -0.4f, 1.3f}, 4),
            null,
            BoolTensor.of(new boolean[] {true, false, true, false, true, true}, 3, 2),
            null);
    assertEquals(filteredRepeated.value(), filteredWeighted.value(), 1e-7);
  }

  @Test
  void zeroWeightsGiveZeroLossNotNaN() {
    DoubleMarginLoss loss = DoubleMarginLoss.builder().build();
    LossOutput out =
        loss.forward(
            FloatTensor.of(new float[] {0f, 2f}, 2),
            FloatTensor.of(new float[] {1f, 0f}, 2),
            FloatTensor.of(new float[] {0f, 0f}, 2));
    assertEquals(0.0, out.value());
    assertArrayEquals(new float[] {0f, 0f}, out.gradient().toArray(), 0f);
  }

  @Test
  void distanceLimitsGiveTheBootEaObjective() {
    double gamma1 = 0.5;
    double gamma2 = 2.0;
    double mu1 = 0.2;
    DoubleMarginLoss loss = DoubleMarginLoss.fromDistanceLimits(gamma1, gamma2, mu1);
    assertEquals(-gamma1, loss.positiveMargin());
    assertEquals(gamma2, loss.negativeMargin());
    assertSame(Reduction.SUM, loss.reduction());
    // distances f of positives, f' of negatives; scores are -distance.
    float[] f = {0.25f, 1.5f};
    float[] fNeg = {1.0f, 3.0f, 0.5f, 2.5f};
    float[] pos = {-f[0], -f[1]};
    float[] neg = new float[4];
    for (int i = 0; i < 4; i++) {
      neg[i] = -fNeg[i];
    }
    SlcwaLossOutput out =
        loss.processSlcwaScores(
            FloatTensor.of(pos, 2), FloatTensor.of(neg, 2, 2), null, null, null);
    // BootEA sums over (positive, negative) pairs: each positive appears K = 2 times.
    double positiveTerm = 2 * (Math.max(0, f[0] - gamma1) + Math.max(0, f[1] - gamma1));
    double negativeTerm = 0;
    for (float d : fNeg) {
      negativeTerm += Math.max(0, gamma2 - d);
    }
    assertEquals((positiveTerm + mu1 * negativeTerm) / (1 + mu1), out.value(), 1e-6);
  }

  @Test
  void overlappingZonesAreWarnedOnce() {
    List<LogRecord> records =
        LogCapture.recordsOf(
            DoubleMarginLoss.class,
            () -> {
              // λ = -0.3, λ̄ = -0.45: positives satisfied from -0.3, negatives up to 0.45.
              DoubleMarginLoss.builder().positiveMargin(-0.3).negativeMargin(-0.45).build();
              DoubleMarginLoss.builder().positiveMargin(-0.3).negativeMargin(-0.45).build();
              // Separated zones: no warning.
              DoubleMarginLoss.builder().positiveMargin(0.7).negativeMargin(-0.45).build();
            });
    assertEquals(1, records.size(), "exactly one warning for one overlapping configuration");
    assertSame(Level.WARNING, records.get(0).getLevel());
    assertTrue(records.get(0).getMessage().contains("-0.3"), records.get(0).getMessage());
  }
}
