package org.kge4j.loss.kernel;

import java.util.ArrayList;
import java.util.List;
import org.kge4j.vectorization.VectorizationProvider;

/**
 * The fast kernels under test: the portable one always, the SIMD one when the JVM has the Vector
 * API.
 */
final class Kernels {
  private Kernels() {}

  /** The SIMD kernel, or null without {@code --add-modules jdk.incubator.vector}. */
  static MarginKernel simdOrNull() {
    if (ModuleLayer.boot().findModule(VectorizationProvider.VECTOR_MODULE).isEmpty()) {
      return null;
    }
    try {
      return (MarginKernel)
          Class.forName(MarginKernels.SIMD_CLASS).getMethod("create").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("the SIMD kernel must load when the module is present", e);
    }
  }

  static List<MarginKernel> fast() {
    List<MarginKernel> kernels = new ArrayList<>();
    kernels.add(PortableMarginKernel.INSTANCE);
    MarginKernel simd = simdOrNull();
    if (simd != null) {
      kernels.add(simd);
    }
    return kernels;
  }
}
