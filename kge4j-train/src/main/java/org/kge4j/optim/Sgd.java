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
    super(tables, learningRate, 0);
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  void update(int index, EmbeddingTable table, SparseGradient gradient) {
    int w = table.width();
    float lr = (float) learningRate;
    gradient.forEachTouchedRow(
        row -> {
          float[] x = table.blockOf(row);
          float[] g = gradient.values().blockOf(row);
          int off = table.offset(row);
          for (int k = off; k < off + w; k++) {
            x[k] -= lr * g[k];
          }
        });
  }
}
