package org.kge4j.loss.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kge4j.linalg.DenseKernels;
import org.kge4j.vectorization.VectorizationProvider;
import org.kge4j.vectorization.VectorizationProvider.Choice;
import org.kge4j.vectorization.VectorizationProvider.Mode;

/**
 * The choice of kernel. Surefire runs this class twice: with {@code --add-modules
 * jdk.incubator.vector} (SIMD active) and without it (the automatic fallback to the portable scalar
 * kernel).
 */
class VectorizationProviderTest {
  private static Choice<MarginKernel> choose(
      Mode mode, boolean present, java.util.function.Supplier<MarginKernel> simd) {
    return VectorizationProvider.choose(
        mode, present, simd, PortableMarginKernel.INSTANCE, ScalarMarginKernel.INSTANCE);
  }

  private static final MarginKernel FAKE_SIMD = PortableMarginKernel.INSTANCE;

  @Test
  void activeKernelFollowsTheBootLayer() {
    boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    String forced = System.getProperty(VectorizationProvider.PROPERTY);
    if (forced != null) {
      return; // a forced mode is covered by the decision tests below
    }
    String active = MarginKernels.active().getClass().getName();
    if (vectorModule) {
      assertEquals(MarginKernels.SIMD_CLASS, active);
    } else {
      assertSame(
          PortableMarginKernel.INSTANCE,
          MarginKernels.active(),
          "without jdk.incubator.vector the portable scalar kernel must run, got " + active);
    }
  }

  /**
   * Two vector widths in one JVM make HotSpot's shared {@code FloatVector} call sites polymorphic,
   * and C2 then boxes the dense kernels' vectors (sLCWA training 4x slower on FB15k-237).
   */
  @Test
  void denseAndLossKernelsUseOneVectorWidth() {
    if (System.getProperty(VectorizationProvider.PROPERTY) != null) {
      return; // a forced mode may pick different kernel kinds
    }
    String loss = MarginKernels.active().toString();
    String dense = DenseKernels.active().toString();
    if (loss.startsWith("SIMD")) {
      assertEquals(loss, dense, "the dense kernels must use the loss kernels' vector width");
    }
  }

  @Test
  void autoModeKeepsShortCallsOnThePortableKernel() {
    if (System.getProperty(VectorizationProvider.PROPERTY) != null) {
      return; // forced modes use their kernel for every size
    }
    assertSame(
        PortableMarginKernel.INSTANCE,
        MarginKernels.kernelFor(MarginKernels.SIMD_MIN_ELEMENTS - 1),
        "short calls must not wait for the Vector API's JIT warm-up");
    assertSame(MarginKernels.active(), MarginKernels.kernelFor(MarginKernels.SIMD_MIN_ELEMENTS));
  }

  // an empty first column is null: the property is not set
  @ParameterizedTest
  @CsvSource({", AUTO", "' SIMD ', SIMD", "scalar, SCALAR", "Reference, REFERENCE"})
  void modesParseIgnoringCaseAndBlanks(String value, Mode mode) {
    assertEquals(mode, Mode.parse(value));
  }

  @Test
  void anUnknownModeNamesTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Mode.parse("avx"));
    assertTrue(
        e.getMessage().contains("'avx'")
            && e.getMessage().contains("auto, simd, scalar, reference"),
        e.getMessage());
  }

  @Test
  void autoUsesSimdOnlyWhenTheModuleIsPresent() {
    Choice<MarginKernel> without =
        choose(Mode.AUTO, false, () -> fail("must not load without module"));
    assertSame(PortableMarginKernel.INSTANCE, without.kernel());
    assertEquals(System.Logger.Level.INFO, without.level());
    assertTrue(without.reason().contains("--add-modules jdk.incubator.vector"), without.reason());
    assertSame(FAKE_SIMD, choose(Mode.AUTO, true, () -> FAKE_SIMD).kernel());
  }

  @Test
  void simdThatCannotRunFallsBackWithAReason() {
    Choice<MarginKernel> failed =
        choose(
            Mode.AUTO,
            true,
            () -> {
              throw new UnsupportedOperationException("128-bit vectors only");
            });
    assertSame(PortableMarginKernel.INSTANCE, failed.kernel());
    assertTrue(failed.reason().contains("128-bit vectors only"), failed.reason());
    Choice<MarginKernel> forcedWithoutModule = choose(Mode.SIMD, false, () -> FAKE_SIMD);
    assertSame(PortableMarginKernel.INSTANCE, forcedWithoutModule.kernel());
    assertEquals(System.Logger.Level.WARNING, forcedWithoutModule.level());
  }

  @Test
  void forcedScalarAndReferenceIgnoreTheModule() {
    assertSame(
        PortableMarginKernel.INSTANCE,
        choose(Mode.SCALAR, true, () -> fail("scalar must not load SIMD")).kernel());
    assertSame(
        ScalarMarginKernel.INSTANCE,
        choose(Mode.REFERENCE, true, () -> fail("reference must not load SIMD")).kernel());
  }
}
