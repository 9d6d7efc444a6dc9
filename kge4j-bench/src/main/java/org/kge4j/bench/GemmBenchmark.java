package org.kge4j.bench;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.SplittableRandom;
import org.kge4j.evaluation.BlockRankCounter;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.DenseKernels;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.EntityPanels;
import org.kge4j.model.Interaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The 1-N scoring of one evaluation unit, {@code S = Q·Eᵀ} for {@code m} queries of {@code k}
 * floats against all {@code n} entity rows ({@code m·n·k} FMAs), on one thread, three ways:
 *
 * <ul>
 *   <li>{@code kge4j}: the block kernel over packed entity panels, in passes of {@link
 *       BlockRankCounter#PASS_PANELS} panels into a reused buffer, exactly as the evaluator ({@code
 *       BlockRanker}) calls it;
 *   <li>{@code netlib-java}: {@code dev.ludovic.netlib}'s pure-JVM BLAS (its Vector API
 *       implementation when {@code jdk.incubator.vector} is present), {@code sgemm("T", "N")} over
 *       the same passes of rows, row-major as they are stored;
 *   <li>{@code netlib-native}: the same call through JNI to the system's {@code libblas.so.3}
 *       (OpenBLAS on Debian; run with {@code OPENBLAS_NUM_THREADS=1} to compare one core with one
 *       core). Skipped with a message where no native BLAS loads.
 * </ul>
 *
 * Defaults are FB15k-237's evaluation unit for ComplEx dim 128 ({@code n = 14,505}, {@code k =
 * 256}, {@code m = 192}, the evaluator's {@code QUERY_BLOCK}). One operation is one unit; FMA/s =
 * {@code m·n·k} / time.
 */
public class GemmBenchmark extends AverageTimeBenchmark {

  /** Entities per pass, as the evaluator's {@code PASS_PANELS × PANEL}. */
  static final int PASS = BlockRankCounter.PASS_PANELS * EntityPanels.PANEL;

  /** Which implementation multiplies. */
  @Param({"kge4j", "netlib-java", "netlib-native"})
  public String impl;

  /** Queries per unit. */
  @Param({"192"})
  public int m;

  /** Entities. */
  @Param({"14505"})
  public int n;

  /** Floats per row. */
  @Param({"256"})
  public int k;

  float[] queries;
  float[] entities;
  float[] scores;
  EntityPanels panels;
  BLAS blas;
  private final DenseKernel kernel = DenseKernels.active();

  /** Draws the queries and entities and packs the panels (not timed, as in evaluation). */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    queries = new float[m * k];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = (float) random.nextGaussian();
    }
    EmbeddingTable table = new EmbeddingTable("entities", n, k);
    entities = new float[n * k];
    for (int e = 0; e < n; e++) {
      float[] row = new float[k];
      for (int r = 0; r < k; r++) {
        row[r] = (float) random.nextGaussian();
      }
      table.setRow(e, row);
      System.arraycopy(row, 0, entities, e * k, k);
    }
    scores = new float[m * PASS];
    switch (impl) {
      case "kge4j" -> panels = new EntityPanels(table);
      case "netlib-java" -> blas = JavaBLAS.getInstance();
      case "netlib-native" -> blas = NativeBLAS.getInstance();
      default -> throw new IllegalArgumentException("unknown impl " + impl);
    }
  }

  /**
   * Scores every query against every entity, pass by pass.
   *
   * @return one score, so that the work cannot be eliminated
   */
  @Benchmark
  public float scoreUnit() {
    float sum = 0f;
    if (panels != null) {
      for (int p0 = 0; p0 < panels.numPanels(); p0 += PASS / EntityPanels.PANEL) {
        int p1 = Math.min(panels.numPanels(), p0 + PASS / EntityPanels.PANEL);
        panels.score(kernel, Interaction.DOT, queries, 0, m, p0, p1, scores, 0, PASS);
        sum += scores[0];
      }
      return sum;
    }
    for (int e0 = 0; e0 < n; e0 += PASS) {
      int columns = Math.min(PASS, n - e0);
      // column-major C (columns × m) is row-major (m × columns): scores[i·columns + e]
      blas.sgemm(
          "T", "N", columns, m, k, 1f, entities, e0 * k, k, queries, 0, k, 0f, scores, 0, columns);
      sum += scores[0];
    }
    return sum;
  }
}
