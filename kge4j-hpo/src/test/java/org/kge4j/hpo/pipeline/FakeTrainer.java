package org.kge4j.hpo.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.training.EpochStats;
import org.kge4j.training.TrainingListener;
import org.kge4j.training.TrainingResult;
import org.kge4j.training.ValidationRecord;

/**
 * A trainer that trains nothing: every epoch it calls the listener as the training loop does, and
 * at every validation epoch it reports the metrics {@code curve(config, epoch)} (all recorded keys
 * get that value). With early stopping it stops after {@code patience} validations without a strict
 * improvement and reports the best epoch as restored. It counts the epochs it "trained".
 */
final class FakeTrainer implements TrialTrainer {
  private final ToDoubleBiFunction<PipelineConfig, Integer> curve;
  final List<Integer> epochsTrained = new ArrayList<>();

  FakeTrainer(ToDoubleBiFunction<PipelineConfig, Integer> curve) {
    this.curve = curve;
  }

  static MetricResults metrics(double value) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String side : List.of("head", "tail", "both")) {
      for (String type : List.of("optimistic", "pessimistic", "realistic")) {
        for (String metric : ObjectiveMetric.METRICS) {
          m.put(side + "." + type + "." + metric, value);
        }
      }
    }
    return new MetricResults(m);
  }

  @Override
  public TrainingResult train(PipelineConfig config, Dataset dataset, TrainingListener listener) {
    int numEpochs = config.training().numEpochs();
    int frequency = config.stopper().frequency();
    int patience = config.stopper().patience();
    List<ValidationRecord> validations = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    int remaining = patience;
    boolean stopped = false;
    int epoch = 0;
    epochsTrained.add(0);
    listener.onTrainingStart(1, numEpochs, 1);
    while (epoch < numEpochs && !stopped) {
      epoch++;
      epochsTrained.set(epochsTrained.size() - 1, epoch);
      losses.add(1.0 / epoch);
      listener.onEpochEnd(new EpochStats(epoch, 1.0 / epoch, 0.0, 0.0));
      if (frequency > 0 && epoch % frequency == 0) {
        double value = curve.applyAsDouble(config, epoch);
        ValidationRecord record = new ValidationRecord(epoch, metrics(value));
        validations.add(record);
        boolean improved = value > best;
        if (improved) {
          best = value;
          bestEpoch = epoch;
          remaining = patience;
        } else {
          remaining--;
        }
        listener.onValidation(record, improved);
        stopped = patience > 0 && remaining <= 0;
      }
    }
    return new TrainingResult(
        config.createModel(dataset.numEntities(), dataset.numRelations()),
        config,
        losses,
        validations,
        epoch,
        stopped,
        bestEpoch,
        0.0,
        0.0);
  }
}
