package org.kge4j.optim;

import java.util.List;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.SparseGradient;

/**
 * Plain stochastic gradient descent, PyTorch's {@code SGD} without momentum or weight decay: {@code
 * θ ← θ - lr · g}. Rows without gradient do not move, so updating only touched rows is exact.
 */
public final class Sgd extends AbstractOptimizer {

  /**
   * Binds SGD to {@code tables}.
   *
   * @throws IllegalArgumentException if {@code learningRate} is not finite and positive
   */
  public Sgd(List<EmbeddingTable> tables, double learningRate) {
    super("sgd", tables, learningRate, 0);
  }

  @Override
  void update(int index, EmbeddingTable table, SparseGradient gradient) {
    int w = table.width();
    float lr = (float) learningRate;
    forEachTouchedRow(
        table,
        gradient,
        (row, x, g, off) -> {
          for (int k = off; k < off + w; k++) {
            x[k] -= lr * g[k];
          }
        });
  }
}
