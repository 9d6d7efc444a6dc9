/**
 * Interaction models with analytic gradients: {@link org.kge4j.model.TransE}, {@link
 * org.kge4j.model.DistMult}, {@link org.kge4j.model.ComplEx} and {@link org.kge4j.model.RotatE},
 * created by name through {@link org.kge4j.model.Models}, with PyKEEN 1.10's default
 * initialisations, constraints and regularizers. Parameters live in {@link
 * org.kge4j.model.EmbeddingTable}s; gradients accumulate row-sparsely in {@link
 * org.kge4j.model.SparseGradient}s. Every model declares its {@link org.kge4j.model.ScoreRange},
 * which training checks against the loss's margins.
 */
package org.kge4j.model;
