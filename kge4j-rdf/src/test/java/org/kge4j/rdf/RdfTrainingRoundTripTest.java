package org.kge4j.rdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.DatasetConfig;
import org.kge4j.config.LoadedDataset;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Model;
import org.kge4j.training.Pipeline;
import org.kge4j.training.PipelineResult;

/**
 * RDF → train: the embedded family graph written as gzipped Turtle (IRIs under a prefix, plus a
 * literal name per person that is skipped), named as a pipeline configuration's dataset (read and
 * split through {@link GraphFileSource}, found by {@link java.util.ServiceLoader}) and trained on;
 * the run's configuration records the split and the file's SHA-256 and reads the same splits again,
 * and the model must score training triples above random corruptions.
 */
class RdfTrainingRoundTripTest {

  private static final String FAMILY = "http://example.org/family/";

  @TempDir Path directory;

  @Test
  void aModelTrainedOnATurtleFileScoresItsTriplesAboveCorruptions() {
    Dataset embedded = Datasets.embedded();
    StringBuilder turtle = new StringBuilder("@prefix f: <" + FAMILY + "> .\n");
    int statements = 0;
    for (TriplesFactory split :
        List.of(embedded.training(), embedded.validation(), embedded.testing())) {
      for (int i = 0; i < split.numTriples(); i++) {
        turtle
            .append("f:")
            .append(split.entityLabel(split.head(i)))
            .append(" f:")
            .append(split.relationLabel(split.relation(i)))
            .append(" f:")
            .append(split.entityLabel(split.tail(i)))
            .append(" .\n");
        statements++;
      }
    }
    for (int e = 0; e < embedded.numEntities(); e++) {
      turtle
          .append("f:")
          .append(embedded.training().entityLabel(e))
          .append(" f:name \"person ")
          .append(e)
          .append("\" .\n");
    }
    Path file =
        TestFiles.gzip(TestFiles.write(directory, "family.ttl", turtle.toString()), directory);

    PipelineConfig config =
        PipelineConfig.builder()
            .dataset(file.toString())
            .kwarg("dataset_kwargs", "split_seed", 7)
            .model("distmult")
            .embeddingDim(32)
            .numEpochs(15)
            .batchSize(256)
            .numNegsPerPos(8)
            .learningRate(0.02)
            .randomSeed(3)
            .validationFrequency(0)
            .build();
    PipelineResult result =
        Pipeline.builder(config).evaluateTest(false).numThreads(2).build().run();
    Dataset dataset = result.dataset();
    assertEquals("family", dataset.name());
    assertEquals(embedded.numEntities(), dataset.numEntities());
    assertEquals(embedded.numRelations(), dataset.numRelations());
    assertTrue(dataset.training().entityLabel(0).startsWith(FAMILY));
    // The run's configuration names the file, its split and its content.
    DatasetConfig recorded = result.training().config().dataset();
    assertEquals(
        Map.of(
            "split",
            List.of(0.8, 0.1, 0.1),
            "split_seed",
            7L,
            "keep_literals",
            false,
            "sha256",
            Sha256Reference.of(file)),
        recorded.sourceKwargs());
    LoadedDataset again = recorded.resolve();
    assertEquals(recorded, again.config());
    assertArrayEquals(dataset.testing().mappedTriples(), again.dataset().testing().mappedTriples());
    assertEquals(
        (long) statements + embedded.numEntities(),
        ((Map<?, ?>) again.report().get("graph_file")).get("statements_read"));
    Model model = result.training().model();

    // Each training triple against its tail replaced by a random other entity.
    TriplesFactory training = dataset.training();
    SplittableRandom random = new SplittableRandom(1);
    double positive = 0;
    double corrupted = 0;
    int better = 0;
    for (int i = 0; i < training.numTriples(); i++) {
      int h = training.head(i);
      int r = training.relation(i);
      int t = training.tail(i);
      int other = (t + 1 + random.nextInt(dataset.numEntities() - 1)) % dataset.numEntities();
      float truth = model.score(h, r, t);
      float fake = model.score(h, r, other);
      positive += truth;
      corrupted += fake;
      better += truth > fake ? 1 : 0;
    }
    int n = training.numTriples();
    assertTrue(
        positive / n > corrupted / n + 0.5,
        "mean score " + positive / n + " vs corrupted " + corrupted / n);
    // An untrained model wins half of the comparisons.
    assertTrue(better > 0.8 * n, better + " of " + n + " training triples beat their corruption");
  }
}
