package org.kge4j.optim;

import java.util.List;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.SparseGradient;

/**
 * PyTorch's {@code Adagrad} with its defaults ({@code lr_decay = 0}, {@code weight_decay = 0},
 * {@code initial_accumulator_value = 0}, {@code eps = 1e-10}): {@code s ← s + g²}, {@code θ ← θ -
 * lr · g / (sqrt(s) + eps)}. A row without gradient keeps both its accumulator and its value, so
 * updating only touched rows is exact.
 */
public final class Adagrad extends AbstractOptimizer {

  /** PyTorch's default {@code eps}. */
  public static final double EPS = 1e-10;

  private static final DenseKernel KERNEL = DenseKernels.active();

  /**
   * Binds Adagrad to {@code tables}.
   *
   * @throws IllegalArgumentException if {@code learningRate} is not finite and positive
   */
  public Adagrad(List<EmbeddingTable> tables, double learningRate) {
    super("adagrad", tables, learningRate, 1);
  }

  @Override
  void update(int index, EmbeddingTable table, SparseGradient gradient) {
    EmbeddingTable sums = state[index][0];
    int w = table.width();
    float lr = (float) learningRate;
    float eps = (float) EPS;
    forEachTouchedRow(
        table,
        gradient,
        (row, x, g, off) -> KERNEL.adagradStep(x, g, sums.blockOf(row), off, w, lr, eps));
  }
}
