package org.kge4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.djl.Tolerance.assertAllClose;
import static org.kge4j.djl.Tolerance.assertClose;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kge4j.djl.ParityCases.Tensor;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.LossOutput;
import org.kge4j.loss.SlcwaLossOutput;
import org.kge4j.loss.UnsupportedLabelSmoothingException;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;

/**
 * The golden vectors of {@code ../shared/parity/public.jsonl} (PyTorch running PyKEEN's code): for
 * every numeric {@code forward}, {@code lcwa} and {@code slcwa} case, the DJL loss value and the
 * engine's autograd gradients equal the expected ones and core's analytic ones; every error case
 * that the DJL form can express fails with the expected exception.
 *
 * <p>Filtered sLCWA cases give their negatives as the kept {@code (nnz,)} scores; the DJL form
 * takes them dense, so they are scattered into {@code (B, K)} with random filler in the dropped
 * slots, whose gradients must then be exactly zero.
 */
class DjlDoubleMarginLossParityTest {

  private static final Set<String> NUMERIC_KINDS = Set.of("forward", "lcwa", "slcwa");

  @TestFactory
  Stream<DynamicTest> numericCasesMatchExpectedAndCore() {
    return perCase(
        c -> NUMERIC_KINDS.contains(kind(c)) && c.getAsJsonObject("expected").has("loss"),
        DjlDoubleMarginLossParityTest::checkNumeric);
  }

  @TestFactory
  Stream<DynamicTest> errorCasesThatTheDjlFormExpressesFail() {
    return perCase(
        c ->
            NUMERIC_KINDS.contains(kind(c))
                && c.getAsJsonObject("expected").has("error")
                && expressibleInDjlForm(c),
        DjlDoubleMarginLossParityTest::checkError);
  }

  @TestFactory
  Stream<DynamicTest> theVectorsHoldEnoughCasesOfEachKind() {
    Optional<Path> file = ParityCases.vectorsFile();
    if (file.isEmpty()) {
      return Stream.of(skipped());
    }
    List<JsonObject> cases = ParityCases.load(file.get());
    return Stream.of("forward", "lcwa", "slcwa")
        .map(
            kind ->
                DynamicTest.dynamicTest(
                    kind,
                    () -> {
                      long numeric =
                          cases.stream()
                              .filter(c -> kind(c).equals(kind))
                              .filter(c -> c.getAsJsonObject("expected").has("loss"))
                              .count();
                      assertTrue(numeric >= 10, kind + " has " + numeric + " numeric cases");
                    }));
  }

