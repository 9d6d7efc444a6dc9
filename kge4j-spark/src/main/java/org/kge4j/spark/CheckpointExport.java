package org.kge4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.kge4j.config.PipelineConfig;
import org.kge4j.model.Model;
import org.kge4j.optim.Optimizer;
import org.kge4j.training.Checkpoint;
import org.kge4j.training.EarlyStoppingState;

/**
 * Writes a committed run as a single-machine kge4j {@link Checkpoint} (what {@code kge4j evaluate}
 * and {@code kge4j train --resume} read): the whole model with its optimizer state, the epoch
 * count, the next epoch's random state and the epoch losses. This is an export: it assembles every
 * partition on the driver, one at a time from storage, so it is meant for models that fit one
 * machine; training itself never does this.
 */
final class CheckpointExport {

  private CheckpointExport() {}

  /**
   * Writes the checkpoint of {@code manifest} to {@code target} on its Hadoop file system.
   *
   * @throws UncheckedIOException if writing fails
   */
  static void write(
      RunStorage storage,
      GraphLayout layout,
      TrainingManifest manifest,
      PipelineConfig config,
      RunStorage output,
      String target) {
    Checkpoint checkpoint = checkpoint(storage, layout, manifest, config);
    try {
      Path local = Files.createTempFile("kge4j-checkpoint", ".kge4j");
      try {
        checkpoint.write(local);
        output.write(target, out -> Files.copy(local, out));
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export the checkpoint: " + e.getMessage(), e);
    }
  }

  /**
   * The checkpoint of {@code manifest}; its configuration is {@code config} with the epochs
   * trained, and names the dataset {@code config} names (the caller's data location).
   */
  static Checkpoint checkpoint(
      RunStorage storage, GraphLayout layout, TrainingManifest manifest, PipelineConfig config) {
    Objects.requireNonNull(manifest, "manifest");
    PipelineConfig trained = config.toBuilder().numEpochs(manifest.epochsCompleted()).build();
    Model model = trained.createModel(layout.numEntities(), layout.numRelations());
    Optimizer optimizer =
        trained.optimizer().create(List.of(model.entityEmbeddings(), model.relationEmbeddings()));
    for (int k = 0; k < layout.numPartitions(); k++) {
      int[] ids = storage.readInts(RunStorage.membersFile(k));
      TableSlice slice = storage.readSlice(manifest.partitionSlices().get(k));
      for (int local = 0; local < ids.length; local++) {
        model.entityEmbeddings().setRow(ids[local], slice.row(local));
        for (int s = 0; s < slice.numSlots(); s++) {
          optimizer.setStateRow(model.entityEmbeddings(), s, ids[local], slice.stateRow(s, local));
        }
      }
    }
    TableSlice relations = storage.readSlice(manifest.relationSlice());
    for (int r = 0; r < relations.numRows(); r++) {
      model.relationEmbeddings().setRow(r, relations.row(r));
      for (int s = 0; s < relations.numSlots(); s++) {
        optimizer.setStateRow(model.relationEmbeddings(), s, r, relations.stateRow(s, r));
      }
    }
    optimizer.setSteps(manifest.steps());
    return new Checkpoint(
        trained,
        manifest.epochsCompleted(),
        manifest.epochRngState(),
        manifest.epochLosses(),
        List.of(),
        EarlyStoppingState.initial(trained.stopper().patience()),
        model.name(),
        model.entityEmbeddings(),
        model.relationEmbeddings(),
        Checkpoint.OptimizerState.of(optimizer));
  }
}
