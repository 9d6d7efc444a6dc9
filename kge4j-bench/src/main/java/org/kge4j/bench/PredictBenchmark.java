package org.kge4j.bench;

import java.util.SplittableRandom;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Model;
import org.kge4j.model.Models;
import org.kge4j.prediction.Predictor;
import org.kge4j.prediction.TargetPredictions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One {@code kge4j predict} query after the model is loaded: the filtered top-10 tails of {@code
 * (h, r, ?)} ({@link Predictor#predictTails(int, int, int)}) for (h, r) pairs of training triples,
 * taken in turn. The model is randomly initialised (training does not change the cost of scoring);
 * the dataset is read as {@code kge4j} reads it ({@code KGE4J_DATASETS} or {@code
 * -Dkge4j.datasets}). One operation is one query; {@link #scoreTailsOnly()} is its scoring part.
 */
public class PredictBenchmark extends AverageTimeBenchmark {

  /** Number of distinct queries cycled through. */
  static final int QUERIES = 1024;

  /** The dataset whose id space and known triples the predictor uses. */
  @Param({"fb15k237"})
  public String dataset;

  /** The model, as {@code --model} names it. */
  @Param({"complex"})
  public String model;

  /** The embedding dimension (complex dimension for ComplEx). */
  @Param({"128"})
  public int dim;

  /** Answers per query. */
  @Param({"10"})
  public int top;

  Predictor predictor;
  float[] scores;
  int[] heads;
  int[] relations;
  private int next;

  /** Loads the dataset, initialises the model and picks the queries. */
  @Setup(Level.Trial)
  public void setUp() {
    Dataset data = Datasets.load(dataset);
    SplittableRandom random = new SplittableRandom(42);
    Model m = Models.create(model, data.numEntities(), data.numRelations(), dim, 1, null, random);
    predictor = Predictor.of(m, data);
    scores = new float[data.numEntities()];
    TriplesFactory training = data.training();
    heads = new int[QUERIES];
    relations = new int[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      int triple = random.nextInt(training.numTriples());
      heads[i] = training.head(triple);
      relations[i] = training.relation(triple);
    }
  }

  /**
   * The next query's answers.
   *
   * @return the answers, so that the work cannot be eliminated
   */
  @Benchmark
  public TargetPredictions topTails() {
    int i = next;
    next = (i + 1) % QUERIES;
    return predictor.predictTails(heads[i], relations[i], top);
  }

  /**
   * The 1-N scoring of the next query alone, into a reused buffer: what {@link #topTails()} costs
   * beyond it is the top-k selection, the filtering and the result objects.
   *
   * @return one score, so that the work cannot be eliminated
   */
  @Benchmark
  public float scoreTailsOnly() {
    int i = next;
    next = (i + 1) % QUERIES;
    predictor.model().scoreTails(heads[i], relations[i], scores);
    return scores[i];
  }
}
