package org.kge4j.loss;

import org.kge4j.tensor.FloatTensor;

/**
 * A loss value and its gradient with respect to the predictions, equal to what PyTorch's autograd
 * returns for {@code loss.backward()}.
 *
 * @param value the scalar loss
 * @param gradient {@code ∂ value / ∂ predictions}, in the shape of the predictions
 */
public record LossOutput(double value, FloatTensor gradient) {}
