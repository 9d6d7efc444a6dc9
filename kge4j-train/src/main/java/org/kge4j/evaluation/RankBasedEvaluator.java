package org.kge4j.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.kge4j.concurrent.DaemonThreads;
import org.kge4j.data.Dataset;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Model;

/**
 * Filtered rank-based link-prediction evaluation, PyKEEN's {@code RankBasedEvaluator}.
 *
 * <p>For every evaluation triple {@code (h, r, t)} the model scores all entities as tail of {@code
 * (h, r, ?)} ("tail" side) and as head of {@code (?, r, t)} ("head" side). With filtering (the
 * default) every other entity {@code e} that forms a known triple — in the evaluation triples
 * themselves or in {@code filterTriples}, usually training and validation — is removed from the
 * candidates, so a model is not punished for ranking another true answer first. With {@code s} the
 * true entity's score and {@code C} the remaining candidates (true entity included):
 *
 * <pre>
 *   optimistic rank  = 1 + |{e in C : score(e) &gt;  s}|
 *   pessimistic rank =     |{e in C : score(e) &gt;= s}|
 *   realistic rank   = (optimistic + pessimistic) / 2
 * </pre>
 *
 * Metrics over the ranks {@code r_1..r_n} of a side ({@code head}, {@code tail}, or {@code both} =
 * the ranks of both sides together) and rank type, under PyKEEN's names:
 *
 * <pre>
 *   arithmetic_mean_rank                 MR   = mean(r_i)
 *   inverse_harmonic_mean_rank           MRR  = mean(1 / r_i)
 *   hits_at_k                                 = mean([r_i &lt;= k])
 *   median_rank                               = median(r_i)
 *   adjusted_arithmetic_mean_rank        AMR  = MR / mean((|C_i| + 1) / 2)
 *   adjusted_arithmetic_mean_rank_index  AMRI = 1 - (MR - 1) / (mean((|C_i| + 1) / 2) - 1)
 *   count                                     = n
 * </pre>
 *
 * {@code (|C_i| + 1) / 2} is the expected rank of a random scorer, so AMRI is 0 for random scores
 * and 1 for perfect ones (undefined, NaN, only when every ranking has a single candidate).
 *
 * <p>Evaluation triples are processed in parallel chunks; each rank is stored at its triple's index
 * and the metrics are reduced sequentially in index order, so results do not depend on the number
 * of threads. A NaN score is an error. Instances are immutable and thread-safe.
 */
public final class RankBasedEvaluator {

  /** PyKEEN's default Hits@k cut-offs. */
  public static final List<Integer> DEFAULT_KS = List.of(1, 3, 5, 10);

  /** The sides, in key order. */
  public static final List<String> SIDES = List.of("head", "tail", "both");

  /** The rank types, in key order. */
  public static final List<String> RANK_TYPES = List.of("optimistic", "pessimistic", "realistic");

  private static final int CHUNK_SIZE = 32;

  /**
   * The names of the rank metrics under each {@code <side>.<rank type>.} prefix of an evaluator
   * with the Hits@k cut-offs {@code ks}, in key order and without {@code count}: {@code
   * arithmetic_mean_rank}, {@code inverse_harmonic_mean_rank}, {@code hits_at_<k>} for each {@code
   * k}, {@code median_rank}, {@code adjusted_arithmetic_mean_rank} and {@code
   * adjusted_arithmetic_mean_rank_index}. Published once, so that what names a metric elsewhere (an
   * HPO objective) reads the evaluator's own list.
   */
  public static List<String> metricNames(List<Integer> ks) {
    List<String> names = new ArrayList<>();
    names.add("arithmetic_mean_rank");
    names.add("inverse_harmonic_mean_rank");
    for (int k : ks) {
      names.add("hits_at_" + k);
    }
    names.add("median_rank");
    names.add("adjusted_arithmetic_mean_rank");
    names.add("adjusted_arithmetic_mean_rank_index");
    return List.copyOf(names);
  }

  /** Key prefix of the metrics of sampled ranking, so they are never read as full ranking's. */
  public static final String SAMPLED_PREFIX = "sampled.";

  private final int[] ks;
  private final boolean filtered;
  private final int numThreads;
  private final int sampledCandidates;
  private final long samplingSeed;

  /** A filtered evaluator with Hits@{1,3,5,10} using all available processors. */
  public RankBasedEvaluator() {
    this(builder());
  }

