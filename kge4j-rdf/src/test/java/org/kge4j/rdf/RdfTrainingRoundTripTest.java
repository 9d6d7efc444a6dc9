package org.kge4j.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Model;
import org.kge4j.training.Pipeline;
import org.kge4j.training.PipelineResult;
import org.kge4j.training.TrainingConfig;

/**
 * RDF → train: the embedded family graph written as gzipped Turtle (IRIs under a prefix, plus a
 * literal name per person that is skipped), read back, split and trained on; the model must score
 * training triples above random corruptions. (Prediction through the {@code predict} command is
 * another module's work and not checked here.)
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

    GraphDataset loaded = GraphFiles.load(file, GraphFileOptions.defaults());
    Dataset dataset = loaded.dataset();
    assertEquals("family", dataset.name());
    assertEquals(embedded.numEntities(), dataset.numEntities());
    assertEquals(embedded.numRelations(), dataset.numRelations());
    assertEquals(statements + embedded.numEntities(), loaded.counts().statements());
    assertEquals(embedded.numEntities(), loaded.counts().literalsSkipped());
    assertTrue(dataset.training().entityLabel(0).startsWith(FAMILY));

    TrainingConfig config =
        TrainingConfig.builder()
            .model("distmult")
            .dim(32)
            .epochs(15)
            .batchSize(256)
            .numNegsPerPos(8)
            .learningRate(0.02)
            .seed(3)
            .validationFrequency(0)
            .numThreads(2)
            .build();
    PipelineResult result = Pipeline.builder(config, dataset).evaluateTest(false).build().run();
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
