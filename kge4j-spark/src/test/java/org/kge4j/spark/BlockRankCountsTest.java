package org.kge4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kge4j.data.TriplesFactory;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.Model;
import org.kge4j.model.Models;
import scala.Tuple2;

/**
 * The executor side of distributed evaluation — a block of queries counted against entity blocks
 * with the block kernel, both sides, the filter as corrections — against single-machine {@link
 * RankBasedEvaluator}'s ranks, per triple and exactly, for every model kind; and the whole
 * distributed evaluator against single-machine metrics.
 */
class BlockRankCountsTest {

  private static final int NUM_RELATIONS = 4;

  private static final int DIM = 6;

  /** Every model kind with its norm: TransE with both. */
  static Stream<Arguments> models() {
    return Stream.concat(
        Models.NAMES.stream().map(name -> Arguments.of(name, 1)),
        Stream.of(Arguments.of("transe", 2)));
  }

  /**
   * Every model kind on three entity blocks of every third id, 67 entities each (two panels, the
   * second partial); and two blocks of 4500 entities, which the counter scores in two passes.
   */
  static Stream<Arguments> blocks() {
    return Stream.concat(
        models().map(a -> Arguments.of(a.get()[0], a.get()[1], 200, 3)),
        Stream.of(Arguments.of("distmult", 1, 9000, 2)));
  }

  /** A model with exact ties: entity 5 a copy of entity 7, entity 9 a copy of entity 4. */
  private static Model model(String name, int norm, int numEntities, long seed) {
    Model model =
        Models.create(
            name, numEntities, NUM_RELATIONS, DIM, norm, null, new SplittableRandom(seed));
    EmbeddingTable e = model.entityEmbeddings();
    e.setRow(5, e.row(7));
    e.setRow(9, e.row(4));
    return model;
  }

  /** {@code count} random triples {@code (h, r, t)}, entities below {@code entities}, flat. */
  private static int[] randomTriples(SplittableRandom random, int count, int entities) {
    return IntStream.range(0, 3 * count)
        .map(k -> random.nextInt(k % 3 == 1 ? NUM_RELATIONS : entities))
        .toArray();
  }

  /** Distinct triples, sorted by (head, relation, tail) as the distributed evaluator sorts them. */
  private static int[] distinctSorted(int[] triples) {
    Set<List<Integer>> set = new LinkedHashSet<>();
    for (int i = 0; i < triples.length; i += 3) {
      set.add(List.of(triples[i], triples[i + 1], triples[i + 2]));
    }
    int[] out =
        set.stream()
            .sorted(
                (a, b) -> {
                  for (int k = 0; k < 3; k++) {
                    int c = Integer.compare(a.get(k), b.get(k));
                    if (c != 0) {
                      return c;
                    }
                  }
                  return 0;
                })
            .flatMap(List::stream)
            .mapToInt(Integer::intValue)
            .toArray();
    return out;
  }

