/**
 * KGE losses with PyKEEN's semantics and analytic gradients: {@link
 * org.kge4j.loss.DoubleMarginLoss} and its parts ({@link org.kge4j.loss.MarginActivation}, {@link
 * org.kge4j.loss.Reduction}, {@link org.kge4j.loss.Margins}), resolved by name through {@link
 * org.kge4j.loss.Losses}.
 */
package org.kge4j.loss;
