/**
 * The SIMD loss kernel ({@link org.kge4j.loss.kernel.simd.SimdMarginKernel}), written with the
 * incubating Java Vector API. This source set is compiled with {@code --add-modules
 * jdk.incubator.vector} and loaded reflectively by {@link org.kge4j.loss.kernel.MarginKernels} only
 * when the running JVM has that module, so the rest of kge4j never links to it and needs no JVM
 * flag.
 */
package org.kge4j.loss.kernel.simd;