  /** One dynamic test per selected case, or one skipped test that says why there are none. */
  private static Stream<DynamicTest> perCase(
      Predicate<JsonObject> selected, Consumer<JsonObject> check) {
    Optional<Path> file = ParityCases.vectorsFile();
    if (file.isEmpty()) {
      return Stream.of(skipped());
    }
    return ParityCases.load(file.get()).stream()
        .filter(selected)
        .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> check.accept(c)));
  }

  private static DynamicTest skipped() {
    return DynamicTest.dynamicTest(
        "golden vectors absent",
        () ->
            Assumptions.abort(
                "golden vectors not found: set -Dkge4j.shared to the shared folder holding"
                    + " parity/public.jsonl (now "
                    + System.getProperty("kge4j.shared")
                    + ")"));
  }

  private static String kind(JsonObject testCase) {
    return testCase.get("kind").getAsString();
  }

  private static void checkNumeric(JsonObject testCase) {
    DoubleMarginLoss core = DoubleMarginLoss.fromConfig(ParityCases.config(testCase));
    DjlDoubleMarginLoss loss = new DjlDoubleMarginLoss(core);
    JsonObject inputs = testCase.getAsJsonObject("inputs");
    JsonObject expected = testCase.getAsJsonObject("expected");
    JsonObject grads = expected.getAsJsonObject("grads");
    double expectedLoss = expected.get("loss").getAsDouble();
    switch (kind(testCase)) {
      case "forward", "lcwa" -> {
        Tensor x = ParityCases.tensor(inputs.getAsJsonObject("predictions"));
        Tensor t = ParityCases.tensor(inputs.getAsJsonObject("labels"));
        Double smoothing = ParityCases.optionalDouble(inputs, "label_smoothing");
        Integer numEntities = ParityCases.optionalInt(inputs, "num_entities");
        LossOutput coreOutput =
            core.processLcwaScores(
                FloatTensor.of(x.data(), x.shape()),
                FloatTensor.of(t.data(), t.shape()),
                smoothing,
                numEntities);
        Autograd.Outcome djl = Autograd.lcwa(loss.withLabelSmoothing(smoothing, numEntities), x, t);
        float[] expectedGradient = ParityCases.tensor(grads.getAsJsonObject("predictions")).data();
        assertClose(expectedLoss, djl.value(), "loss vs PyTorch");
        assertClose(coreOutput.value(), djl.value(), "loss vs core");
        assertAllClose(expectedGradient, djl.gradient(0), "d/d predictions vs PyTorch");
        assertAllClose(coreOutput.gradient().toArray(), djl.gradient(0), "d/d predictions vs core");
      }
      case "slcwa" ->
          checkSlcwa(core, loss, inputs, grads, expectedLoss, testCase.get("id").getAsString());
      default -> throw new AssertionError("unexpected kind " + testCase.get("kind"));
    }
  }

  private static void checkSlcwa(
      DoubleMarginLoss core,
      DjlDoubleMarginLoss loss,
      JsonObject inputs,
      JsonObject grads,
      double expectedLoss,
      String id) {
    Tensor positives = ParityCases.tensor(inputs.getAsJsonObject("positive_scores"));
    Tensor negatives = ParityCases.tensor(inputs.getAsJsonObject("negative_scores"));
    float[] expectedPositiveGradient =
        ParityCases.tensor(grads.getAsJsonObject("positive_scores")).data();
    float[] expectedNegativeGradient =
        ParityCases.tensor(grads.getAsJsonObject("negative_scores")).data();
    boolean filtered = inputs.has("batch_filter") && !inputs.get("batch_filter").isJsonNull();
    boolean[] keep = null;
    int[] filterShape = null;
    float[] dense = null;
    if (filtered) {
      JsonObject filterJson = inputs.getAsJsonObject("batch_filter");
      keep = ParityCases.booleans(filterJson);
      filterShape = ParityCases.shape(filterJson);
      dense = scatter(negatives.data(), keep, new Random(id.hashCode()));
    }
    SlcwaLossOutput coreOutput =
        core.processSlcwaScores(
            FloatTensor.of(positives.data(), positives.shape()),
            FloatTensor.of(negatives.data(), negatives.shape()),
            null,
            filtered ? BoolTensor.of(keep, filterShape) : null,
            null);
    Autograd.Outcome djl =
        filtered
            ? Autograd.slcwa(loss, positives, new Tensor(dense, filterShape), keep)
            : Autograd.slcwa(loss, positives, negatives, null);
    assertSlcwa(
        expectedLoss,
        expectedPositiveGradient,
        expectedNegativeGradient,
        coreOutput,
        djl.value(),
        djl.gradient(0),
        filtered ? djl.keptNegativeGradient(keep, negatives.data().length, "") : djl.gradient(1));
  }

  private static void assertSlcwa(
      double expectedLoss,
      float[] expectedPositiveGradient,
      float[] expectedNegativeGradient,
      SlcwaLossOutput core,
      double value,
      float[] positiveGradient,
      float[] negativeGradient) {
    assertClose(expectedLoss, value, "loss vs PyTorch");
    assertClose(core.value(), value, "loss vs core");
    assertAllClose(expectedPositiveGradient, positiveGradient, "d/d positive_scores vs PyTorch");
    assertAllClose(
        core.positiveGradient().toArray(), positiveGradient, "d/d positive_scores vs core");
    assertAllClose(expectedNegativeGradient, negativeGradient, "d/d negative_scores vs PyTorch");
    assertAllClose(
        core.negativeGradient().toArray(), negativeGradient, "d/d negative_scores vs core");
  }

  /** The kept scores in row-major order of the mask; the dropped slots get random filler. */
  static float[] scatter(float[] kept, boolean[] keep, Random random) {
    float[] dense = new float[keep.length];
    int j = 0;
    for (int i = 0; i < keep.length; i++) {
      dense[i] = keep[i] ? kept[j++] : (float) (random.nextDouble() * 60 - 30);
    }
    assertEquals(kept.length, j, "kept scores vs true entries of the filter");
    return dense;
  }

  /**
   * The DJL form takes dense negatives with a keep-mask, so the filtered-layout error cases
   * (negatives that are not the kept {@code (nnz,)} scores) have no DJL equivalent; neither has a
   * negative label smoothing in sLCWA, which DJL rejects when configuring the smoothing.
   */
  private static boolean expressibleInDjlForm(JsonObject testCase) {
    JsonObject inputs = testCase.getAsJsonObject("inputs");
    if (!testCase.get("kind").getAsString().equals("slcwa")) {
      return true;
    }
    Double smoothing = ParityCases.optionalDouble(inputs, "label_smoothing");
    boolean filtered = inputs.has("batch_filter") && !inputs.get("batch_filter").isJsonNull();
    return !filtered && (smoothing == null || smoothing > 0);
  }

  private static void checkError(JsonObject testCase) {
    String expectedError = testCase.getAsJsonObject("expected").get("error").getAsString();
    Class<? extends IllegalArgumentException> type =
        switch (expectedError) {
          case "IllegalArgumentException" -> IllegalArgumentException.class;
          case "UnsupportedLabelSmoothingException" -> UnsupportedLabelSmoothingException.class;
          default -> throw new AssertionError("unknown error type " + expectedError);
        };
    JsonObject inputs = testCase.getAsJsonObject("inputs");
    Double smoothing = ParityCases.optionalDouble(inputs, "label_smoothing");
    Integer numEntities = ParityCases.optionalInt(inputs, "num_entities");
    IllegalArgumentException error =
        assertThrows(
            type,
            () -> {
              DjlDoubleMarginLoss loss =
                  new DjlDoubleMarginLoss(DoubleMarginLoss.fromConfig(ParityCases.config(testCase)))
                      .withLabelSmoothing(smoothing, numEntities);
              if (testCase.get("kind").getAsString().equals("slcwa")) {
                Tensor positives = ParityCases.tensor(inputs.getAsJsonObject("positive_scores"));
                Tensor negatives = ParityCases.tensor(inputs.getAsJsonObject("negative_scores"));
                Autograd.slcwa(loss, positives, negatives, null);
              } else {
                Tensor x = ParityCases.tensor(inputs.getAsJsonObject("predictions"));
                Tensor t = ParityCases.tensor(inputs.getAsJsonObject("labels"));
                Autograd.lcwa(loss, x, t);
              }
            },
            testCase.getAsJsonObject("expected").get("why").getAsString());
    assertFalse(
        error.getMessage() == null || error.getMessage().isBlank(), "the error explains itself");
  }
}
