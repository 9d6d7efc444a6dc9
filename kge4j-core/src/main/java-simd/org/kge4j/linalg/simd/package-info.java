/**
 * The SIMD implementation of {@link org.kge4j.linalg.DenseKernel} on the incubating Vector API;
 * compiled with {@code --add-modules jdk.incubator.vector} and loaded reflectively by {@link
 * org.kge4j.linalg.DenseKernels} only when that module is present.
 */
package org.kge4j.linalg.simd;
