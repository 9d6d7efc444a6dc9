package org.kge4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.SplittableRandom;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Model;
import org.kge4j.training.EpochStats;
import org.kge4j.training.TrainingListener;
import org.kge4j.training.TrainingLoop;

/**
 * Trains one epoch on a generated power-law graph far larger than the benchmark datasets (by
 * default 2 million entities, 1,000 relations, 20 million triples) and reports the throughput and
 * the heap against the documented formula. Heads and tails are drawn with {@code id =
 * floor(E·u^k)}, {@code u} uniform, {@code k = 3}: a few entities take part in very many triples,
 * most in few, as in real graphs.
 *
 * <p>The heap a run needs is dominated by per-parameter floats and the triples:
 *
 * <pre>
 *   heap ≈ 4 B · (E + R) · w · (2 + s)      parameters, the batch gradient, s optimizer slots
 *        + 16 B · T                          the training triples (h, r, t as ints) and the
 *                                            epoch's shuffled order
 *        + (E + R) · 160 B                   labels, the label-to-id map, per-row bookkeeping
 * </pre>
 *
 * with {@code w} floats per row and {@code s} = 1 for Adagrad, 2 for (Sparse)Adam. The check is to
 * run with {@code -Xmx} at 1.3 times the formula ({@code bench/scale-bench.sh} does): the epoch
 * must finish. The {@code RESULT} line also gives the heap pools' peak (garbage included) and the
 * live heap after a full collection. Usage: {@code ScaleBench [entities] [relations] [triples]
 * [dim] [optimizer] [negatives] [batch] [threads]}.
 */
public final class ScaleBench {

  private ScaleBench() {}

  /** The formula above, in bytes. */
  static long formulaBytes(long entities, long relations, long triples, int width, int slots) {
    return 4L * (entities + relations) * width * (2 + slots)
        + 16L * triples
        + 160L * (entities + relations);
  }

  /** A power-law graph of {@code triples} triples, seeded. */
  static TriplesFactory powerLawGraph(int entities, int relations, int triples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] mapped = new int[Math.multiplyExact(3, triples)];
    for (int i = 0; i < triples; i++) {
      mapped[3 * i] = skewed(random, entities);
      mapped[3 * i + 1] = skewed(random, relations);
      mapped[3 * i + 2] = skewed(random, entities);
    }
    String[] entityLabels = new String[entities];
    for (int e = 0; e < entities; e++) {
      entityLabels[e] = "e" + e;
    }
    String[] relationLabels = new String[relations];
    for (int r = 0; r < relations; r++) {
      relationLabels[r] = "r" + r;
    }
    return TriplesFactory.fromMappedTriples(mapped, entityLabels, relationLabels);
  }

  private static int skewed(SplittableRandom random, int n) {
    double u = random.nextDouble();
    return Math.min(n - 1, (int) (n * u * u * u));
  }

  /** The heap pools' peak usage since the JVM started (or the last reset), in bytes. */
  static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** Runs the benchmark and prints one {@code RESULT} line. */
  public static void main(String[] args) {
    int entities = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int relations = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int triples = args.length > 2 ? Integer.parseInt(args[2]) : 20_000_000;
    int dim = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    String optimizer = args.length > 4 ? args[4] : "adagrad";
    int negatives = args.length > 5 ? Integer.parseInt(args[5]) : 16;
    int batch = args.length > 6 ? Integer.parseInt(args[6]) : 4096;
    int threads = args.length > 7 ? Integer.parseInt(args[7]) : 2;
    long start = System.nanoTime();
    TriplesFactory graph = powerLawGraph(entities, relations, triples, 1);
    System.out.printf(
        Locale.ROOT,
        "generated %,d entities, %,d relations, %,d distinct triples in %.1f s%n",
        graph.numEntities(),
        graph.numRelations(),
        graph.numTriples(),
        (System.nanoTime() - start) / 1e9);
    PipelineConfig config =
        PipelineConfig.builder()
            .model("distmult")
            .embeddingDim(dim)
            .optimizer(optimizer)
            .learningRate(0.1)
            .numNegsPerPos(negatives)
            .batchSize(batch)
            .numEpochs(1)
            .marginActivation("softplus")
            .build();
    Model model = config.createModel(graph.numEntities(), graph.numRelations());
    TrainingLoop loop = TrainingLoop.create(config, model, graph, null, threads);
    double[] epoch = new double[2];
    loop.train(
        new TrainingListener() {
          @Override
          public void onEpochEnd(EpochStats stats) {
            epoch[0] = stats.seconds();
            epoch[1] = stats.triplesPerSecond();
          }
        });
    int slots =
        optimizer.equalsIgnoreCase("adagrad") ? 1 : optimizer.equalsIgnoreCase("sgd") ? 0 : 2;
    long formula =
        formulaBytes(
            graph.numEntities(),
            graph.numRelations(),
            graph.numTriples(),
            model.entityEmbeddings().width(),
            slots);
    long peak = peakHeap();
    System.gc();
    long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(
        Locale.ROOT,
        "RESULT scale entities=%d relations=%d triples=%d dim=%d optimizer=%s negatives=%d batch=%d"
            + " threads=%d epoch_seconds=%.1f triples_per_s=%.0f peak_heap_mib=%.0f"
            + " live_heap_mib=%.0f formula_mib=%.0f max_heap_mib=%.0f%n",
        graph.numEntities(),
        graph.numRelations(),
        graph.numTriples(),
        dim,
        optimizer,
        negatives,
        batch,
        threads,
        epoch[0],
        epoch[1],
        peak / 1048576.0,
        live / 1048576.0,
        formula / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }
}
