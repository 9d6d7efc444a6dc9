package org.kge4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.Dataset;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.model.Model;
import org.kge4j.model.Models;

/** Three partitions on UMLS: the schedule, learning, and exact distributed evaluation. */
class PartitionedTrainingTest {

  @TempDir static Path dir;

  private static Dataset umls;
  private static KgeModel model;

  @BeforeAll
  static void train() {
    umls = SparkTests.dataset("umls");
    model =
        new KgeEstimator()
            .setModel("distmult")
            .setDim(32)
            .setPartitions(3)
            .setEpochs(3)
            .setBatchSize(256)
            .setNumNegsPerPos(8)
            .setLearningRate(0.02)
            .setSeed(3)
            .setStoragePath(dir.resolve("storage").toString())
            .fit(SparkTests.split("umls", "train.txt"));
  }

  @Test
  void everyEpochTrainsEveryBucketOnceInRoundsOfDisjointBuckets() {
    KgeTrainingSummary summary = model.summary();
    assertEquals(3, summary.epochLosses().size());
    Set<String> expected = new HashSet<>();
    for (Bucket b : summary.layout().nonEmptyBuckets()) {
      expected.add(b.toString());
    }
    assertEquals(9, expected.size(), "UMLS fills all 3 x 3 buckets");
    Map<Integer, Set<String>> byEpoch = new TreeMap<>();
    Map<Integer, Long> triples = new TreeMap<>();
    for (TrainingManifest.RoundRecord r : summary.rounds()) {
      for (String b : r.buckets()) {
        assertTrue(byEpoch.computeIfAbsent(r.epoch(), e -> new HashSet<>()).add(b), b);
      }
      triples.merge(r.epoch(), r.triples(), Long::sum);
    }
    for (int epoch = 1; epoch <= 3; epoch++) {
      assertEquals(expected, byEpoch.get(epoch), "epoch " + epoch);
      assertEquals(umls.training().numTriples(), triples.get(epoch), "epoch " + epoch);
    }
    assertEquals(1, summary.rounds().get(0).buckets().size(), "PBG's first bucket trains alone");
    // Adam's step count counts every batch of every bucket, as single-machine training counts
    // every batch of the epoch (UMLS: 5,216 triples, at least 21 batches of 256 an epoch); rounds
    // of two or three buckets make this more than the rounds' longest buckets alone
    long batches = 0;
    for (TrainingManifest.RoundRecord r : summary.rounds()) {
      batches += r.batches();
    }
    assertEquals(batches, summary.manifest().steps());
    assertTrue(batches >= 3 * 21, "batches " + batches);
    assertEquals(umls.numEntities(), summary.layout().numEntities());
    assertEquals(umls.training().numTriples(), summary.layout().numTriples());
  }

  @Test
  void distributedRanksEqualSingleMachineRanksOnTheSameEmbeddings() {
    Model single =
        Models.create(
            "distmult",
            umls.numEntities(),
            umls.numRelations(),
            32,
            1,
            null,
            new SplittableRandom(0));
    for (Row row : model.entityEmbeddings().collectAsList()) {
      single.entityEmbeddings().setRow(row.getInt(0), TrainedEmbeddings.vector(row, 2));
    }
    for (Row row : model.relationEmbeddings().collectAsList()) {
      single.relationEmbeddings().setRow(row.getInt(0), TrainedEmbeddings.vector(row, 2));
    }
    MetricResults expected = new RankBasedEvaluator().evaluateTesting(single, umls);
    org.apache.spark.sql.Dataset<Row> test = SparkTests.split("umls", "test.txt");
    List<org.apache.spark.sql.Dataset<Row>> known =
        List.of(SparkTests.split("umls", "train.txt"), SparkTests.split("umls", "valid.txt"));
    MetricResults distributed = model.setBlockSize(50).evaluate(test, known);
    assertEquals(expected, distributed);
    // the model learnt: a random scorer's MRR among 135 entities is about 0.04
    assertTrue(expected.meanReciprocalRank() > 0.2, "MRR " + expected.meanReciprocalRank());

    // sampled ranking against fewer candidates ranks at least as well, under its own names
    MetricResults sampled = model.evaluateSampled(test, known, 20, 1);
    double sampledMrr = sampled.get("sampled.both.realistic.inverse_harmonic_mean_rank");
    assertTrue(sampledMrr > expected.meanReciprocalRank(), sampledMrr + "");
    assertTrue(
        sampled.get("sampled.both.realistic.hits_at_10") >= expected.hitsAt(10), sampled + "");
    assertTrue(sampled.metrics().keySet().stream().allMatch(k -> k.startsWith("sampled.")));

    // with more candidates than entities, sampled ranking ranks against all the filter keeps
    MetricResults everything = model.evaluateSampled(test, known, 1000, 1);
    for (Map.Entry<String, Double> e : expected.metrics().entrySet()) {
      assertEquals(e.getValue(), everything.get("sampled." + e.getKey()), 1e-12, e.getKey());
    }
  }
}
