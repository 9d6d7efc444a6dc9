package org.kge4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kge4j.loss.LossFixtures.randomLoss;
import static org.kge4j.testing.RandomArrays.gaussian;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.kge4j.tensor.FloatTensor;

/** The array entry points used by training loops agree with the tensor API on every path. */
class ZeroAllocationEntryPointTest {

  @Property(tries = 100)
  void lcwaIntoEqualsTensorApi(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DoubleMarginLoss loss = randomLoss(random);
    int n = 1 + random.nextInt(300);
    float[] x = gaussian(random, n, 2);
    float[] t = new float[n];
    for (int i = 0; i < n; i++) {
      t[i] = random.nextInt(4) == 0 ? 1f : 0f;
    }
    Double smoothing = random.nextBoolean() ? null : random.nextDouble(0, 0.3);
    LossOutput expected =
        loss.processLcwaScores(FloatTensor.of(x, n), FloatTensor.of(t, n), smoothing, 17);
    float[] gradient = new float[n + 3];
    double value = loss.processLcwaScoresInto(x, t, null, n, smoothing, 17, gradient);
    assertEquals(expected.value(), value, 0.0);
    assertArrayEquals(expected.gradient().toArray(), java.util.Arrays.copyOf(gradient, n), 0f);
  }

  @Property(tries = 100)
  void slcwaIntoEqualsTensorApi(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DoubleMarginLoss loss = randomLoss(random);
    int b = 1 + random.nextInt(20);
    int k = 1 + random.nextInt(9);
    float[] pos = gaussian(random, b, 2);
    float[] neg = gaussian(random, b * k, 2);
    float[] gp = new float[b];
    float[] gn = new float[b * k];
    if (random.nextBoolean()) {
      SlcwaLossOutput expected =
          loss.processSlcwaScores(
              FloatTensor.of(pos, b, 1), FloatTensor.of(neg, b, k), null, null, null);
      double value = loss.processSlcwaScoresInto(pos, neg, null, null, b, k, gp, gn);
      assertEquals(expected.value(), value, 0.0);
      assertArrayEquals(expected.positiveGradient().toArray(), gp, 0f);
      assertArrayEquals(expected.negativeGradient().toArray(), gn, 0f);
      return;
    }
    boolean[] keep = new boolean[b * k];
    for (int j = 0; j < keep.length; j++) {
      keep[j] = random.nextBoolean();
    }
    SlcwaLossOutput expected = LossFixtures.processKept(loss, pos, neg, keep, b, k);
    double value = loss.processSlcwaScoresInto(pos, neg, keep, null, b, k, gp, gn);
    assertEquals(expected.value(), value, 0.0);
    assertArrayEquals(expected.positiveGradient().toArray(), gp, 0f);
    for (int j = 0, c = 0; j < keep.length; j++) {
      assertEquals(
          keep[j] ? expected.negativeGradient().getFlat(c++) : 0f, gn[j], 0f, "negative " + j);
    }
  }
}
