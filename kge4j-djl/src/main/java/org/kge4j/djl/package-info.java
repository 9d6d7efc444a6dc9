/**
 * kge4j's losses as Deep Java Library losses: {@link org.kge4j.djl.DjlDoubleMarginLoss} computes
 * core's {@code DoubleMarginLoss} with NDArray operations, so DJL's engines differentiate it
 * (autograd, CPU or GPU) and it plugs into a {@code Trainer} like any {@code ai.djl} loss.
 */
package org.kge4j.djl;
