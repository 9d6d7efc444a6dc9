package org.kge4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.PipelineConfig;

/**
 * A driver that dies after a committed round, leaving the files of an uncommitted next round
 * behind, resumes to exactly the model of an uninterrupted run.
 */
class ResumeTest {

  private static final PipelineConfig CONFIG =
      new KgeEstimator()
          .setModel("rotate")
          .setDim(8)
          .setDistanceLimits(1.0, 6.0)
          .setEpochs(2)
          .setBatchSize(512)
          .setNumNegsPerPos(4)
          .setOptimizer("adam")
          .setLearningRate(0.05)
          .setSeed(9)
          .trainingConfig();

  private static GraphLayout prepare(SparkSession spark, RunStorage storage) {
    return GraphPreparation.prepare(spark, SparkTests.split("umls", "train.txt"), 2, 9, storage);
  }

  @Test
  void resumingAfterADriverCrashGivesTheUninterruptedModel(@TempDir Path dir) throws Exception {
    SparkSession spark = SparkTests.spark();
    RunStorage straightStorage =
        new RunStorage(
            dir.resolve("straight").toString(), spark.sparkContext().hadoopConfiguration());
    GraphLayout layout = prepare(spark, straightStorage);
    TrainingManifest straight =
        new PartitionedTrainer(spark, straightStorage, layout, CONFIG, r -> {}).train(false);

    Path crashedDir = dir.resolve("crashed");
    RunStorage crashedStorage =
        new RunStorage(crashedDir.toString(), spark.sparkContext().hadoopConfiguration());
    prepare(spark, crashedStorage);
    IllegalStateException crash =
        assertThrows(
            IllegalStateException.class,
            () ->
                new PartitionedTrainer(
                        spark,
                        crashedStorage,
                        layout,
                        CONFIG,
                        r -> {
                          if (r.round() == 4) {
                            throw new IllegalStateException("driver killed after round 4");
                          }
                        })
                    .train(false));
    assertEquals("driver killed after round 4", crash.getMessage());
    // what a round-5 attempt and the driver had written before the kill
    Path orphan = crashedDir.resolve("slices/part-0/round-5-attempt-dead-7.slice");
    Files.write(orphan, new byte[] {1, 2, 3});
    Files.write(crashedDir.resolve("slices/relations/round-5.slice"), new byte[] {4, 5});

    IllegalStateException notResumed =
        assertThrows(
            IllegalStateException.class,
            () ->
                new PartitionedTrainer(spark, crashedStorage, layout, CONFIG, r -> {})
                    .train(false));
    assertTrue(
        notResumed.getMessage().contains("already holds a run (round 4)"), notResumed.getMessage());
    PipelineConfig other = CONFIG.toBuilder().learningRate(0.1).build();
    IllegalStateException mismatch =
        assertThrows(
            IllegalStateException.class,
            () ->
                new PartitionedTrainer(spark, crashedStorage, layout, other, r -> {}).train(true));
    assertTrue(mismatch.getMessage().contains("holds a run of another configuration"));

    TrainingManifest resumed =
        new PartitionedTrainer(spark, crashedStorage, layout, CONFIG, r -> {}).train(true);
    assertEquals(straight.round(), resumed.round());
    assertEquals(straight.epochLosses(), resumed.epochLosses());
    assertEquals(straight.steps(), resumed.steps());
    for (int k = 0; k < 2; k++) {
      TableSlice a = straightStorage.readSlice(straight.partitionSlices().get(k));
      TableSlice b = crashedStorage.readSlice(resumed.partitionSlices().get(k));
      assertArrayEquals(a.values(), b.values(), "partition " + k);
      for (int s = 0; s < a.numSlots(); s++) {
        assertArrayEquals(a.state()[s], b.state()[s], "partition " + k + " state " + s);
      }
    }
    assertArrayEquals(
        straightStorage.readSlice(straight.relationSlice()).values(),
        crashedStorage.readSlice(resumed.relationSlice()).values());
    assertFalse(Files.exists(orphan), "the dead attempt's file is cleaned up");
    assertEquals(List.of(resumed.round() - 1, resumed.round()), crashedStorage.manifestRounds());
  }
}
