package org.kge4j.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.model.Gradients;
import org.kge4j.model.Model;
import org.kge4j.model.SparseGradient;
import org.kge4j.optim.Optimizer;
import org.kge4j.optim.Optimizers;
import org.kge4j.training.EpochStats;
import org.kge4j.training.TrainingListener;
import org.kge4j.training.TrainingLoop;

/**
 * The training and evaluation benchmark's harness (run by {@code bench/train-bench.sh}): it times
 * what {@code ./kge4j train} does on a real graph and states each figure against the machine's
 * measured FMA peak. One {@code RESULT} line per case:
 *
 * <ul>
 *   <li>{@code peak THREADS}: the FMA peak ({@link FmaPeak}), float FMAs per second;
 *   <li>{@code bandwidth THREADS}: the memory bandwidth ({@link MemoryBandwidth}, STREAM's triad),
 *       bytes per second;
 *   <li>{@code adamrate THREADS}: dense Adam's arithmetic limit ({@link AdamRate}), parameter
 *       values updated per second with every array in L1;
 *   <li>{@code step DATASET MODEL DIM OPTIMIZER ROWS}: one optimizer step on the model's tables
 *       with a gradient in {@code ROWS} random entity rows and every relation row (a batch's
 *       touched rows), in milliseconds, and the bytes it moves per second: {@code adam} reads
 *       parameter, gradient and both moments of every row and writes three of them back ({@code 7 ×
 *       4} bytes per value), {@code sparseadam} the same in the distinct touched rows only;
 *   <li>{@code slcwa DATASET MODEL DIM K BATCH THREADS EPOCHS [SAMPLER [OPTIMIZER]]}: sLCWA epochs
 *       (the first is the JIT's warm-up and is not counted) with softplus, lr 0.01, the negative
 *       sampler {@code SAMPLER} ({@code basic}, or {@code shared} for the block path) and {@code
 *       OPTIMIZER} ({@code adam} unless given); positives per second and FMA per second, counting
 *       {@code 3·(K + 1)·w} per positive (the scores of its K negatives and its positive, the
 *       gradient of the queries and of the candidates, {@code w} floats per row);
 *   <li>{@code lcwa DATASET MODEL DIM BATCH THREADS EPOCHS}: LCWA epochs, counting {@code 3·E·w}
 *       per instance (the 1-N scores, {@code ∂/∂Q} and {@code ∂/∂E});
 *   <li>{@code eval DATASET MODEL DIM THREADS REPEATS}: filtered evaluation of the testing split
 *       (both sides) of a randomly initialised model, counting {@code 2·n·E·w}; the best of the
 *       repeats after one warm-up.
 * </ul>
 */
public final class TrainBench {

  private TrainBench() {}

  /** Runs one case; see the class comment. */
  public static void main(String[] args) throws InterruptedException {
    switch (args[0]) {
      case "peak" -> {
        int threads = Integer.parseInt(args[1]);
        double peak = FmaPeak.measure(threads, 5, 1.0);
        System.out.printf(
            Locale.ROOT,
            "RESULT peak threads=%d fma_per_s=%.4g vector_bits=%d%n",
            threads,
            peak,
            FmaPeak.vectorBits());
      }
      case "bandwidth" -> {
        int threads = Integer.parseInt(args[1]);
        System.out.printf(
            Locale.ROOT,
            "RESULT bandwidth threads=%d bytes_per_s=%.4g%n",
            threads,
            MemoryBandwidth.measure(threads, 5));
      }
      case "adamrate" -> {
        int threads = Integer.parseInt(args[1]);
        System.out.printf(
            Locale.ROOT,
            "RESULT adamrate threads=%d values_per_s=%.4g%n",
            threads,
            AdamRate.measure(threads, 5, 1.0));
      }
      case "step" -> optimizerStep(args);
      case "slcwa", "lcwa" -> train(args);
      case "eval" -> evaluate(args);
      default -> throw new IllegalArgumentException("unknown case " + args[0]);
    }
  }

