package org.kge4j.djl;

import static org.kge4j.djl.Tolerance.assertAllClose;
import static org.kge4j.djl.Tolerance.assertClose;
import static org.kge4j.testing.Masks.count;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kge4j.djl.ParityCases.Tensor;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.LossOutput;
import org.kge4j.loss.MarginActivation;
import org.kge4j.loss.Reduction;
import org.kge4j.loss.SlcwaLossOutput;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;

/**
 * Random shapes and configurations, both activations and both reductions, checked against core's
 * analytic kernels: LCWA with and without broadcasting and label smoothing, sLCWA dense and masked
 * (including masks that keep nothing or everything). Scores straddle the margins, the ReLU kinks
 * and the softplus threshold of 20. Each test's name carries its seed.
 */
class DjlDoubleMarginLossRandomTest {

  private static final int CASES = 60;

  /**
   * A check of one random case of the loss {@code core}, drawing everything from {@code random}.
   */
  private interface Case {
    void check(Random random, DoubleMarginLoss core) throws Throwable;
  }

  /**
   * {@link #CASES} dynamic tests named by their seed, the one of seed {@code s} running {@code
   * check} on {@code random = new Random(firstSeed + s)} and the loss {@link #randomLoss} draws
   * from it first.
   */
  private static Stream<DynamicTest> seeded(int firstSeed, Case check) {
    return IntStream.range(0, CASES)
        .mapToObj(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random random = new Random(firstSeed + seed);
                      check.check(random, randomLoss(random));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> lcwaMatchesCore() {
    return seeded(
        1000,
        (random, core) -> {
          int[] shape = randomShape(random, 3, 6);
          int[] labelShape = random.nextInt(3) == 0 ? broadcastPartner(random, shape) : shape;
          boolean predictionsBroadcast = random.nextInt(4) == 0;
          int[] predictionShape = predictionsBroadcast ? broadcastPartner(random, shape) : shape;
          if (predictionsBroadcast) {
            labelShape = shape;
          }
          float[] x = randomScores(random, size(predictionShape), core);
          float[] t = randomLabels(random, size(labelShape));
          Double smoothing = random.nextBoolean() ? null : random.nextDouble() * 0.5;
          Integer numEntities = smoothing == null ? null : 2 + random.nextInt(50);

          LossOutput expected =
              core.processLcwaScores(
                  FloatTensor.of(x, predictionShape),
                  FloatTensor.of(t, labelShape),
                  smoothing,
                  numEntities);
          Autograd.Outcome actual =
              Autograd.lcwa(
                  new DjlDoubleMarginLoss(core).withLabelSmoothing(smoothing, numEntities),
                  new Tensor(x, predictionShape),
                  new Tensor(t, labelShape));
          String what =
              core
                  + " x"
                  + Arrays.toString(predictionShape)
                  + " t"
                  + Arrays.toString(labelShape)
                  + " ε="
                  + smoothing
                  + " C="
                  + numEntities;
          assertClose(expected.value(), actual.value(), "loss of " + what);
          assertAllClose(expected.gradient().toArray(), actual.gradient(0), "gradient of " + what);
        });
  }

  @TestFactory
  Stream<DynamicTest> slcwaMatchesCore() {
    return seeded(
        2000,
        (random, core) -> {
          int batchSize = 1 + random.nextInt(8);
          int numNegsPerPos = 1 + random.nextInt(10);
          int[] positiveShape =
              random.nextBoolean() ? new int[] {batchSize, 1} : new int[] {batchSize};
          float[] positives = randomScores(random, batchSize, core);
          float[] negatives = randomScores(random, batchSize * numNegsPerPos, core);
          boolean[] keep =
              switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> filled(batchSize * numNegsPerPos, false);
                case 2 -> filled(batchSize * numNegsPerPos, true);
                default -> randomMask(random, batchSize * numNegsPerPos);
              };
          int[] denseShape = {batchSize, numNegsPerPos};
          Autograd.Outcome actual =
              Autograd.slcwa(
                  new DjlDoubleMarginLoss(core),
                  new Tensor(positives, positiveShape),
                  new Tensor(negatives, denseShape),
                  keep);
          String what =
              core
                  + " B="
                  + batchSize
                  + " K="
                  + numNegsPerPos
                  + " pos"
                  + Arrays.toString(positiveShape)
                  + (keep == null ? " dense" : " kept " + Arrays.toString(keep));
          if (keep == null) {
            SlcwaLossOutput expected =
                core.processSlcwaScores(
                    FloatTensor.of(positives, positiveShape),
                    FloatTensor.of(negatives, denseShape),
                    null,
                    null,
                    null);
            assertClose(expected.value(), actual.value(), "loss of " + what);
            assertAllClose(
                expected.positiveGradient().toArray(), actual.gradient(0), "d/dk of " + what);
            assertAllClose(
                expected.negativeGradient().toArray(), actual.gradient(1), "d/dk̄ of " + what);
            return;
          }
          float[] kept = new float[count(keep)];
          for (int i = 0, j = 0; i < keep.length; i++) {
            if (keep[i]) {
              kept[j++] = negatives[i];
            }
          }
          SlcwaLossOutput expected =
              core.processSlcwaScores(
                  FloatTensor.of(positives, positiveShape),
                  FloatTensor.of(kept, kept.length),
                  null,
                  BoolTensor.of(keep, denseShape),
                  null);
          assertClose(expected.value(), actual.value(), "loss of " + what);
          assertAllClose(
              expected.positiveGradient().toArray(), actual.gradient(0), "d/dk of " + what);
          float[] keptGradient = actual.keptNegativeGradient(keep, kept.length, " of " + what);
          assertAllClose(expected.negativeGradient().toArray(), keptGradient, "d/dk̄ of " + what);
        });
  }

  /**
   * Margins, balance, activation and reduction drawn from PyKEEN's HPO ranges and beyond; one in
   * six is core's BootEA form {@code fromDistanceLimits(γ1, γ2, μ1)} (λ = −γ1 < λ̄ = γ2).
   */
  static DoubleMarginLoss randomLoss(Random random) {
    if (random.nextInt(6) == 0) {
      double gamma1 = random.nextDouble() * 2;
      return DoubleMarginLoss.fromDistanceLimits(
          gamma1, gamma1 + 0.1 + random.nextDouble() * 3, 0.2 + random.nextDouble() * 5);
    }
    double positiveMargin = Math.round((random.nextDouble() * 4 - 1) * 10) / 10.0;
    double offset = random.nextInt(3) == 0 ? 0.0 : random.nextDouble() * 2;
    return DoubleMarginLoss.builder()
        .positiveMargin(positiveMargin)
        .offset(offset)
        .positiveNegativeBalance(0.05 + 0.9 * random.nextDouble())
        .marginActivation(random.nextBoolean() ? MarginActivation.RELU : MarginActivation.SOFTPLUS)
        .reduction(random.nextBoolean() ? Reduction.MEAN : Reduction.SUM)
        .build();
  }

  /**
   * Scores mostly near the margins, some exactly at a kink ({@code x = λ} or {@code x = −λ̄}) and
   * some far out, where the softplus is linear ({@code |margin ± x| > 20}).
   */
  static float[] randomScores(Random random, int size, DoubleMarginLoss loss) {
    float[] scores = new float[size];
    for (int i = 0; i < size; i++) {
      scores[i] =
          switch (random.nextInt(6)) {
            case 0 -> (float) loss.positiveMargin();
            case 1 -> (float) -loss.negativeMargin();
            case 2 -> (float) (random.nextDouble() * 80 - 40);
            default -> (float) (random.nextGaussian() * 2);
          };
    }
    return scores;
  }

  private static float[] randomLabels(Random random, int size) {
    float[] labels = new float[size];
    boolean binary = random.nextBoolean();
    for (int i = 0; i < size; i++) {
      labels[i] = binary ? (random.nextBoolean() ? 1f : 0f) : random.nextFloat();
    }
    return labels;
  }

  private static int[] randomShape(Random random, int maxRank, int maxDim) {
    int[] shape = new int[random.nextInt(maxRank + 1)];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = 1 + random.nextInt(maxDim);
    }
    return shape;
  }

  /** A shape that broadcasts to {@code shape}: some leading axes dropped, some axes set to 1. */
  private static int[] broadcastPartner(Random random, int[] shape) {
    int drop = random.nextInt(shape.length + 1);
    int[] partner = Arrays.copyOfRange(shape, drop, shape.length);
    for (int i = 0; i < partner.length; i++) {
      if (random.nextInt(3) == 0) {
        partner[i] = 1;
      }
    }
    return partner;
  }

  private static boolean[] randomMask(Random random, int size) {
    boolean[] mask = new boolean[size];
    for (int i = 0; i < size; i++) {
      mask[i] = random.nextDouble() < 0.6;
    }
    return mask;
  }

  private static boolean[] filled(int size, boolean value) {
    boolean[] mask = new boolean[size];
    Arrays.fill(mask, value);
    return mask;
  }

  private static int size(int[] shape) {
    int size = 1;
    for (int dim : shape) {
      size *= dim;
    }
    return size;
  }
}
