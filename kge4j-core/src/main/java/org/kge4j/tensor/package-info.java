/**
 * Minimal immutable tensors for the loss API: row-major float32 {@link
 * org.kge4j.tensor.FloatTensor}, {@link org.kge4j.tensor.BoolTensor} masks, and NumPy/PyTorch
 * broadcasting in {@link org.kge4j.tensor.Shapes}.
 */
package org.kge4j.tensor;
