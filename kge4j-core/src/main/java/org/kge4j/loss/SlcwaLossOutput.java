package org.kge4j.loss;

import org.kge4j.tensor.FloatTensor;

/**
 * An sLCWA loss value and its gradients with respect to both score inputs.
 *
 * @param value the scalar loss
 * @param positiveGradient {@code ∂ value / ∂ positiveScores}, in the shape of the positive scores
 * @param negativeGradient {@code ∂ value / ∂ negativeScores}, in the shape of the negative scores
 */
public record SlcwaLossOutput(
    double value, FloatTensor positiveGradient, FloatTensor negativeGradient) {}
