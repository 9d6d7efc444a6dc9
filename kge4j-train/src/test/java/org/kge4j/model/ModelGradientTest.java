package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model's scores and analytic gradients against double-precision references. */
class ModelGradientTest {

  private static final int NUM_ENTITIES = 6;
  private static final int NUM_RELATIONS = 3;
  private static final int DIM = 5;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(new TransE(NUM_ENTITIES, NUM_RELATIONS, DIM, 1, new SplittableRandom(1))),
        Arguments.of(new TransE(NUM_ENTITIES, NUM_RELATIONS, DIM, 2, new SplittableRandom(2))),
        Arguments.of(new DistMult(NUM_ENTITIES, NUM_RELATIONS, DIM, new SplittableRandom(3))),
        Arguments.of(new ComplEx(NUM_ENTITIES, NUM_RELATIONS, DIM, new SplittableRandom(4))),
        Arguments.of(new RotatE(NUM_ENTITIES, NUM_RELATIONS, DIM, new SplittableRandom(5))));
  }

  private static final int[][] TRIPLES = {{0, 1, 2}, {3, 0, 3}, {5, 2, 4}};

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void scoreMatchesReferenceFormula(Model model) {
    double[] ent = ReferenceScores.toDouble(model.entityEmbeddings().block(0));
    double[] rel = ReferenceScores.toDouble(model.relationEmbeddings().block(0));
    for (int h = 0; h < NUM_ENTITIES; h++) {
      for (int r = 0; r < NUM_RELATIONS; r++) {
        for (int t = 0; t < NUM_ENTITIES; t++) {
          double expected = ReferenceScores.score(model, ent, rel, h, r, t);
          assertEquals(
              expected,
              model.score(h, r, t),
              1e-5 * Math.max(1, Math.abs(expected)),
              () -> "score(" + model + ")");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void gradientMatchesCentralDifferences(Model model) {
    for (int[] triple : TRIPLES) {
      float upstream = -0.75f;
      Gradients grad = Gradients.of(model);
      model.accumulateGradient(triple[0], triple[1], triple[2], upstream, grad);
      double[][] expected =
          finiteDifferences(
              model,
              (ent, rel) ->
                  upstream
                      * ReferenceScores.score(model, ent, rel, triple[0], triple[1], triple[2]));
      assertGradient(expected, grad, model + " triple " + java.util.Arrays.toString(triple));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void oneToAllScoresMatchSingleScores(Model model) {
    float[] tails = new float[NUM_ENTITIES + 2];
    float[] heads = new float[NUM_ENTITIES + 2];
    model.scoreTails(4, 1, tails, 2);
    model.scoreHeads(2, 0, heads, 2);
    for (int e = 0; e < NUM_ENTITIES; e++) {
      assertEquals(model.score(4, 1, e), tails[2 + e], 1e-5f, "tail " + e);
      assertEquals(model.score(e, 2, 0), heads[2 + e], 1e-5f, "head " + e);
    }
    float[] plain = new float[NUM_ENTITIES];
    model.scoreTails(4, 1, plain);
    assertEquals(tails[2 + 3], plain[3], 0f);
  }

  /**
   * {@code Σ_e upstream[1 + e] · score(e)}: the value whose gradient a one-to-all accumulation with
   * {@code upstream} (offset 1) computes.
   */
  private static double weighted(float[] upstream, IntToDoubleFunction score) {
    double sum = 0;
    for (int e = 0; e < NUM_ENTITIES; e++) {
      sum += upstream[1 + e] * score.applyAsDouble(e);
    }
    return sum;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void oneToAllGradientsMatchCentralDifferences(Model model) {
    float[] upstream = new float[NUM_ENTITIES + 1];
    SplittableRandom random = new SplittableRandom(7);
    for (int e = 1; e <= NUM_ENTITIES; e++) {
      upstream[e] = e == 3 ? 0f : (float) (random.nextDouble() * 2 - 1);
    }
    Gradients tails = Gradients.of(model);
    model.accumulateTailsGradient(2, 1, upstream, 1, tails);
    assertGradient(
        finiteDifferences(
            model,
            (ent, rel) -> weighted(upstream, e -> ReferenceScores.score(model, ent, rel, 2, 1, e))),
        tails,
        model + " tails");
    Gradients heads = Gradients.of(model);
    model.accumulateHeadsGradient(0, 5, upstream, 1, heads);
    assertGradient(
        finiteDifferences(
            model,
            (ent, rel) ->
                weighted(upstream, e -> ReferenceScores.headScore(model, ent, rel, e, 0, 5))),
        heads,
        model + " heads");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void candidateScoresAndGradientsMatchSingleTriples(Model model) {
    int[] candidates = {4, 0, 4, 2};
    float[] upstream = {0.5f, -1.25f, 0f, 2f};
    float[] tails = new float[4];
    float[] heads = new float[4];
    model.scoreTails(1, 2, candidates, 4, tails);
    model.scoreHeads(0, 3, candidates, 4, heads);
    Gradients batchedTails = Gradients.of(model);
    model.accumulateTailsGradient(1, 2, candidates, 4, upstream, batchedTails);
    Gradients batchedHeads = Gradients.of(model);
    model.accumulateHeadsGradient(0, 3, candidates, 4, upstream, batchedHeads);
    Gradients singleTails = Gradients.of(model);
    Gradients singleHeads = Gradients.of(model);
    for (int i = 0; i < 4; i++) {
      assertEquals(model.score(1, 2, candidates[i]), tails[i], 1e-5f, "tail " + i);
      assertEquals(model.score(candidates[i], 0, 3), heads[i], 1e-5f, "head " + i);
      model.accumulateGradient(1, 2, candidates[i], upstream[i], singleTails);
      model.accumulateGradient(candidates[i], 0, 3, upstream[i], singleHeads);
    }
    assertSameGradient(singleTails, batchedTails, model + " tails");
    // RotatE scores many heads with the tail rotated back (conj(r)·t, as PyKEEN does): the same
    // scores on unit-modulus relations, but another relation gradient off that manifold, which
    // oneToAllGradientsMatchCentralDifferences checks against the head form itself
    if (!model.name().equals("rotate")) {
      assertSameGradient(singleHeads, batchedHeads, model + " heads");
    }
  }

  private static void assertSameGradient(Gradients expected, Gradients actual, String what) {
    float[][] e = {expected.entities().values().toArray(), expected.relations().values().toArray()};
    float[][] a = {actual.entities().values().toArray(), actual.relations().values().toArray()};
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < e[p].length; i++) {
        assertEquals(e[p][i], a[p][i], 1e-5f, what + " table " + p + " value " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void candidateScoresEqualOneToAllScoresBitForBit(Model model) {
    // a candidate's score must not depend on which other candidates are scored with it, nor
    // differ from the 1-N path
    int[] candidates = {5, 1, 1, 3, 0};
    for (int count = 1; count <= candidates.length; count++) {
      float[] tails = new float[count];
      float[] heads = new float[count];
      model.scoreTails(2, 1, candidates, count, tails);
      model.scoreHeads(0, 4, candidates, count, heads);
      float[] allTails = new float[NUM_ENTITIES];
      float[] allHeads = new float[NUM_ENTITIES];
      model.scoreTails(2, 1, allTails);
      model.scoreHeads(0, 4, allHeads);
      for (int i = 0; i < count; i++) {
        assertEquals(allTails[candidates[i]], tails[i], 0f, model + " tail " + i + "/" + count);
        assertEquals(allHeads[candidates[i]], heads[i], 0f, model + " head " + i + "/" + count);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void zeroUpstreamTouchesNothing(Model model) {
    Gradients grad = Gradients.of(model);
    model.accumulateGradient(0, 1, 2, 0f, grad);
    assertEquals(0, grad.entities().numTouched());
    assertEquals(0, grad.relations().numTouched());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void scoresLieInTheDeclaredRange(Model model) {
    float[] out = new float[NUM_ENTITIES];
    for (int h = 0; h < NUM_ENTITIES; h++) {
      for (int r = 0; r < NUM_RELATIONS; r++) {
        model.scoreTails(h, r, out);
        for (float s : out) {
          assertTrue(model.scoreRange().contains(s), model + " score " + s);
        }
      }
    }
  }

  interface Objective {
    double value(double[] ent, double[] rel);
  }

  /** Central differences of {@code objective} in every entity and relation value. */
  private static double[][] finiteDifferences(Model model, Objective objective) {
    double[] ent = ReferenceScores.toDouble(model.entityEmbeddings().block(0));
    double[] rel = ReferenceScores.toDouble(model.relationEmbeddings().block(0));
    double eps = 1e-5;
    double[][] out = {new double[ent.length], new double[rel.length]};
    double[][] params = {ent, rel};
    for (int p = 0; p < 2; p++) {
      double[] x = params[p];
      for (int i = 0; i < x.length; i++) {
        double saved = x[i];
        x[i] = saved + eps;
        double plus = objective.value(ent, rel);
        x[i] = saved - eps;
        double minus = objective.value(ent, rel);
        x[i] = saved;
        out[p][i] = (plus - minus) / (2 * eps);
      }
    }
    return out;
  }

  private static void assertGradient(double[][] expected, Gradients actual, String what) {
    float[][] values = {
      actual.entities().values().toArray(), actual.relations().values().toArray()
    };
    int nonZero = 0;
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < expected[p].length; i++) {
        double e = expected[p][i];
        double a = values[p][i];
        if (e != 0) {
          nonZero++;
        }
        assertEquals(
            e,
            a,
            2e-4 * Math.max(1, Math.abs(e)),
            what + (p == 0 ? " entity" : " relation") + " value " + i);
      }
    }
    assertTrue(nonZero > 0, what + ": the finite differences must not all vanish");
  }
}
