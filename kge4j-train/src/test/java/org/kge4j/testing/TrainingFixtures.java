package org.kge4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.optim.Optimizers;
import org.kge4j.training.Checkpoint;
import org.kge4j.training.EarlyStoppingState;
import org.kge4j.training.Pipeline;
import org.kge4j.training.TrainingListener;
import org.kge4j.training.TrainingLoop;

/**
 * Training situations that the tests of train and of the modules built on it (rdf, cli) set up
 * alike: a fresh training loop, a run interrupted after its second epoch, a pipeline-map
 * configuration, the default search space, and a checkpoint that matters only for the configuration
 * it carries.
 */
public final class TrainingFixtures {

  private TrainingFixtures() {}

  /** A training loop of {@code config} over a fresh model on {@code data}'s training triples. */
  public static TrainingLoop freshLoop(PipelineConfig config, Dataset data, int numThreads) {
    return TrainingLoop.create(
        config,
        config.createModel(data.numEntities(), data.numRelations()),
        data.training(),
        null,
        numThreads);
  }

  /**
   * Runs {@code pipeline}, checkpointing to {@code checkpoint} after every epoch, until a listener
   * throws as epoch 3 starts, as a crash would; asserts that the crash surfaces and that the
   * checkpoint left behind holds the two completed epochs.
   */
  public static void crashAfterTwoEpochs(Pipeline.Builder pipeline, Path checkpoint) {
    TrainingListener crashAtEpoch3 =
        new TrainingListener() {
          @Override
          public void onEpochStart(int epoch) {
            if (epoch == 3) {
              throw new IllegalStateException("simulated crash");
            }
          }
        };
    assertThrows(
        IllegalStateException.class,
        () -> pipeline.listener(crashAtEpoch3).checkpoint(checkpoint, 1).build().run());
    assertEquals(2, Checkpoint.read(checkpoint).epochsCompleted());
  }

  /** An LCWA DistMult configuration, as a pipeline map gives it, on {@code dataset}. */
  public static PipelineConfig lcwaDistMult(String dataset, Map<String, ?> datasetKwargs) {
    Map<String, Object> pipeline = new LinkedHashMap<>();
    pipeline.put("dataset", dataset);
    pipeline.put("dataset_kwargs", datasetKwargs);
    pipeline.put("model", "DistMult");
    pipeline.put("training_loop", "LCWA");
    return PipelineConfig.fromPipelineMap(Map.of("pipeline", pipeline));
  }

  /**
   * The default search space's parameters, in order, of an sLCWA ComplEx pipeline (a model with an
   * embedding dimension and a regularizer), less the {@code explicit} ones the pipeline fixes.
   */
  public static List<String> defaultSearchParameters(String... explicit) {
    List<String> names =
        new ArrayList<>(
            List.of(
                "model.embedding_dim",
                "loss.positive_margin",
                "loss.offset",
                "loss.positive_negative_balance",
                "loss.margin_activation",
                "regularizer.weight",
                "optimizer.lr",
                "negative_sampler.num_negs_per_pos",
                "training.num_epochs",
                "training.batch_size"));
    names.removeAll(List.of(explicit));
    return names;
  }

  /**
   * Writes to {@code file} a checkpoint of {@code config} before any training (1×1 tables, an SGD
   * state) and returns the configuration read back from it.
   */
  public static PipelineConfig configThroughCheckpoint(PipelineConfig config, Path file) {
    EmbeddingTable table = new EmbeddingTable("table", 1, 1);
    new Checkpoint(
            config,
            0,
            0L,
            List.of(),
            List.of(),
            EarlyStoppingState.initial(0),
            "distmult",
            table,
            table,
            Checkpoint.OptimizerState.of(Optimizers.create("sgd", List.of(table), 0.1)))
        .write(file);
    return Checkpoint.read(file).config();
  }
}
