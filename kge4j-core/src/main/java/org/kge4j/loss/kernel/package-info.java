/**
 * Fused forward-and-backward kernels of the margin losses: one pass over scores (and labels),
 * writing gradients into caller arrays, accumulating in double.
 *
 * <ul>
 *   <li>{@link org.kge4j.loss.kernel.MarginKernels}: the entry point the losses call; picks the
 *       implementation once (logged), splits large inputs into fixed chunks run on several threads
 *       with bit-identical results, and turns invalid input into exceptions.
 *   <li>{@link org.kge4j.loss.kernel.ScalarMarginKernel}: the plain reference every fast kernel is
 *       tested against.
 *   <li>{@link org.kge4j.loss.kernel.PortableMarginKernel}: the fast scalar fallback (branch-free).
 *   <li>{@code org.kge4j.loss.kernel.simd.SimdMarginKernel}: the Vector API kernel, used when the
 *       JVM runs with {@code --add-modules jdk.incubator.vector}.
 *   <li>{@link org.kge4j.loss.kernel.SoftplusMath}: the fast softplus and sigmoid both fast kernels
 *       use.
 *   <li>{@link org.kge4j.loss.kernel.LossTerm}: what one call evaluates, a {@link
 *       org.kge4j.loss.kernel.LabelledTerm}, {@link org.kge4j.loss.kernel.PositiveTerm} or {@link
 *       org.kge4j.loss.kernel.NegativeTerm} (the loss's constants and the caller's arrays).
 * </ul>
 *
 * The system properties {@code kge4j.vectorization} ({@code auto|simd|scalar|reference}) and {@code
 * kge4j.threads} override the defaults.
 */
package org.kge4j.loss.kernel;
