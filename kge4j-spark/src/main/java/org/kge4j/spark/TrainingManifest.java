package org.kge4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The driver's checkpoint, written after every round as {@code manifests/manifest-G.json}: which
 * files hold the committed state of every entity partition and of the relation table, and where in
 * the schedule the run stands. Writing it is the commit of a round; {@code --resume} continues from
 * the latest one.
 *
 * @param configuration the run's pipeline map ({@link SparkTrainingConfig#toMap})
 * @param round rounds committed so far (0 = initialised, not trained)
 * @param epochsCompleted epochs finished
 * @param roundsInEpoch rounds of the current epoch finished
 * @param epochRngState the random-number state of the current epoch ({@code TrainingLoop}'s chain)
 * @param steps the optimizer's step count
 * @param partitionSlices the committed slice file of every entity partition
 * @param relationSlice the committed relation slice file
 * @param epochLosses the loss of every finished epoch
 * @param rounds one record per committed round
 * @param trainingSeconds wall-clock seconds spent in committed rounds
 */
public record TrainingManifest(
    Map<String, Object> configuration,
    long round,
    int epochsCompleted,
    int roundsInEpoch,
    long epochRngState,
    long steps,
    List<String> partitionSlices,
    String relationSlice,
    List<Double> epochLosses,
    List<RoundRecord> rounds,
    double trainingSeconds) {

  /** Copies the lists. */
  public TrainingManifest {
    Objects.requireNonNull(configuration, "configuration");
    configuration = Map.copyOf(configuration);
    partitionSlices = List.copyOf(partitionSlices);
    epochLosses = List.copyOf(epochLosses);
    rounds = List.copyOf(rounds);
  }

  /**
   * One trained round.
   *
   * @param round the global round number
   * @param epoch its epoch
   * @param buckets the buckets it trained, as {@code "(i, j)"}
   * @param triples positive triples trained
   * @param batches batches trained, summed over the buckets
   * @param loss the round's loss (the buckets' losses weighted like the epoch loss)
   * @param seconds wall-clock seconds of the round (driver's view)
   * @param taskSeconds wall-clock seconds of the round's slowest bucket task (reading, training,
   *     writing); the rest of {@code seconds} is scheduling and the driver's commit
   */
  public record RoundRecord(
      long round,
      int epoch,
      List<String> buckets,
      long triples,
      long batches,
      double loss,
      double seconds,
      double taskSeconds) {

    /** Copies the list. */
    public RoundRecord {
      buckets = List.copyOf(buckets);
    }
  }

  /** This manifest with one more committed round. */
  TrainingManifest withRound(
      List<String> newPartitionSlices,
      String newRelationSlice,
      long newSteps,
      RoundRecord record,
      double seconds) {
    List<RoundRecord> all = new ArrayList<>(rounds);
    all.add(record);
    return new TrainingManifest(
        configuration,
        round + 1,
        epochsCompleted,
        roundsInEpoch + 1,
        epochRngState,
        newSteps,
        newPartitionSlices,
        newRelationSlice,
        epochLosses,
        all,
        trainingSeconds + seconds);
  }

  /** This manifest at the start of the next epoch. */
  TrainingManifest withEpochEnd(double epochLoss, long nextRngState) {
    List<Double> losses = new ArrayList<>(epochLosses);
    losses.add(epochLoss);
    return new TrainingManifest(
        configuration,
        round,
        epochsCompleted + 1,
        0,
        nextRngState,
        steps,
        partitionSlices,
        relationSlice,
        losses,
        rounds,
        trainingSeconds);
  }
}
