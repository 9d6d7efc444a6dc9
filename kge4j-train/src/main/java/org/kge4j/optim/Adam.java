package org.kge4j.optim;

import java.util.List;
import java.util.stream.IntStream;
import org.kge4j.linalg.AdamStep;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.SparseGradient;

/**
 * Adam with PyTorch's defaults ({@code betas = (0.9, 0.999)}, {@code eps = 1e-8}, no weight decay),
 * in one of two semantics:
 *
 * <ul>
 *   <li><b>dense</b> ({@code adam}, the default; exactly {@code torch.optim.Adam} on a dense
 *       embedding, which is what PyKEEN trains with): every row is updated at every step, rows
 *       outside the batch with gradient 0, so their moments decay and their momentum keeps moving
 *       them: {@code m ← m + (1-β1)(g - m)}, {@code v ← β2 v + (1-β2) g²}, {@code θ ← θ -
 *       lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + eps)}. Costs one pass over all parameters per
 *       step, split across the common fork-join pool for tables of more than 2^18 values
 *       (element-wise, so the result does not depend on the split).
 *   <li><b>lazy</b> ({@code sparseadam}, {@code torch.optim.SparseAdam}): only the touched rows'
 *       moments ({@code m += (1-β1)(g - m)}, {@code v += (1-β2)(g² - v)}) and values change, with
 *       the global step count {@code t} in the bias corrections: {@code θ ← θ -
 *       lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + eps)}. Costs time in the touched rows only, for
 *       large graphs; rows outside the batch do not drift.
 * </ul>
 */
public final class Adam extends AbstractOptimizer {

  /** PyTorch's default first-moment decay. */
  public static final double BETA1 = 0.9;

  /** PyTorch's default second-moment decay. */
  public static final double BETA2 = 0.999;

  /** PyTorch's default {@code eps}. */
  public static final double EPS = 1e-8;

  /** Values per parallel task of the dense update; smaller tables are updated on one thread. */
  private static final int PARALLEL_CHUNK = 1 << 18;

  private static final DenseKernel KERNEL = DenseKernels.active();

  private final boolean lazy;

  /**
   * Binds Adam to {@code tables}.
   *
   * @param lazy {@code false} for PyTorch's dense {@code Adam}, {@code true} for {@code
   *     SparseAdam}'s touched-rows-only update
   * @throws IllegalArgumentException if {@code learningRate} is not finite and positive
   */
  public Adam(List<EmbeddingTable> tables, double learningRate, boolean lazy) {
    super(lazy ? "sparseadam" : "adam", tables, learningRate, 2);
    this.lazy = lazy;
  }

  /** Whether this is the touched-rows-only ({@code SparseAdam}) variant. */
  public boolean lazy() {
    return lazy;
  }

  @Override
  public boolean updatesUntouchedRows() {
    return !lazy;
  }

  @Override
  void update(int index, EmbeddingTable table, SparseGradient gradient) {
    EmbeddingTable first = state[index][0];
    EmbeddingTable second = state[index][1];
    double bc1 = 1.0 - Math.pow(BETA1, steps);
    double bc2 = 1.0 - Math.pow(BETA2, steps);
    float oneMinusBeta1 = (float) (1.0 - BETA1);
    float beta2 = (float) BETA2;
    float oneMinusBeta2 = (float) (1.0 - BETA2);
    float eps = (float) EPS;
    if (!lazy) {
      AdamStep step =
          new AdamStep(
              false,
              (float) (learningRate / bc1),
              oneMinusBeta1,
              beta2,
              oneMinusBeta2,
              (float) Math.sqrt(bc2),
              eps);
      // element-wise and order-free, so splitting large tables across threads changes nothing
      for (int b = 0; b < table.numBlocks(); b++) {
        float[] x = table.block(b);
        float[] g = gradient.values().block(b);
        float[] m = first.block(b);
        float[] v = second.block(b);
        int chunks = (x.length + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK;
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range)
            .forEach(
                c -> {
                  int start = c * PARALLEL_CHUNK;
                  int end = Math.min(x.length, start + PARALLEL_CHUNK);
                  KERNEL.adamStep(step, x, g, m, v, start, end - start);
                });
      }
      return;
    }
    // SparseAdam folds both bias corrections into the step size
    AdamStep step =
        new AdamStep(
            true,
            (float) (learningRate * Math.sqrt(bc2) / bc1),
            oneMinusBeta1,
            beta2,
            oneMinusBeta2,
            1f,
            eps);
    int w = table.width();
    forEachTouchedRow(
        table,
        gradient,
        (row, x, g, off) -> {
          // SparseAdam moves both moments towards their targets, v by (1-β2)(g² - v)
          KERNEL.adamStep(step, x, g, first.blockOf(row), second.blockOf(row), off, w);
        });
  }
}