  private RankBasedEvaluator(Builder builder) {
    this.ks = builder.ks.clone();
    this.filtered = builder.filtered;
    this.numThreads = builder.numThreads;
    this.sampledCandidates = builder.sampledCandidates;
    this.samplingSeed = builder.samplingSeed;
  }

  /** A builder starting from the defaults of {@link #RankBasedEvaluator()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link RankBasedEvaluator}. */
  public static final class Builder {
    private int[] ks = DEFAULT_KS.stream().mapToInt(Integer::intValue).toArray();
    private boolean filtered = true;
    private int numThreads = Runtime.getRuntime().availableProcessors();
    private int sampledCandidates;
    private long samplingSeed;

    private Builder() {}

    /**
     * Ranks against {@code numCandidates} entities drawn uniformly (without replacement, leaving
     * out known answers when filtering) instead of all entities — the protocol of PyTorch-BigGraph
     * and DGL-KE for huge graphs. The metrics are then reported under keys prefixed {@value
     * #SAMPLED_PREFIX} (e.g. {@code sampled.both.realistic.inverse_harmonic_mean_rank}) plus {@code
     * sampled.num_candidates}, never under full ranking's names. 0 (the default) ranks against all
     * entities.
     *
     * @param seed seeds the draws (per triple and side, so results do not depend on the threads)
     * @throws IllegalArgumentException if {@code numCandidates < 0}
     */
    public Builder sampledCandidates(int numCandidates, long seed) {
      if (numCandidates < 0) {
        throw new IllegalArgumentException(
            "the number of sampled candidates must be >= 0 (0 = all entities), got "
                + numCandidates);
      }
      this.sampledCandidates = numCandidates;
      this.samplingSeed = seed;
      return this;
    }

    /**
     * The Hits@k cut-offs.
     *
     * @throws IllegalArgumentException if empty or a {@code k < 1}
     */
    public Builder ks(int... ks) {
      if (ks.length == 0) {
        throw new IllegalArgumentException("ks must name at least one cut-off, got []");
      }
      for (int k : ks) {
        if (k < 1) {
          throw new IllegalArgumentException("ks must be >= 1, got " + Arrays.toString(ks));
        }
      }
      this.ks = ks.clone();
      return this;
    }

    /** Whether to remove other known true entities from the candidates (default true). */
    public Builder filtered(boolean filtered) {
      this.filtered = filtered;
      return this;
    }

    /**
     * Number of worker threads (default: available processors).
     *
     * @throws IllegalArgumentException if {@code numThreads < 1}
     */
    public Builder numThreads(int numThreads) {
      if (numThreads < 1) {
        throw new IllegalArgumentException("numThreads must be >= 1, got " + numThreads);
      }
      this.numThreads = numThreads;
      return this;
    }

    /** Builds the evaluator. */
    public RankBasedEvaluator build() {
      return new RankBasedEvaluator(this);
    }
  }

  /** Whether this evaluator filters known triples. */
  public boolean filtered() {
    return filtered;
  }

