package org.kge4j.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kge4j.loss.DoubleMarginLoss;

/**
 * The README's example: DistMult from DJL blocks, trained with DJL's {@link Trainer} and {@link
 * DjlDoubleMarginLoss} (sLCWA with filtered negatives) on Nations; the epoch loss must fall and the
 * filtered MRR on the test split must lie clearly above the MRR of random scores.
 */
class NationsDistMultExampleTest {

  private static final int DIMENSION = 32;
  private static final int EPOCHS = 60;
  private static final int BATCH_SIZE = 128;
  private static final int NEGATIVES_PER_POSITIVE = 8;

  record Triple(int head, int relation, int tail) {}

  @Test
  void distMultLearnsNations() throws IOException {
    Path folder =
        ParityCases.sharedFolder()
            .map(shared -> shared.resolve("datasets").resolve("nations"))
            .filter(Files::isDirectory)
            .orElse(null);
    Assumptions.assumeTrue(
        folder != null,
        "Nations not found under -Dkge4j.shared="
            + System.getProperty("kge4j.shared")
            + "/datasets; skipping the example");
    List<String[]> trainRows = read(folder.resolve("train.txt"));
    List<String> entities = labels(trainRows, 0, 2);
    List<String> relations = labels(trainRows, 1);
    List<Triple> train = index(trainRows, entities, relations);
    List<Triple> test = index(read(folder.resolve("test.txt")), entities, relations);
    Set<Triple> known = new HashSet<>(train);
    known.addAll(index(read(folder.resolve("valid.txt")), entities, relations));
    known.addAll(test);

    Engine.getInstance().setRandomSeed(42);
    DistMultBlock block = new DistMultBlock(entities, relations, DIMENSION);
    DjlDoubleMarginLoss loss =
        new DjlDoubleMarginLoss(
            DoubleMarginLoss.builder()
                .positiveMargin(1.0)
                .negativeMargin(0.0)
                .marginActivation("softplus")
                .reduction("mean")
                .build());
    double[] epochLosses;
    try (Model model = Model.newInstance("distmult")) {
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(loss)
              .optInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT)
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(
            new Shape(BATCH_SIZE, 3), new Shape(BATCH_SIZE, NEGATIVES_PER_POSITIVE, 3));
        epochLosses = train(trainer, train, new HashSet<>(train), entities.size());
      }
      double mrr = filteredMrr(block, test, known, entities.size(), relations.size());
      double chance = chanceMrr(test, known, entities.size());
      System.out.printf(
          "DistMult on Nations: epoch loss %.4f -> %.4f, filtered test MRR %.3f"
              + " (random scores: %.3f)%n",
          epochLosses[0], epochLosses[EPOCHS - 1], mrr, chance);
      assertTrue(
          epochLosses[EPOCHS - 1] < 0.5 * epochLosses[0],
          "loss should at least halve: " + epochLosses[0] + " -> " + epochLosses[EPOCHS - 1]);
      assertTrue(mrr > chance + 0.15, "filtered MRR " + mrr + " vs random " + chance);
    }
  }

  /**
   * sLCWA: each positive gets {@code K} negatives with head or tail replaced by a random entity;
   * negatives that are training triples themselves are dropped through the keep-mask.
   */
  private static double[] train(
      Trainer trainer, List<Triple> train, Set<Triple> trainSet, int numEntities) {
    Random random = new Random(42);
    List<Triple> order = new ArrayList<>(train);
    double[] epochLosses = new double[EPOCHS];
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      Collections.shuffle(order, random);
      double lossSum = 0;
      int batches = 0;
      for (int start = 0; start < order.size(); start += BATCH_SIZE) {
        List<Triple> batch = order.subList(start, Math.min(order.size(), start + BATCH_SIZE));
        try (NDManager batchManager = trainer.getManager().newSubManager()) {
          long[] positives = new long[batch.size() * 3];
          long[] negatives = new long[batch.size() * NEGATIVES_PER_POSITIVE * 3];
          boolean[] keep = new boolean[batch.size() * NEGATIVES_PER_POSITIVE];
          for (int b = 0; b < batch.size(); b++) {
            Triple positive = batch.get(b);
            put(positives, b, positive);
            for (int j = 0; j < NEGATIVES_PER_POSITIVE; j++) {
              Triple negative = corrupt(positive, random, numEntities);
              put(negatives, b * NEGATIVES_PER_POSITIVE + j, negative);
              keep[b * NEGATIVES_PER_POSITIVE + j] = !trainSet.contains(negative);
            }
          }
          NDArray positiveTriples = batchManager.create(positives, new Shape(batch.size(), 3));
          NDArray negativeTriples =
              batchManager.create(negatives, new Shape(batch.size(), NEGATIVES_PER_POSITIVE, 3));
          NDArray batchFilter =
              batchManager.create(keep, new Shape(batch.size(), NEGATIVES_PER_POSITIVE));
          try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList scores = trainer.forward(new NDList(positiveTriples, negativeTriples));
            NDArray value = trainer.getLoss().evaluate(new NDList(batchFilter), scores);
            collector.backward(value);
            lossSum += value.getFloat();
          }
          trainer.step();
        }
        batches++;
      }
      epochLosses[epoch] = lossSum / batches;
    }
    return epochLosses;
  }

  private static Triple corrupt(Triple triple, Random random, int numEntities) {
    int replacement = random.nextInt(numEntities - 1);
    if (random.nextBoolean()) {
      return new Triple(
          replacement >= triple.head() ? replacement + 1 : replacement,
          triple.relation(),
          triple.tail());
    }
    return new Triple(
        triple.head(),
        triple.relation(),
        replacement >= triple.tail() ? replacement + 1 : replacement);
  }

  private static void put(long[] target, int index, Triple triple) {
    target[3 * index] = triple.head();
    target[3 * index + 1] = triple.relation();
    target[3 * index + 2] = triple.tail();
  }

  /**
   * Filtered rank-based evaluation: for each test triple, the true tail is ranked against all
   * entities whose triple is not known (train, valid or test), and the same for the head; ties
   * count half (PyKEEN's "realistic" rank). Returns the mean reciprocal rank over both sides.
   */
  static double filteredMrr(
      DistMultBlock block,
      List<Triple> test,
      Set<Triple> known,
      int numEntities,
      int numRelations) {
    float[] e = block.entityEmbeddings();
    float[] w = block.relationEmbeddings();
    double reciprocalSum = 0;
    for (Triple triple : test) {
      for (boolean replaceTail : new boolean[] {true, false}) {
        double trueScore = score(e, w, triple.head(), triple.relation(), triple.tail());
        int better = 0;
        int equal = 0;
        for (int candidate = 0; candidate < numEntities; candidate++) {
          Triple other = corrupt(triple, replaceTail, candidate);
          if (other.equals(triple) || known.contains(other)) {
            continue;
          }
          double s = score(e, w, other.head(), other.relation(), other.tail());
          better += s > trueScore ? 1 : 0;
          equal += s == trueScore ? 1 : 0;
        }
        reciprocalSum += 1.0 / (1 + better + equal / 2.0);
      }
    }
    return reciprocalSum / (2.0 * test.size());
  }

  /**
   * {@code triple} with its tail ({@code replaceTail}) or its head replaced by {@code candidate}.
   */
  private static Triple corrupt(Triple triple, boolean replaceTail, int candidate) {
    return replaceTail
        ? new Triple(triple.head(), triple.relation(), candidate)
        : new Triple(candidate, triple.relation(), triple.tail());
  }

  /**
   * The expected MRR of random scores: a uniform rank among n candidates has E[1/rank] = H_n / n.
   */
  static double chanceMrr(List<Triple> test, Set<Triple> known, int numEntities) {
    double sum = 0;
    for (Triple triple : test) {
      for (boolean replaceTail : new boolean[] {true, false}) {
        int candidates = 1;
        for (int candidate = 0; candidate < numEntities; candidate++) {
          Triple other = corrupt(triple, replaceTail, candidate);
          candidates += known.contains(other) ? 0 : 1;
        }
        double harmonic = 0;
        for (int rank = 1; rank <= candidates; rank++) {
          harmonic += 1.0 / rank;
        }
        sum += harmonic / candidates;
      }
    }
    return sum / (2.0 * test.size());
  }

  private static double score(float[] e, float[] w, int head, int relation, int tail) {
    double sum = 0;
    for (int d = 0; d < DIMENSION; d++) {
      sum +=
          (double) e[head * DIMENSION + d] * w[relation * DIMENSION + d] * e[tail * DIMENSION + d];
    }
    return sum;
  }

  private static List<String[]> read(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        rows.add(line.split("\t"));
      }
    }
    return rows;
  }

  /** The sorted distinct labels of the given columns, as PyKEEN's triples factory numbers them. */
  private static List<String> labels(List<String[]> rows, int... columns) {
    Set<String> labels = new TreeSet<>();
    for (String[] row : rows) {
      for (int column : columns) {
        labels.add(row[column]);
      }
    }
    return List.copyOf(labels);
  }

  private static List<Triple> index(
      List<String[]> rows, List<String> entities, List<String> relations) {
    List<Triple> triples = new ArrayList<>();
    for (String[] row : rows) {
      int head = entities.indexOf(row[0]);
      int relation = relations.indexOf(row[1]);
      int tail = entities.indexOf(row[2]);
      if (head < 0 || relation < 0 || tail < 0) {
        throw new IllegalStateException(
            "triple with a label unseen in training: " + String.join(" ", row));
      }
      triples.add(new Triple(head, relation, tail));
    }
    return triples;
  }
}
