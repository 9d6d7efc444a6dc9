/**
 * Dense float kernels for embedding models: row operations (dot products, distances, scaled
 * additions) and a cache-blocked, register-tiled block operation for many queries against many rows
 * ({@link org.kge4j.linalg.DenseKernel}), with a SIMD implementation on the Vector API and a
 * portable fallback ({@link org.kge4j.linalg.DenseKernels}).
 */
package org.kge4j.linalg;
