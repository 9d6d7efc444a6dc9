package org.kge4j.spark;

import java.util.List;

/**
 * What a {@link KgeEstimator#fit} did: the graph it trained on, the rows it could not read, and the
 * loss of every epoch and round.
 *
 * @param storagePath the run's storage directory
 * @param layout the indexed, partitioned graph
 * @param numInvalidRows input rows that were not triples (skipped and reported)
 * @param invalidExamples a few of them, as text
 * @param epochLosses the loss of every epoch
 * @param rounds every trained round, with its buckets, loss and time
 * @param trainingSeconds wall-clock seconds of all rounds (a resumed run: of all its rounds)
 */
public record KgeTrainingSummary(
    String storagePath,
    GraphLayout layout,
    long numInvalidRows,
    List<String> invalidExamples,
    List<Double> epochLosses,
    List<TrainingManifest.RoundRecord> rounds,
    double trainingSeconds) {

  /** Copies the lists. */
  public KgeTrainingSummary {
    invalidExamples = List.copyOf(invalidExamples);
    epochLosses = List.copyOf(epochLosses);
    rounds = List.copyOf(rounds);
  }

  /**
   * Positive training triples per second of training: the distinct training triples times the
   * epochs trained, over the rounds' wall-clock time (Spark's scheduling and the storage I/O
   * included).
   */
  public double triplesPerSecond() {
    long triples = 0;
    for (TrainingManifest.RoundRecord r : rounds) {
      triples += r.triples();
    }
    return trainingSeconds > 0 ? triples / trainingSeconds : 0.0;
  }
}
