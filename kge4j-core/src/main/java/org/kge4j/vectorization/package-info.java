/**
 * How kge4j picks its SIMD or portable kernels once per JVM ({@link
 * org.kge4j.vectorization.VectorizationProvider}); shared plumbing of the loss and dense kernels.
 */
package org.kge4j.vectorization;