  private static String[] labels(String prefix, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = prefix + i;
    }
    return out;
  }

  /** The entity block of the ids {@code ≡ residue (mod blocks)}, ascending, with their rows. */
  private static EntityBlock block(Model model, int residue, int blocks) {
    EmbeddingTable e = model.entityEmbeddings();
    int[] ids = IntStream.range(0, e.numRows()).filter(i -> i % blocks == residue).toArray();
    float[] vectors = new float[ids.length * e.width()];
    for (int i = 0; i < ids.length; i++) {
      e.copyRow(ids[i], vectors, i * e.width());
    }
    return new EntityBlock(ids, labels("e", ids.length), vectors, e.width());
  }

  /**
   * The query block of {@code test}'s triples {@code [from, to)} with the known answers as the
   * distributed evaluator joins them (the true entity among them), in shuffled order.
   */
  private static RankQueries queries(
      Model model, int[] test, int[] known, int from, int to, SplittableRandom random) {
    int q = to - from;
    int width = model.entityEmbeddings().width();
    RankQueries block = RankQueries.allocate(q, width, false);
    for (int j = 0; j < q; j++) {
      int i = from + j;
      int h = test[3 * i];
      int r = test[3 * i + 1];
      int t = test[3 * i + 2];
      block.index()[j] = i;
      block.heads()[j] = h;
      block.relationIds()[j] = r;
      block.tails()[j] = t;
      model.entityEmbeddings().copyRow(h, block.headVectors(), j * width);
      model.entityEmbeddings().copyRow(t, block.tailVectors(), j * width);
      List<Integer> tails = new ArrayList<>();
      List<Integer> heads = new ArrayList<>();
      for (int k = 0; k < known.length; k += 3) {
        if (known[k] == h && known[k + 1] == r) {
          tails.add(known[k + 2]);
        }
        if (known[k + 2] == t && known[k + 1] == r) {
          heads.add(known[k]);
        }
      }
      block.knownTails()[j] = shuffled(tails, random);
      block.knownHeads()[j] = shuffled(heads, random);
    }
    return block;
  }

  private static int[] shuffled(List<Integer> values, SplittableRandom random) {
    int[] out = values.stream().distinct().mapToInt(Integer::intValue).toArray();
    for (int i = out.length - 1; i > 0; i--) {
      int k = random.nextInt(i + 1);
      int swap = out[i];
      out[i] = out[k];
      out[k] = swap;
    }
    return out;
  }

  /**
   * Single-machine ranks of test triple {@code i}: {@code {head optimistic, head pessimistic, head
   * candidates, tail optimistic, tail pessimistic, tail candidates}}, read from the metrics of
   * evaluating it alone with the other test triples and the training triples as filter.
   */
  private static int[] singleMachineRanks(
      Model model, int[] test, int i, TriplesFactory testing, TriplesFactory training) {
    String[] entities = labels("e", model.numEntities());
    String[] relations = labels("r", NUM_RELATIONS);
    TriplesFactory one =
        TriplesFactory.fromMappedTriples(
            Arrays.copyOfRange(test, 3 * i, 3 * i + 3), entities, relations);
    MetricResults m =
        RankBasedEvaluator.builder()
            .numThreads(1)
            .build()
            .evaluate(model, one, List.of(testing, training));
    int[] out = new int[6];
    String[] sides = {"head", "tail"};
    for (int s = 0; s < 2; s++) {
      double optimistic = m.get(sides[s] + ".optimistic.arithmetic_mean_rank");
      double pessimistic = m.get(sides[s] + ".pessimistic.arithmetic_mean_rank");
      // adjusted_arithmetic_mean_rank = rank / ((candidates + 1) / 2)
      double adjusted = m.get(sides[s] + ".optimistic.adjusted_arithmetic_mean_rank");
      out[3 * s] = (int) optimistic;
      out[3 * s + 1] = (int) pessimistic;
      out[3 * s + 2] = (int) Math.round(2 * optimistic / adjusted - 1);
    }
    return out;
  }

  @ParameterizedTest(name = "{0} p={1} entities={2} blocks={3}")
  @MethodSource("blocks")
  void blockCountsMergedOverEntityBlocksAreSingleMachineRanks(
      String name, int norm, int numEntities, int numBlocks) {
    long seed = numEntities + 10L * norm + name.hashCode();
    SplittableRandom random = new SplittableRandom(seed);
    Model model = model(name, norm, numEntities, seed);
    int[] test = distinctSorted(randomTriples(random, 140, 30));
    test[0] = 7; // tail 5 ties with entity 7, head 4 (of the next triple) with entity 9
    test[1] = 0;
    test[2] = 5;
    test[3] = 4;
    test = distinctSorted(test);
    // known answers spread over all entities (all passes of the counter) for the first queries
    int hubs = 5;
    int spread = 40;
    int[] train = Arrays.copyOf(randomTriples(random, 900, 30), 3 * (900 + 2 * hubs * spread));
    for (int i = 0, at = 3 * 900; i < hubs; i++) {
      for (int k = 0; k < spread; k++) {
        int e = k * (numEntities / spread) + i;
        int[] tail = {test[3 * i], test[3 * i + 1], e};
        int[] head = {e, test[3 * i + 1], test[3 * i + 2]};
        System.arraycopy(tail, 0, train, at, 3);
        System.arraycopy(head, 0, train, at + 3, 3);
        at += 6;
      }
    }
    int[] known = Arrays.copyOf(test, test.length + train.length);
    System.arraycopy(train, 0, known, test.length, train.length);
    String[] entities = labels("e", numEntities);
    String[] relations = labels("r", NUM_RELATIONS);
    TriplesFactory testing = TriplesFactory.fromMappedTriples(test, entities, relations);
    TriplesFactory training = TriplesFactory.fromMappedTriples(train, entities, relations);
    ScoringSpec spec = new ScoringSpec(name, DIM, norm);
    float[][] relationRows = new float[NUM_RELATIONS][];
    for (int r = 0; r < NUM_RELATIONS; r++) {
      relationRows[r] = model.relationEmbeddings().row(r);
    }
    int n = test.length / 3;
    assertTrue(n > 100, "more queries than one pass of the counter: " + n);
    // two query blocks: the first longer than the counter's 96 queries per pass
    List<RankQueries> queryBlocks =
        List.of(
            queries(model, test, known, 0, 100, random),
            queries(model, test, known, 100, n, random));
    int[][] merged = new int[n][6];
    for (RankQueries queries : queryBlocks) {
      for (int residue = 0; residue < numBlocks; residue++) {
        Iterator<Tuple2<Integer, int[]>> counts =
            queries.count(spec, block(model, residue, numBlocks), relationRows);
        while (counts.hasNext()) {
          Tuple2<Integer, int[]> c = counts.next();
          for (int k = 0; k < 6; k++) {
            merged[c._1()][k] += c._2()[k];
          }
        }
      }
    }
    boolean tied = false;
    for (int i = 0; i < n; i++) {
      int[] c = merged[i];
      // the evaluator's merge: {head..., tail...} from {tail counts, head counts}
      int[] distributed = {1 + c[3], c[4], c[5], 1 + c[0], c[1], c[2]};
      int[] expected = singleMachineRanks(model, test, i, testing, training);
      assertArrayEquals(expected, distributed, "ranks of triple " + i);
      tied |= expected[1] > expected[0] || expected[4] > expected[3];
    }
    assertTrue(tied, "some ranking has a tie, so the equal-scoring counts are tested");
  }

  @Test
  void aNanScoreNamesTheEntityTheSideAndTheTriple() {
    Model model = model("distmult", 1, 200, 1);
    float[] row = model.entityEmbeddings().row(4);
    row[0] = Float.NaN;
    model.entityEmbeddings().setRow(4, row);
    int[] test = {0, 1, 2};
    RankQueries queries = queries(model, test, test, 0, 1, new SplittableRandom(1));
    float[][] relationRows = new float[NUM_RELATIONS][];
    for (int r = 0; r < NUM_RELATIONS; r++) {
      relationRows[r] = model.relationEmbeddings().row(r);
    }
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                queries.count(
                    new ScoringSpec("distmult", DIM, 1), block(model, 1, 3), relationRows));
    assertEquals(
        "model returned a NaN score for entity 4 in tail prediction of evaluation triple 0",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("models")
  void distributedMetricsAreSingleMachineMetrics(String name, int norm) {
    int numEntities = 200;
    long seed = 10L * norm + name.hashCode();
    SplittableRandom random = new SplittableRandom(seed);
    Model model = model(name, norm, numEntities, seed);
    // distinct and sorted, as the distributed evaluator ranks them: the same reduction order
    int[] test = distinctSorted(randomTriples(random, 120, 40));
    int[] train = randomTriples(random, 600, 40);
    String[] entities = labels("e", numEntities);
    String[] relations = labels("r", NUM_RELATIONS);
    TriplesFactory testing = TriplesFactory.fromMappedTriples(test, entities, relations);
    TriplesFactory training = TriplesFactory.fromMappedTriples(train, entities, relations);
    MetricResults expected = new RankBasedEvaluator().evaluate(model, testing, List.of(training));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < numEntities; i++) {
      rows.add(RowFactory.create(i, "e" + i, model.entityEmbeddings().row(i)));
    }
    SparkSession spark = SparkTests.spark();
    float[][] relationRows = new float[NUM_RELATIONS][];
    for (int r = 0; r < NUM_RELATIONS; r++) {
      relationRows[r] = model.relationEmbeddings().row(r);
    }
    MetricResults distributed =
        new DistributedRankEvaluator(
                spark,
                new ScoringSpec(name, DIM, norm),
                spark.createDataFrame(rows, TrainedEmbeddings.SCHEMA),
                relationRows,
                numEntities,
                70)
            .evaluate(triples(spark, test), triples(spark, train), 0, 0);
    assertEquals(expected, distributed);
  }

  private static org.apache.spark.sql.Dataset<Row> triples(SparkSession spark, int[] triples) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < triples.length; i += 3) {
      rows.add(RowFactory.create(triples[i], triples[i + 1], triples[i + 2]));
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add("head", DataTypes.IntegerType, false)
            .add("relation", DataTypes.IntegerType, false)
            .add("tail", DataTypes.IntegerType, false));
  }
}
