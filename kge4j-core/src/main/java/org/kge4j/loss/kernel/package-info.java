/**
 * Fused forward-and-backward kernels of the margin losses: one pass over scores (and labels),
 * writing gradients into caller arrays, accumulating in double. {@link org.kge4j.loss.kernel.MarginKernels}
 * chooses the implementation; {@link org.kge4j.loss.kernel.ScalarMarginKernel} is the reference.
 */
package org.kge4j.loss.kernel;
