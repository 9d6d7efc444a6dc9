package org.kge4j.spark;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.Model;
import org.kge4j.optim.Optimizer;
import org.kge4j.training.TrainingListener;
import org.kge4j.training.TrainingLoop;
import org.kge4j.training.TrainingResult;

/**
 * The executor side of a round: trains one bucket with kge4j-train's own {@link TrainingLoop} — the
 * same models, loss, optimizers and samplers as single-machine training — and writes the two
 * partitions back under names of its own attempt.
 *
 * <p>The task builds a model over the bucket's entities (the heads' partition, then the tails'
 * partition unless the bucket is diagonal) and the whole relation table, sets every row from the
 * committed slices and the broadcast relations, restores the optimizer's state rows and step count,
 * and trains one epoch of the bucket's triples with the bucket's seed. Negatives are drawn from the
 * bucket's entities, i.e. from its two partitions. A retried or speculative attempt reads the same
 * committed inputs and computes the same result.
 */
final class BucketTrainer implements Function2<RoundAggregate, BucketTask, RoundAggregate> {

  private static final long serialVersionUID = 1L;

  private final RunStorage storage;
  private final Map<String, Object> configuration;
  private final Broadcast<TableSlice> relations;

  BucketTrainer(
      RunStorage storage, Map<String, Object> configuration, Broadcast<TableSlice> relations) {
    this.storage = storage;
    this.configuration = configuration;
    this.relations = relations;
  }

  @Override
  public RoundAggregate call(RoundAggregate aggregate, BucketTask task) {
    TableSlice before = relations.value();
    long start = System.nanoTime();
    TaskContext context = TaskContext.get();
    int threads = context == null ? 1 : Math.max(1, context.cpus());
    long attempt = context == null ? 0 : context.taskAttemptId();
    PipelineConfig config =
        SparkTrainingConfig.forBucket(SparkTrainingConfig.fromMap(configuration), task.seed());

    Bucket bucket = task.bucket();
    boolean diagonal = bucket.lhs() == bucket.rhs();
    TableSlice lhs = storage.readSlice(task.lhsSlice());
    TableSlice rhs = diagonal ? lhs : storage.readSlice(task.rhsSlice());
    int offset = diagonal ? 0 : lhs.numRows();
    int numEntities = offset + rhs.numRows();
    int[] triples = storage.readInts(RunStorage.bucketFile(bucket));
    for (int i = 2; i < triples.length; i += 3) {
      triples[i] += offset;
    }

    Model model =
        SparkTrainingConfig.createModel(config, numEntities, before.numRows(), config.randomSeed());
    TrainingLoop loop =
        TrainingLoop.create(
            config,
            model,
            TriplesFactory.fromMappedTriples(
                triples, numberLabels(numEntities), numberLabels(before.numRows())),
            null,
            threads);
    Optimizer optimizer = loop.optimizer();
    load(lhs, model.entityEmbeddings(), optimizer, 0);
    if (!diagonal) {
      load(rhs, model.entityEmbeddings(), optimizer, offset);
    }
    load(before, model.relationEmbeddings(), optimizer, 0);
    optimizer.setSteps(task.steps());

    TrainingResult result = loop.train(TrainingListener.NONE);

    String suffix = task.application() + "-" + attempt;
    String lhsOut = RunStorage.partitionSlice(bucket.lhs(), task.round(), suffix);
    storage.writeSlice(lhsOut, save(model.entityEmbeddings(), optimizer, 0, lhs.numRows()));
    String rhsOut = lhsOut;
    if (!diagonal) {
      rhsOut = RunStorage.partitionSlice(bucket.rhs(), task.round(), suffix);
      storage.writeSlice(rhsOut, save(model.entityEmbeddings(), optimizer, offset, rhs.numRows()));
    }
    TableSlice after = save(model.relationEmbeddings(), optimizer, 0, before.numRows());
    long numTriples = triples.length / 3;
    BucketOutcome outcome =
        new BucketOutcome(
            bucket,
            lhsOut,
            rhsOut,
            result.losses().get(0),
            numTriples,
            optimizer.steps() - task.steps(),
            (System.nanoTime() - start) / 1e9);
    return aggregate.add(outcome, before, after);
  }

  /** Sets rows {@code offset..} of {@code table} and their optimizer state from {@code slice}. */
  private static void load(
      TableSlice slice, EmbeddingTable table, Optimizer optimizer, int offset) {
    for (int row = 0; row < slice.numRows(); row++) {
      table.setRow(offset + row, slice.row(row));
      for (int s = 0; s < slice.numSlots(); s++) {
        optimizer.setStateRow(table, s, offset + row, slice.stateRow(s, row));
      }
    }
  }

  /** Rows {@code offset..offset+count} of {@code table} with their optimizer state. */
  static TableSlice save(EmbeddingTable table, Optimizer optimizer, int offset, int count) {
    int width = table.width();
    float[] values = new float[count * width];
    float[][] state = new float[optimizer.numSlots()][count * width];
    for (int row = 0; row < count; row++) {
      System.arraycopy(table.row(offset + row), 0, values, row * width, width);
      for (int s = 0; s < state.length; s++) {
        System.arraycopy(
            optimizer.stateRow(table, s, offset + row), 0, state[s], row * width, width);
      }
    }
    return new TableSlice(count, width, values, state);
  }

  /** Labels {@code "0", "1", ...}: a bucket's triples need an id space, not names. */
  static String[] numberLabels(int n) {
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      labels[i] = Integer.toString(i);
    }
    return labels;
  }
}
