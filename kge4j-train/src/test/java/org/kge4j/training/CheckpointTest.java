package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.PipelineConfig;
import org.kge4j.config.StopperConfig;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.model.Initializer;

class CheckpointTest {

  private static Checkpoint sample() {
    PipelineConfig config = PipelineConfig.builder().model("complex").embeddingDim(2).build();
    return new Checkpoint(
        config,
        3,
        0x1234_5678_9abcL,
        List.of(0.5, 0.25, 0.125),
        List.of(new ValidationRecord(2, new MetricResults(Map.of(StopperConfig.METRIC, 0.4)))),
        0.4,
        2,
        1,
        "complex",
        new float[] {1f, -2f, 3.5f, Float.MIN_VALUE},
        new float[] {0.25f, 0f},
        new float[] {9f, 8f, 7f, 6f},
        new float[] {5f, 4f},
        new byte[] {1, 2, 3});
  }

  @Test
  void roundTripsEveryField(@TempDir Path dir) {
    Checkpoint written = sample();
    Path file = dir.resolve("sub/model.ckpt");
    written.write(file);
    Checkpoint read = Checkpoint.read(file);
    assertEquals(written.config(), read.config());
    assertEquals(3, read.epochsCompleted());
    assertEquals(0x1234_5678_9abcL, read.rngState());
    assertEquals(written.losses(), read.losses());
    assertEquals(written.validations(), read.validations());
    assertEquals(0.4, read.bestMetric());
    assertEquals(2, read.bestEpoch());
    assertEquals(1, read.remainingPatience());
    assertEquals("complex", read.modelName());
    assertArrayEquals(written.entityEmbeddings(), read.entityEmbeddings());
    assertArrayEquals(written.relationEmbeddings(), read.relationEmbeddings());
    assertArrayEquals(written.bestEntityEmbeddings(), read.bestEntityEmbeddings());
    assertArrayEquals(written.bestRelationEmbeddings(), read.bestRelationEmbeddings());
    assertArrayEquals(written.optimizerState(), read.optimizerState());
  }

  @Test
  void roundTripsEveryConfigurationComponent(@TempDir Path dir) {
    PipelineConfig config =
        PipelineConfig.builder()
            .dataset("nations")
            .model("TransE")
            .embeddingDim(6)
            .scoringFctNorm(2)
            .entityInitializer(Initializer.UNIFORM_NORM)
            .distanceLimits(0.5, 2.5)
            .positiveNegativeBalance(0.25)
            .optimizer("adagrad")
            .learningRate(0.3)
            .trainingLoop("LCWA")
            .numEpochs(7)
            .batchSize(9)
            .labelSmoothing(0.05)
            .earlyStopping(2, 3)
            .randomSeed(-5L)
            .build();
    Checkpoint written =
        new Checkpoint(
            config,
            0,
            1L,
            List.of(),
            List.of(),
            Double.NEGATIVE_INFINITY,
            0,
            3,
            "transe",
            new float[] {1f},
            new float[] {2f},
            null,
            null,
            new byte[0]);
    Path file = dir.resolve("transe.ckpt");
    written.write(file);
    assertEquals(config, Checkpoint.read(file).config());
  }

  @Test
  void writesAtomicallyWithoutLeavingTemporaryFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.ckpt");
    sample().write(file);
    sample().write(file);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void aForeignFileIsRejectedClearly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("results.json");
    Files.writeString(file, "{\"metrics\": {}}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
    assertEquals(
        "not a kge4j checkpoint: " + file + " does not start with KGE4JCKP", e.getMessage());
  }

  @Test
  void aTruncatedFileIsRejectedClearly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.ckpt");
    sample().write(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
    assertEquals("checkpoint " + file + " is truncated", e.getMessage());
  }

  @Test
  void aCorruptFileFailsTheChecksum(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.ckpt");
    sample().write(file);
    byte[] bytes = Files.readAllBytes(file);
    // flip a bit inside the last float of the best relation table, just before the optimizer
    // state (4-byte length, 3 bytes) and the 8-byte checksum
    bytes[bytes.length - 8 - 3 - 4 - 1] ^= 0x10;
    Files.write(file, bytes);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
    assertTrue(
        e.getMessage().startsWith("checkpoint " + file + " is corrupt: CRC-32 "), e.getMessage());
  }

  @Test
  void anotherVersionIsRejected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.ckpt");
    sample().write(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[11] = 7;
    Files.write(file, bytes);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
    assertEquals(
        "checkpoint " + file + " has format version 7, this kge4j reads version 2", e.getMessage());
  }

  @Test
  void aVersionOneFileSaysItMustBeRetrained(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("old.ckpt");
    sample().write(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[8 + 3] = 1;
    Files.write(file, bytes);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
    assertEquals(
        "checkpoint "
            + file
            + " has format version 1, this kge4j reads version 2 (version 1 predates the pipeline"
            + " configuration: retrain)",
        e.getMessage());
  }

  @Test
  void restoringIntoAnotherConfigurationFails() {
    PipelineConfig config = PipelineConfig.builder().model("distmult").embeddingDim(2).build();
    org.kge4j.data.Dataset data = org.kge4j.data.Datasets.embedded();
    TrainingLoop loop =
        TrainingLoop.create(
            config,
            config.createModel(data.numEntities(), data.numRelations()),
            data.training(),
            null,
            1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loop.restore(sample()));
    assertTrue(
        e.getMessage().startsWith("checkpoint configuration {dataset=embedded, model=ComplEx"),
        e.getMessage());
  }
}