  private static void train(String[] args) {
    boolean slcwa = args[0].equals("slcwa");
    int i = 1;
    String dataset = args[i++];
    String model = args[i++];
    int dim = Integer.parseInt(args[i++]);
    int negatives = slcwa ? Integer.parseInt(args[i++]) : 0;
    int batch = Integer.parseInt(args[i++]);
    int threads = Integer.parseInt(args[i++]);
    int epochs = Integer.parseInt(args[i++]);
    String sampler = slcwa && i < args.length ? args[i++] : "basic";
    String optimizer = i < args.length ? args[i] : "adam";
    Dataset data = Datasets.load(dataset);
    PipelineConfig.Builder builder =
        PipelineConfig.builder()
            .dataset(dataset)
            .model(model)
            .embeddingDim(dim)
            .trainingLoop(slcwa ? LoopKind.SLCWA : LoopKind.LCWA)
            .batchSize(batch)
            .optimizer(optimizer)
            .learningRate(0.01)
            .marginActivation("softplus")
            .numEpochs(epochs);
    if (slcwa) {
      builder.numNegsPerPos(negatives).negativeSampler(sampler);
    }
    PipelineConfig config = builder.build();
    Model m = config.createModel(data.numEntities(), data.numRelations());
    TrainingLoop loop = TrainingLoop.create(config, m, data.training(), null, threads);
    double[] seconds = {0};
    int[] counted = {0};
    loop.train(
        new TrainingListener() {
          @Override
          public void onEpochEnd(EpochStats stats) {
            if (stats.epoch() > 1) {
              seconds[0] += stats.seconds();
              counted[0]++;
            }
          }
        });
    int width = m.entityEmbeddings().width();
    long instances = slcwa ? data.training().numTriples() : LcwaInstances.count(data.training());
    double perSecond = instances * counted[0] / seconds[0];
    double fmaPerInstance =
        slcwa ? 3.0 * (negatives + 1) * width : 3.0 * data.numEntities() * width;
    System.out.printf(
        Locale.ROOT,
        "RESULT %s dataset=%s model=%s dim=%d negatives=%d sampler=%s optimizer=%s batch=%d"
            + " threads=%d %s_per_s=%.0f triples_per_s=%.0f fma_per_s=%.4g epoch_seconds=%.2f%n",
        args[0],
        dataset,
        model,
        dim,
        negatives,
        slcwa ? sampler : "none",
        optimizer,
        batch,
        threads,
        slcwa ? "positives" : "instances",
        perSecond,
        data.training().numTriples() * counted[0] / seconds[0],
        perSecond * fmaPerInstance,
        seconds[0] / counted[0]);
  }

  private static void optimizerStep(String[] args) {
    Dataset data = Datasets.load(args[1]);
    int dim = Integer.parseInt(args[3]);
    String optimizerName = args[4];
    int rows = Integer.parseInt(args[5]);
    PipelineConfig config =
        PipelineConfig.builder().dataset(args[1]).model(args[2]).embeddingDim(dim).build();
    Model m = config.createModel(data.numEntities(), data.numRelations());
    Optimizer optimizer =
        Optimizers.create(
            optimizerName, List.of(m.entityEmbeddings(), m.relationEmbeddings()), 0.01);
    Gradients gradients = Gradients.of(m);
    SplittableRandom random = new SplittableRandom(1);
    int steps = 200;
    double best = Double.MAX_VALUE;
    // distinct rows: random draws repeat rows (3,072 of FB15k-237's 14,505 are about 2,770)
    int touchedRows = 0;
    for (int rep = 0; rep < 6; rep++) {
      long start = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        touch(gradients.entities(), rows, random);
        touch(gradients.relations(), data.numRelations(), random);
        touchedRows = gradients.entities().numTouched() + gradients.relations().numTouched();
        optimizer.step(List.of(gradients.entities(), gradients.relations()));
        gradients.clear();
      }
      double elapsed = (System.nanoTime() - start) / 1e9 / steps;
      if (rep > 0) {
        best = Math.min(best, elapsed);
      }
    }
    int width = m.entityEmbeddings().width();
    long values =
        optimizer.updatesUntouchedRows()
            ? (long) (data.numEntities() + data.numRelations()) * width
            : (long) touchedRows * width;
    System.out.printf(
        Locale.ROOT,
        "RESULT step dataset=%s model=%s dim=%d optimizer=%s rows=%d ms=%.3f bytes_per_s=%.4g"
            + " (step, touching and clearing the gradient)%n",
        args[1],
        args[2],
        dim,
        optimizerName,
        rows,
        best * 1e3,
        7.0 * Float.BYTES * values / best);
  }

  /** Adds 1 to the first value of {@code rows} random rows (or every row if there are fewer). */
  private static void touch(SparseGradient gradient, int rows, SplittableRandom random) {
    for (int i = 0; i < rows; i++) {
      int row =
          rows >= gradient.numRows() ? i % gradient.numRows() : random.nextInt(gradient.numRows());
      gradient.values().blockOf(row)[gradient.touch(row)] += 1f;
    }
  }

  private static void evaluate(String[] args) {
    Dataset data = Datasets.load(args[1]);
    int dim = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    int repeats = Integer.parseInt(args[5]);
    PipelineConfig config =
        PipelineConfig.builder().dataset(args[1]).model(args[2]).embeddingDim(dim).build();
    Model model = config.createModel(data.numEntities(), data.numRelations());
    RankBasedEvaluator evaluator = RankBasedEvaluator.builder().numThreads(threads).build();
    double best = Double.POSITIVE_INFINITY;
    MetricResults metrics = null;
    for (int r = 0; r <= repeats; r++) {
      long start = System.nanoTime();
      metrics =
          evaluator.evaluate(model, data.testing(), List.of(data.training(), data.validation()));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (r > 0) {
        best = Math.min(best, seconds);
      }
    }
    int width = model.entityEmbeddings().width();
    double fma = 2.0 * data.testing().numTriples() * data.numEntities() * width;
    System.out.printf(
        Locale.ROOT,
        "RESULT eval dataset=%s model=%s dim=%d threads=%d test_triples=%d seconds=%.3f"
            + " fma_per_s=%.4g mrr=%.5f%n",
        args[1],
        args[2],
        dim,
        threads,
        data.testing().numTriples(),
        best,
        fma / best,
        metrics.meanReciprocalRank());
  }
}
