/**
 * First-order optimizers with PyTorch's update formulas and row-sparse updates: {@link
 * org.kge4j.optim.Adam} (dense PyTorch semantics, or {@code SparseAdam}'s lazy ones), {@link
 * org.kge4j.optim.Adagrad} and {@link org.kge4j.optim.Sgd}, created by name through {@link
 * org.kge4j.optim.Optimizers}.
 */
package org.kge4j.optim;
