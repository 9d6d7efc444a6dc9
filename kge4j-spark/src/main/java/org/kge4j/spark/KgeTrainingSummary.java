package org.kge4j.spark;

import java.util.List;

/**
 * What a {@link KgeEstimator#fit} did: the graph it trained on, the rows it could not read, and the
 * committed state of the run (the loss of every epoch and round).
 *
 * @param storagePath the run's storage directory
 * @param layout the indexed, partitioned graph
 * @param numInvalidRows input rows that were not triples (skipped and reported)
 * @param invalidExamples a few of them, as text
 * @param manifest the run's final manifest
 */
public record KgeTrainingSummary(
    String storagePath,
    GraphLayout layout,
    long numInvalidRows,
    List<String> invalidExamples,
    TrainingManifest manifest) {

  /** Copies the list. */
  public KgeTrainingSummary {
    invalidExamples = List.copyOf(invalidExamples);
  }

  /** The loss of every epoch. */
  public List<Double> epochLosses() {
    return manifest.epochLosses();
  }

  /** Every trained round, with its buckets, loss and time. */
  public List<TrainingManifest.RoundRecord> rounds() {
    return manifest.rounds();
  }

  /** Wall-clock seconds of all rounds (of a resumed run: of all its rounds). */
  public double trainingSeconds() {
    return manifest.trainingSeconds();
  }

  /**
   * Positive training triples per second of training: the triples of all rounds over the rounds'
   * wall-clock time (Spark's scheduling and the storage I/O included).
   */
  public double triplesPerSecond() {
    long triples = 0;
    for (TrainingManifest.RoundRecord r : rounds()) {
      triples += r.triples();
    }
    return trainingSeconds() > 0 ? triples / trainingSeconds() : 0.0;
  }
}