  /**
   * Ranks every evaluation triple on both sides and computes the metrics.
   *
   * @param model the scorer; {@code model.numEntities()} must equal the triples' entity count
   * @param evaluationTriples the triples to rank (usually the testing or validation split)
   * @param filterTriples further known triples to filter, usually training (and validation when
   *     testing); the evaluation triples are always filtered too, as in PyKEEN. Ignored when not
   *     filtering; may be empty.
   * @throws IllegalArgumentException if there are no evaluation triples or the id spaces differ
   * @throws IllegalStateException if the model returns a NaN score
   */
  public MetricResults evaluate(
      LinkPredictor model, TriplesFactory evaluationTriples, List<TriplesFactory> filterTriples) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(evaluationTriples, "evaluationTriples");
    Objects.requireNonNull(filterTriples, "filterTriples");
    int numEntities = evaluationTriples.numEntities();
    if (model.numEntities() != numEntities) {
      throw new IllegalArgumentException(
          "model.numEntities() must equal the evaluation triples'"
              + " numEntities "
              + numEntities
              + ", got "
              + model.numEntities());
    }
    if (evaluationTriples.numTriples() == 0) {
      throw new IllegalArgumentException(
          "evaluationTriples must contain at least one triple, " + "got 0");
    }
    for (TriplesFactory f : filterTriples) {
      if (f.numEntities() != numEntities || f.numRelations() != evaluationTriples.numRelations()) {
        throw new IllegalArgumentException(
            "filter triples must share the evaluation id space ("
                + numEntities
                + " entities, "
                + evaluationTriples.numRelations()
                + " relations), got "
                + f);
      }
    }
    List<TriplesFactory> known = new ArrayList<>();
    known.add(evaluationTriples);
    if (filtered) {
      known.addAll(filterTriples);
    }
    KnownTriples index = filtered ? knownTriples(known) : null;
    if (sampledCandidates > 0) {
      int[] triples = evaluationTriples.mappedTriples();
      int n = triples.length / 3;
      Ranks ranks =
          new Ranks(new int[n], new int[n], new int[n], new int[n], new int[n], new int[n]);
      SampledRanker ranker =
          new SampledRanker(model, triples, index, ranks, sampledCandidates, samplingSeed);
      runParallel(ranker.numUnits(), ranker::newWorker);
      MetricResults full = reduce(ranks);
      Map<String, Double> prefixed = new LinkedHashMap<>();
      full.metrics().forEach((key, value) -> prefixed.put(SAMPLED_PREFIX + key, value));
      prefixed.put(
          SAMPLED_PREFIX + "num_candidates", (double) Math.min(sampledCandidates, numEntities - 1));
      return new MetricResults(prefixed);
    }
    Ranks ranks = computeRanks(model, evaluationTriples.mappedTriples(), numEntities, index);
    return reduce(ranks);
  }

  /**
   * Evaluates on the dataset's testing split, filtering with training and validation (PyKEEN's
   * pipeline default: {@code additional_filter_triples=[training, validation]}).
   */
  public MetricResults evaluateTesting(LinkPredictor model, Dataset dataset) {
    return evaluate(model, dataset.testing(), List.of(dataset.training(), dataset.validation()));
  }

  /**
   * Evaluates on the dataset's validation split, filtering with training only (PyKEEN's early
   * stopper), so that no testing triple influences model selection.
   */
  public MetricResults evaluateValidation(LinkPredictor model, Dataset dataset) {
    return evaluate(model, dataset.validation(), List.of(dataset.training()));
  }

  /**
   * Per-triple ranks of both sides, triple {@code i} at index {@code i}: the optimistic rank {@code
   * 1 + |{e in C : score(e) > s}|}, the pessimistic rank {@code |{e in C : score(e) >= s}|} and the
   * number of candidates {@code |C|} (see the class comment). Arrays are held, not copied: the
   * rankers fill them in place.
   *
   * @param headOptimistic optimistic ranks of the head side
   * @param headPessimistic pessimistic ranks of the head side
   * @param headCandidates candidates of the head side
   * @param tailOptimistic optimistic ranks of the tail side
   * @param tailPessimistic pessimistic ranks of the tail side
   * @param tailCandidates candidates of the tail side
   */
  public record Ranks(
      int[] headOptimistic,
      int[] headPessimistic,
      int[] headCandidates,
      int[] tailOptimistic,
      int[] tailPessimistic,
      int[] tailCandidates) {

    /**
     * Checks that all six arrays have one entry per triple.
     *
     * @throws IllegalArgumentException naming the arrays' lengths otherwise
     */
    public Ranks {
      int n = headOptimistic.length;
      int[][] all = {
        headOptimistic,
        headPessimistic,
        headCandidates,
        tailOptimistic,
        tailPessimistic,
        tailCandidates
      };
      for (int[] values : all) {
        if (values.length != n) {
          throw new IllegalArgumentException(
              "ranks need one entry per triple in every array, got lengths "
                  + Arrays.toString(Arrays.stream(all).mapToInt(a -> a.length).toArray()));
        }
      }
    }

    /** Throws unless {@code 1 <= optimistic <= pessimistic <= candidates} for every entry. */
    private void checkValues() {
      for (int i = 0; i < headOptimistic.length; i++) {
        checkRank("head", i, headOptimistic[i], headPessimistic[i], headCandidates[i]);
        checkRank("tail", i, tailOptimistic[i], tailPessimistic[i], tailCandidates[i]);
      }
    }

    private static void checkRank(
        String side, int i, int optimistic, int pessimistic, int candidates) {
      if (optimistic < 1 || optimistic > pessimistic || pessimistic > candidates) {
        throw new IllegalArgumentException(
            side
                + " ranks of triple "
                + i
                + " must satisfy 1 <= optimistic <= pessimistic <= candidates, got "
                + optimistic
                + ", "
                + pessimistic
                + ", "
                + candidates);
      }
    }
  }

  private Ranks computeRanks(
      LinkPredictor predictor, int[] triples, int numEntities, KnownTriples index) {
    int n = triples.length / 3;
    Ranks ranks = new Ranks(new int[n], new int[n], new int[n], new int[n], new int[n], new int[n]);
    if (predictor instanceof Model model) {
      // kge4j's own models: blocked scoring on the dense kernel
      BlockRanker ranker = new BlockRanker(model, triples, index, ranks);
      runParallel(ranker.numUnits(), ranker::newWorker);
      return ranks;
    }
    int numChunks = (n + CHUNK_SIZE - 1) / CHUNK_SIZE;
    runParallel(
        numChunks,
        () -> {
          float[] scores = new float[numEntities];
          int[] out = new int[3];
          return chunk -> {
            int end = Math.min(n, (chunk + 1) * CHUNK_SIZE);
            for (int i = chunk * CHUNK_SIZE; i < end; i++) {
              rankSide(predictor, index, numEntities, true, triples, i, scores, out, ranks);
              rankSide(predictor, index, numEntities, false, triples, i, scores, out, ranks);
            }
          };
        });
    return ranks;
  }

  /**
   * Scores and ranks one side of evaluation triple {@code i} (its tail among {@code (h, r, ?)} when
   * {@code tails}, else its head among {@code (?, r, t)}), filtered by {@code index} unless null,
   * and stores the three figures in that side's arrays of {@code ranks}; {@code scores} and {@code
   * out} are the caller's buffers.
   */
  private static void rankSide(
      LinkPredictor predictor,
      KnownTriples index,
      int numEntities,
      boolean tails,
      int[] triples,
      int i,
      float[] scores,
      int[] out,
      Ranks ranks) {
    int h = triples[3 * i];
    int r = triples[3 * i + 1];
    int t = triples[3 * i + 2];
    if (tails) {
      predictor.scoreTails(h, r, scores);
    } else {
      predictor.scoreHeads(r, t, scores);
    }
    long[] keys = null;
    long knownRange = 0L;
    if (index != null) {
      keys = tails ? index.tailKeys : index.headKeys;
      knownRange = tails ? index.tailRange(h, r) : index.headRange(r, t);
    }
    rank(scores, numEntities, tails ? t : h, keys, knownRange, out, tails ? "tail" : "head", i);
    (tails ? ranks.tailOptimistic : ranks.headOptimistic)[i] = out[0];
    (tails ? ranks.tailPessimistic : ranks.headPessimistic)[i] = out[1];
    (tails ? ranks.tailCandidates : ranks.headCandidates)[i] = out[2];
  }

  /** The index of {@code known}, its two sides sorted on up to two threads. */
  private KnownTriples knownTriples(List<TriplesFactory> known) {
    long[][] sides = new long[2][];
    runParallel(2, () -> side -> sides[side] = KnownTriples.sortedKeys(known, side == 0));
    TriplesFactory first = known.get(0);
    return new KnownTriples(first.numEntities(), first.numRelations(), sides[0], sides[1]);
  }

  /**
   * Runs units {@code 0..units-1} on up to {@code numThreads} threads; each thread asks {@code
   * workers} for its own worker (with its own buffers) and takes units in turn. Units write
   * disjoint results, so the outcome does not depend on which thread runs which unit.
   */
  private void runParallel(int units, Supplier<IntConsumer> workers) {
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          IntConsumer work = workers.get();
          for (int unit; (unit = next.getAndIncrement()) < units; ) {
            work.accept(unit);
          }
        };
    int threads = Math.min(numThreads, units);
    if (threads <= 1) {
      worker.run();
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, DaemonThreads.named("kge4j-evaluation"));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Ranks {@code trueEntity} among all entities' scores, removing from the candidates every other
   * entity {@code keys[k] % numEntities} with {@code k} in the packed {@code knownRange}.
   *
   * @param keys the known-triple keys of the query's side ({@link KnownTriples}), or null when not
   *     filtering
   * @param out receives optimistic rank, pessimistic rank, number of candidates
   * @throws IllegalStateException if a score is NaN
   */
  static void rank(
      float[] scores,
      int numEntities,
      int trueEntity,
      long[] keys,
      long knownRange,
      int[] out,
      String side,
      int triple) {
    float trueScore = scores[trueEntity];
    int greater = 0;
    int greaterOrEqual = 0;
    boolean nan = false;
    for (int e = 0; e < numEntities; e++) {
      float score = scores[e];
      nan |= score != score;
      greater += score > trueScore ? 1 : 0;
      greaterOrEqual += score >= trueScore ? 1 : 0;
    }
    if (nan) {
      int e = 0;
      while (!Float.isNaN(scores[e])) {
        e++;
      }
      throw new IllegalStateException(
          "model returned a NaN score for entity "
              + e
              + " in "
              + side
              + " prediction of evaluation triple "
              + triple
              + "; scores must be finite or"
              + " infinite, never NaN");
    }
    int candidates = numEntities;
    if (keys != null) {
      for (int k = KnownTriples.from(knownRange), to = KnownTriples.to(knownRange); k < to; k++) {
        int e = (int) (keys[k] % numEntities);
        if (e == trueEntity) {
          continue;
        }
        candidates--;
        float score = scores[e];
        greater -= score > trueScore ? 1 : 0;
        greaterOrEqual -= score >= trueScore ? 1 : 0;
      }
    }
    out[0] = greater + 1;
    out[1] = greaterOrEqual; // counts the true entity itself
    out[2] = candidates;
  }

  /**
   * The metrics of per-triple ranks computed elsewhere (e.g. merged from partial counts over entity
   * partitions): the same reduction, in triple order, as {@link #evaluate}, so equal ranks give
   * bit-identical metrics. Full ranking's names; a caller that sampled its candidates prefixes the
   * keys itself.
   *
   * @throws IllegalArgumentException if there are no triples or a rank breaks {@code 1 <=
   *     optimistic <= pessimistic <= candidates}
   */
  public MetricResults metrics(Ranks ranks) {
    if (ranks.headOptimistic.length == 0) {
      throw new IllegalArgumentException("ranks must cover at least one triple, got 0");
    }
    ranks.checkValues();
    return reduce(ranks);
  }

  private MetricResults reduce(Ranks ranks) {
    int n = ranks.headOptimistic.length;
    Map<String, Double> metrics = new LinkedHashMap<>();
    double[] values = new double[2 * n];
    double[] expected = new double[2 * n];
    for (String side : SIDES) {
      for (String rankType : RANK_TYPES) {
        int count = 0;
        if (!side.equals("tail")) {
          for (int i = 0; i < n; i++) {
            values[count] = rankValue(rankType, ranks.headOptimistic[i], ranks.headPessimistic[i]);
            expected[count++] = (ranks.headCandidates[i] + 1) / 2.0;
          }
        }
        if (!side.equals("head")) {
          for (int i = 0; i < n; i++) {
            values[count] = rankValue(rankType, ranks.tailOptimistic[i], ranks.tailPessimistic[i]);
            expected[count++] = (ranks.tailCandidates[i] + 1) / 2.0;
          }
        }
        putMetrics(metrics, side + "." + rankType + ".", values, expected, count);
      }
    }
    return new MetricResults(metrics);
  }

  private static double rankValue(String rankType, int optimistic, int pessimistic) {
    return switch (rankType) {
      case "optimistic" -> optimistic;
      case "pessimistic" -> pessimistic;
      default -> 0.5 * (optimistic + pessimistic);
    };
  }

  private void putMetrics(
      Map<String, Double> metrics, String prefix, double[] ranks, double[] expected, int count) {
    double sum = 0;
    double inverseSum = 0;
    double expectedSum = 0;
    for (int i = 0; i < count; i++) {
      sum += ranks[i];
      inverseSum += 1.0 / ranks[i];
      expectedSum += expected[i];
    }
    double meanRank = sum / count;
    double expectedMeanRank = expectedSum / count;
    metrics.put(prefix + "arithmetic_mean_rank", meanRank);
    metrics.put(prefix + "inverse_harmonic_mean_rank", inverseSum / count);
    for (int k : ks) {
      int hits = 0;
      for (int i = 0; i < count; i++) {
        hits += ranks[i] <= k ? 1 : 0;
      }
      metrics.put(prefix + "hits_at_" + k, hits / (double) count);
    }
    double[] sorted = Arrays.copyOf(ranks, count);
    Arrays.sort(sorted);
    double median =
        count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);
    metrics.put(prefix + "median_rank", median);
    metrics.put(prefix + "adjusted_arithmetic_mean_rank", meanRank / expectedMeanRank);
    metrics.put(
        prefix + "adjusted_arithmetic_mean_rank_index",
        1.0 - (meanRank - 1.0) / (expectedMeanRank - 1.0));
    metrics.put(prefix + "count", (double) count);
  }
}
