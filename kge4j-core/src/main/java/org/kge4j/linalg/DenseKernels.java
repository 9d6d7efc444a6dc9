package org.kge4j.linalg;

import org.kge4j.vectorization.VectorizationProvider;

/**
 * The dense kernel this JVM uses, chosen once as the loss kernels are (see {@link
 * VectorizationProvider}): the SIMD kernel {@code org.kge4j.linalg.simd.SimdDenseKernel} when the
 * JVM runs with {@code --add-modules jdk.incubator.vector}, else {@link PortableDenseKernel}; the
 * system property {@code kge4j.vectorization=scalar} (or {@code reference}) forces the portable
 * one. The choice is logged once.
 */
public final class DenseKernels {

  /** The SIMD kernel, named only as a string so that nothing links to it without the module. */
  public static final String SIMD_CLASS = "org.kge4j.linalg.simd.SimdDenseKernel";

  private static final DenseKernel ACTIVE =
      VectorizationProvider.lookup(
          "dense kernels",
          SIMD_CLASS,
          DenseKernel.class,
          PortableDenseKernel.INSTANCE,
          PortableDenseKernel.INSTANCE);

  private DenseKernels() {}

  /** The kernel chosen for this JVM. */
  public static DenseKernel active() {
    return ACTIVE;
  }
}
