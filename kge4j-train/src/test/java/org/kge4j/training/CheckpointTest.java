package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.testing.TrainingFixtures.freshLoop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.PipelineConfig;
import org.kge4j.config.StopperConfig;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.Initializer;
import org.kge4j.model.SparseGradient;
import org.kge4j.optim.Optimizer;
import org.kge4j.optim.Optimizers;

class CheckpointTest {

  private static EmbeddingTable table(String name, float... values) {
    // one row per value pair, two rows per block: exercises chunked tables
    EmbeddingTable table = new EmbeddingTable(name, values.length / 2, 2, 4);
    for (int r = 0; r < table.numRows(); r++) {
      table.setRow(r, new float[] {values[2 * r], values[2 * r + 1]});
    }
    return table;
  }

  /** An Adam that took one step on {@code table}: its moments are a real state to round-trip. */
  private static Optimizer steppedAdam(EmbeddingTable table) {
    Optimizer adam = Optimizers.create("adam", List.of(table), 0.1);
    SparseGradient g = SparseGradient.like(table);
    int off = g.touch(1);
    g.values().blockOf(1)[off] = 0.5f;
    adam.step(List.of(g));
    return adam;
  }

  private static final EmbeddingTable STATE_TABLE = table("state", 1f, 2f, 3f, 4f);

  private static Checkpoint sample() {
    PipelineConfig config = PipelineConfig.builder().model("complex").embeddingDim(2).build();
    return new Checkpoint(
        config,
        3,
        0x1234_5678_9abcL,
        List.of(0.5, 0.25, 0.125),
        List.of(new ValidationRecord(2, new MetricResults(Map.of(StopperConfig.METRIC, 0.4)))),
        new EarlyStoppingState(
            0.4,
            2,
            1,
            table("best entity", 9f, 8f, 7f, 6f, 5f, 4f),
            table("best relation", 5f, 4f)),
        "complex",
        table("entity", 1f, -2f, 3.5f, Float.MIN_VALUE, 7f, 8f),
        table("relation", 0.25f, 0f),
        Checkpoint.OptimizerState.of(steppedAdam(STATE_TABLE)));
  }

  /**
   * Writes {@link #sample()} to {@code file}, lets {@code damage} change its bytes in place and
   * returns the error that reading it gives.
   */
  private static IllegalArgumentException readDamaged(Path file, Consumer<byte[]> damage)
      throws IOException {
    sample().write(file);
    byte[] bytes = Files.readAllBytes(file);
    damage.accept(bytes);
    Files.write(file, bytes);
    return assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
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
    EarlyStoppingState stopping = read.earlyStopping();
    assertEquals(0.4, stopping.bestMetric());
    assertEquals(2, stopping.bestEpoch());
    assertEquals(1, stopping.remainingPatience());
    assertEquals("complex", read.modelName());
    assertArrayEquals(written.entityEmbeddings().toArray(), read.entityEmbeddings().toArray());
    assertEquals(3, read.entityEmbeddings().numRows());
    assertArrayEquals(written.relationEmbeddings().toArray(), read.relationEmbeddings().toArray());
    assertArrayEquals(
        written.earlyStopping().bestEntityEmbeddings().toArray(),
        stopping.bestEntityEmbeddings().toArray());
    assertArrayEquals(
        written.earlyStopping().bestRelationEmbeddings().toArray(),
        stopping.bestRelationEmbeddings().toArray());
    // the optimizer's state, streamed from the file into a fresh optimizer, continues identically
    EmbeddingTable copy = STATE_TABLE.zerosLike("state");
    copy.copyFrom(STATE_TABLE);
    Optimizer restored = Optimizers.create("adam", List.of(copy), 0.1);
    read.optimizerState().restoreInto(restored);
    assertEquals(1, restored.steps());
    Optimizer original = steppedAdam(table("state", 1f, 2f, 3f, 4f));
    EmbeddingTable originalTable = table("state", 1f, 2f, 3f, 4f);
    Optimizer replay = steppedAdam(originalTable);
    SparseGradient zero = SparseGradient.like(copy);
    restored.step(List.of(zero));
    replay.step(List.of(SparseGradient.like(originalTable)));
    assertArrayEquals(originalTable.toArray(), copy.toArray());
    assertEquals(original.steps(), 1);
    // a read checkpoint writes itself again byte for byte
    Path again = dir.resolve("again.ckpt");
    read.write(again);
    assertArrayEquals(readBytes(file), readBytes(again));
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
            EarlyStoppingState.initial(3),
            "transe",
            table("entity", 1f, 2f),
            table("relation", 3f, 4f),
            Checkpoint.OptimizerState.of(steppedAdam(table("state", 1f, 2f, 3f, 4f))));
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
    // flip a bit inside the last float of the optimizer's state, before its length and the checksum
    IllegalArgumentException e = readDamaged(file, bytes -> bytes[bytes.length - 16 - 1] ^= 0x10);
    assertTrue(
        e.getMessage().startsWith("checkpoint " + file + " is corrupt: CRC-32 "), e.getMessage());
  }

  @Test
  void anotherVersionIsRejected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.ckpt");
    IllegalArgumentException e = readDamaged(file, bytes -> bytes[11] = 7);
    assertEquals(
        "checkpoint " + file + " has format version 7, this kge4j reads version 3", e.getMessage());
  }

  @Test
  void anOlderVersionSaysItMustBeRetrained(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("old.ckpt");
    IllegalArgumentException e = readDamaged(file, bytes -> bytes[8 + 3] = 2);
    assertEquals(
        "checkpoint "
            + file
            + " has format version 2, this kge4j reads version 3 (versions before 3 predate"
            + " streamed, chunked tables: retrain)",
        e.getMessage());
  }

  @Test
  void restoringIntoAnotherConfigurationFails() {
    PipelineConfig config = PipelineConfig.builder().model("distmult").embeddingDim(2).build();
    TrainingLoop loop = freshLoop(config, org.kge4j.data.Datasets.embedded(), 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loop.restore(sample()));
    assertTrue(
        e.getMessage().startsWith("checkpoint configuration {dataset=embedded, model=ComplEx"),
        e.getMessage());
  }
}
