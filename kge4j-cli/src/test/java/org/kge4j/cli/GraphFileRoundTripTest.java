package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.Dataset;
import org.kge4j.prediction.Predictor;
import org.kge4j.training.Checkpoint;

/**
 * Issue 12's round trip RDF → train → predict: a model trained by {@code kge4j train} on an
 * N-Triples file is used by {@code predict}, {@code export}, {@code evaluate} and {@code --resume}
 * from its run directory alone (the checkpoint's configuration names the file, its split and its
 * SHA-256), and answers with the file's IRIs exactly as the Java API does on the data that the
 * checkpoint's configuration reads; also with PyKEEN's inverse relations, whose model holds twice
 * as many relation rows as the data has relations.
 */
class GraphFileRoundTripTest {

  private static final String NATIONS = "urn:nations:";

  @TempDir static Path dir;

  private static Path graph;

  @BeforeAll
  static void writeNationsAsNTriples() throws IOException {
    StringBuilder nt = new StringBuilder();
    for (String split : List.of("train.txt", "valid.txt", "test.txt")) {
      for (String line :
          Files.readAllLines(Cli.sharedDatasets().resolve("nations").resolve(split))) {
        String[] f = line.split("\t");
        nt.append(
            String.format("<%s%s> <%s%s> <%s%s> .%n", NATIONS, f[0], NATIONS, f[1], NATIONS, f[2]));
      }
    }
    graph = Files.writeString(dir.resolve("nations.nt"), nt.toString());
  }

  /** The predictor of the Java API on the data the checkpoint's configuration reads. */
  private static Predictor javaPredictor(Path run) {
    Checkpoint checkpoint = Checkpoint.read(run.resolve(OutputFiles.CHECKPOINT_FILE));
    Dataset data = checkpoint.config().dataset().resolve().dataset();
    return Predictor.of(checkpoint.restoreModel(data.numEntities(), data.numRelations()), data);
  }

  private static List<String> lines(Path gzipped) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void trainPredictExportEvaluateAndResumeOnAnNTriplesFile() throws IOException {
    Path run = dir.resolve("run");
    Cli.train(
        run,
        "--dataset",
        graph.toString(),
        "--model",
        "distmult",
        "--dim",
        "8",
        "--epochs",
        "2",
        "--threads",
        "2");

    String head = NATIONS + "usa";
    String relation = NATIONS + "embassy";
    Cli.Run predicted =
        Cli.succeeds(
            "predict",
            run.toString(),
            "--head",
            head,
            "--relation",
            relation,
            "--top",
            "20",
            "--format",
            "json");
    JsonNode expected =
        OutputFiles.json()
            .readTree(
                PredictionJson.write(
                    PredictionJson.document(javaPredictor(run).predictTails(head, relation, 20))));
    assertEquals(expected, OutputFiles.json().readTree(predicted.out()));
    // Every country but the known tails of (usa, embassy, ?) in the file.
    long known =
        Files.readAllLines(graph).stream()
            .filter(l -> l.startsWith("<" + head + "> <" + relation + "> "))
            .count();
    assertEquals(14 - known, expected.get("answers").size());
    for (JsonNode answer : expected.get("answers")) {
      assertTrue(answer.get("label").asText().startsWith(NATIONS), answer::toString);
    }

    Path embeddings = dir.resolve("embeddings");
    Cli.succeeds("export", run.toString(), "--format", "npy", "--output", embeddings.toString());
    assertTrue(Files.size(embeddings.resolve("entity_embeddings.npy")) > 14 * 8 * 4);
    List<String> entities = lines(embeddings.resolve(ExportCommand.ENTITY_TO_ID));
    assertEquals(15, entities.size(), "header + 14 countries");
    assertEquals("id\tlabel", entities.get(0));
    // Labels sorted by code point: ..., uk, usa, ussr.
    assertEquals("12\t" + NATIONS + "usa", entities.get(13));

    JsonNode results = Cli.results(run);
    Cli.Run evaluated = Cli.succeeds("evaluate", run.toString());
    assertTrue(
        evaluated
            .out()
            .startsWith(
                "test metrics (nations, DistMult, "
                    + results.at("/dataset/testing/num_triples").asInt()
                    + " triples,"),
        evaluated.out());

    Cli.Run resumed =
        Cli.succeeds(
            "train", "--resume", run.resolve(OutputFiles.CHECKPOINT_FILE).toString(), "--quiet");
    assertTrue(resumed.out().startsWith("nations.nt: N-Triples, 1992 statements"), resumed.out());
  }

  @Test
  void aRunWithInverseRelationsPredictsAndExportsTheDatasRelations() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("inverse.json"),
            "{\"pipeline\": {\"dataset\": \""
                + graph
                + "\", \"dataset_kwargs\": {\"create_inverse_triples\": true, \"split_seed\": 3},"
                + " \"model\": \"DistMult\", \"model_kwargs\": {\"embedding_dim\": 4},"
                + " \"training_loop\": \"LCWA\", \"training_kwargs\": {\"num_epochs\": 1}}}");
    Path run = dir.resolve("inverse");
    Cli.train(run, "--config", config.toString());

    Cli.Run relations =
        Cli.succeeds(
            "predict",
            run.toString(),
            "--head",
            NATIONS + "usa",
            "--tail",
            NATIONS + "uk",
            "--top",
            "100",
            "--include-known",
            "--format",
            "json");
    JsonNode answers = OutputFiles.json().readTree(relations.out()).get("answers");
    Predictor java = javaPredictor(run);
    assertEquals(55, java.numRelations(), "nations has 55 relations");
    assertEquals(55, answers.size(), "the data's relations, not the model's 110 rows");
    assertEquals(
        OutputFiles.json()
            .readTree(
                PredictionJson.write(
                    PredictionJson.document(
                        java.filtering(Set.of())
                            .predictRelations(NATIONS + "usa", NATIONS + "uk", 100)))),
        OutputFiles.json().readTree(relations.out()));

    Path embeddings = dir.resolve("inverse-embeddings");
    Cli.Run exported =
        Cli.succeeds(
            "export", run.toString(), "--format", "tsv", "--output", embeddings.toString());
    assertTrue(
        exported.out().contains("(110 x 4; rows from 55 on are the inverses)"), exported.out());
    assertEquals(110, Files.readAllLines(embeddings.resolve("relation_embeddings.tsv")).size());
    assertEquals(56, lines(embeddings.resolve(ExportCommand.RELATION_TO_ID)).size());
  }
}
