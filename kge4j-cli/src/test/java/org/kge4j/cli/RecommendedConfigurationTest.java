package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kge4j.config.LoopKind;
import org.kge4j.config.PipelineConfig;
import picocli.CommandLine;

/**
 * {@code kge4j train --dataset fb15k237} (or wn18rr) without {@code --config} starts from the
 * dataset's recommended configuration, docs/examples/DATASET-complex-slcwa.json, and options typed
 * on the command line replace its values; other datasets keep PyKEEN's defaults.
 */
class RecommendedConfigurationTest {

  private final StringWriter err = new StringWriter();

  private PipelineConfig configuration(String dataset, String... args) {
    ConfigurationOptions options = new ConfigurationOptions();
    CommandLine line = new CommandLine(options);
    line.setErr(new PrintWriter(err, true));
    line.parseArgs(args);
    return options.configuration(line, new OptionChecks(line), dataset, Map.of());
  }

  @Test
  void fb15k237StartsFromItsRecommendedFile() {
    PipelineConfig config = configuration("fb15k237");
    Map<String, Object> pipeline = pipeline(config);
    assertEquals("ComplEx", pipeline.get("model"));
    assertEquals(LoopKind.SLCWA, config.trainingLoop());
    // docs/examples/fb15k237-complex-slcwa.json: the FB15k-237 study's best trial
    assertEquals(0.000426, ((Number) kwargs(pipeline, "optimizer_kwargs").get("lr")).doubleValue());
    assertEquals(10, ((Number) kwargs(pipeline, "training_kwargs").get("num_epochs")).intValue());
    assertEquals(2048, ((Number) kwargs(pipeline, "training_kwargs").get("batch_size")).intValue());
    assertEquals(256, ((Number) kwargs(pipeline, "model_kwargs").get("embedding_dim")).intValue());
    assertEquals(
        0.0039, ((Number) kwargs(pipeline, "regularizer_kwargs").get("weight")).doubleValue());
    assertEquals(
        23,
        ((Number) kwargs(pipeline, "negative_sampler_kwargs").get("num_negs_per_pos")).intValue());
    assertEquals("xavier_normal", kwargs(pipeline, "model_kwargs").get("entity_initializer"));
    assertTrue(err.toString().contains("recommended configuration"), err.toString());
  }

  @Test
  void typedOptionsReplaceTheRecommendedValues() {
    Map<String, Object> pipeline =
        pipeline(configuration("wn18rr", "--epochs", "3", "--lr", "0.01", "--eval-frequency", "0"));
    assertEquals(3, ((Number) kwargs(pipeline, "training_kwargs").get("num_epochs")).intValue());
    assertEquals(0.01, ((Number) kwargs(pipeline, "optimizer_kwargs").get("lr")).doubleValue());
    assertEquals(0, ((Number) kwargs(pipeline, "stopper_kwargs").get("frequency")).intValue());
    assertEquals("nop", pipeline.get("stopper"));
    assertEquals(384, ((Number) kwargs(pipeline, "model_kwargs").get("embedding_dim")).intValue());
  }

  @Test
  void theLcwaExampleTrainsOneToAllWithInverseTriplesAndASummedLoss() {
    PipelineConfig config =
        configuration("fb15k237", "--config", "../docs/examples/fb15k237-complex-lcwa.json");
    Map<String, Object> pipeline = pipeline(config);
    assertEquals(LoopKind.LCWA, config.trainingLoop());
    assertEquals(true, kwargs(pipeline, "dataset_kwargs").get("create_inverse_triples"));
    // under mean over 1,024 x 14,505 scores the gradients fall below Adam's eps: the file sums
    assertEquals("sum", kwargs(pipeline, "loss_kwargs").get("reduction"));
    assertEquals(
        0.995,
        ((Number) kwargs(pipeline, "loss_kwargs").get("positive_negative_balance")).doubleValue());
    assertEquals(0.002, ((Number) kwargs(pipeline, "optimizer_kwargs").get("lr")).doubleValue());
    assertEquals(28, ((Number) kwargs(pipeline, "training_kwargs").get("num_epochs")).intValue());
    assertEquals(256, ((Number) kwargs(pipeline, "model_kwargs").get("embedding_dim")).intValue());
    // PyKEEN's non-squared LpRegularizer on a summed loss: 1000 (pilots: 2000 and 5000 collapse)
    assertEquals(
        1000.0, ((Number) kwargs(pipeline, "regularizer_kwargs").get("weight")).doubleValue());
  }

  @Test
  void otherDatasetsKeepTheDefaults() {
    Map<String, Object> pipeline = pipeline(configuration("umls"));
    assertEquals(30, ((Number) kwargs(pipeline, "training_kwargs").get("num_epochs")).intValue());
    assertTrue(err.toString().isEmpty(), err.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pipeline(PipelineConfig config) {
    return (Map<String, Object>) config.toPipelineMap().get("pipeline");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> kwargs(Map<String, Object> pipeline, String section) {
    return (Map<String, Object>) pipeline.get(section);
  }
}
