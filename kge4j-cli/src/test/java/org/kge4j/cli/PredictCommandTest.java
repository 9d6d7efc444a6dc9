package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.TriplesFactory;
import org.kge4j.prediction.Prediction;
import org.kge4j.prediction.TargetPredictions;

/**
 * {@code kge4j predict} on a run trained by {@code kge4j train}: every output format read back and
 * compared with the Java API and with the model's own scores, known triples, and every usage error.
 */
class PredictCommandTest {

  private static TrainedRun trained;
  private static String run;

  /** A training triple (h, r, t) of the embedded dataset, as labels. */
  private static String head;

  private static String relation;
  private static String tail;

  @BeforeAll
  static void train() {
    trained = TrainedRun.get();
    run = trained.directory.toString();
    head = trained.head;
    relation = trained.relation;
    tail = trained.tail;
  }

  /** {@code kge4j predict <run> options... --format json}, parsed. */
  private static JsonNode json(String... options) throws Exception {
    return OutputFiles.json().readTree(trained.predictJson(options));
  }

  @Test
  void jsonEqualsTheJavaApiAndTheModelsScores() throws Exception {
    JsonNode json = json("--head", head, "--relation", relation);
    TargetPredictions expected = trained.predictor.predictTails(head, relation, 10);
    assertEquals("tail", json.get("target").asText());
    assertEquals(head, json.get("head").get("label").asText());
    assertEquals(relation, json.get("relation").get("label").asText());
    assertEquals(10, json.get("top").asInt());
    assertEquals(10, json.get("answers").size());
    int h = trained.dataset.training().entityToId().get(head);
    int r = trained.dataset.training().relationToId().get(relation);
    float[] scores = new float[trained.model.numEntities()];
    trained.model.scoreTails(h, r, scores);
    for (int i = 0; i < 10; i++) {
      JsonNode answer = json.get("answers").get(i);
      Prediction p = expected.answers().get(i);
      assertEquals(i + 1, answer.get("rank").asInt());
      assertEquals(p.id(), answer.get("id").asInt());
      assertEquals(trained.dataset.training().entityLabel(p.id()), answer.get("label").asText());
      // The JSON number reads back to exactly the model's 1-N float score, which may differ from
      // the single-triple score in the last bits (another summation order).
      assertEquals(scores[p.id()], answer.get("score").floatValue());
      float single = trained.model.score(h, r, p.id());
      assertEquals(single, answer.get("score").floatValue(), 1e-5f * Math.max(1, Math.abs(single)));
      assertFalse(answer.get("known").asBoolean(), "known triples are filtered by default");
    }
    // Strictly by score: every filtered candidate outside the answers scores at most the last.
    float last = expected.answers().get(9).score();
    long better = 0;
    for (int e = 0; e < trained.model.numEntities(); e++) {
      if (scores[e] > last) {
        better++;
      }
    }
    assertTrue(better <= 9 + knownTails(h, r), "no unfiltered candidate beats the 10th answer");
  }

  private static int knownTails(int h, int r) {
    int count = 0;
    for (TriplesFactory split :
        List.of(
            trained.dataset.training(), trained.dataset.validation(), trained.dataset.testing())) {
      for (int i = 0; i < split.numTriples(); i++) {
        count += split.head(i) == h && split.relation(i) == r ? 1 : 0;
      }
    }
    return count;
  }

  @Test
  void tableListsTheAnswersWithAHeader() {
    String out =
        Cli.succeeds("predict", run, "--relation", relation, "--tail", tail, "--top", "3").out();
    List<String> lines = out.lines().toList();
    assertEquals(
        "heads of (?, " + relation + ", " + tail + "), filtered: training, validation, testing",
        lines.get(0));
    assertEquals(
        List.of("rank", "id", "head", "score", "known"), List.of(lines.get(1).split(" +")));
    TargetPredictions expected = trained.predictor.predictHeads(relation, tail, 3);
    assertEquals(5, lines.size());
    for (int i = 0; i < 3; i++) {
      String[] cells = lines.get(2 + i).trim().split(" +");
      Prediction p = expected.answers().get(i);
      assertEquals(
          List.of(String.valueOf(i + 1), String.valueOf(p.id()), p.label()),
          List.of(cells[0], cells[1], cells[2]));
      assertEquals(p.score(), Double.parseDouble(cells[3]), 5e-5);
    }
  }

  @Test
  void tsvHasAHeaderAndFullPrecisionScores() {
    int numRelations = trained.model.numRelations();
    String out =
        Cli.succeeds(
                "predict",
                run,
                "--head",
                head,
                "--tail",
                tail,
                "--top",
                String.valueOf(numRelations),
                "--include-known",
                "--format",
                "tsv")
            .out();
    List<String> lines = out.lines().toList();
    assertEquals("rank\tid\tlabel\tscore\tknown_in", lines.get(0));
    TargetPredictions expected =
        trained.predictor.filtering(Set.of()).predictRelations(head, tail, numRelations);
    assertEquals(1 + numRelations, lines.size());
    int h = trained.dataset.training().entityToId().get(head);
    int t = trained.dataset.training().entityToId().get(tail);
    for (int i = 0; i < numRelations; i++) {
      String[] cells = lines.get(1 + i).split("\t", -1);
      Prediction p = expected.answers().get(i);
      assertEquals(String.valueOf(i + 1), cells[0]);
      assertEquals(String.valueOf(p.id()), cells[1]);
      assertEquals(p.label(), cells[2]);
      assertEquals(trained.model.score(h, p.id(), t), Float.parseFloat(cells[3]));
      if (cells[2].equals(relation)) {
        assertTrue(
            cells[4].startsWith("training"), "the training triple is flagged: " + lines.get(1 + i));
      }
    }
  }

  @Test
  void includeKnownKeepsAndFlagsTrainingTriples() throws Exception {
    int numEntities = trained.model.numEntities();
    JsonNode kept =
        json(
            "--head",
            head,
            "--relation",
            relation,
            "--top",
            String.valueOf(numEntities),
            "--include-known");
    assertEquals(numEntities, kept.get("answers").size(), "every entity, none filtered");
    assertEquals(0, kept.get("filtered").size());
    JsonNode known = null;
    for (JsonNode answer : kept.get("answers")) {
      if (answer.get("label").asText().equals(tail)) {
        known = answer;
      }
    }
    assertTrue(known != null && known.get("known").asBoolean(), String.valueOf(known));
    assertEquals("training", known.get("known_in").get(0).asText());

    JsonNode filtered =
        json("--head", head, "--relation", relation, "--top", String.valueOf(numEntities));
    assertEquals(
        numEntities
            - knownTails(
                trained.dataset.training().entityToId().get(head),
                trained.dataset.training().relationToId().get(relation)),
        filtered.get("answers").size());
    for (JsonNode answer : filtered.get("answers")) {
      assertFalse(answer.get("label").asText().equals(tail));
    }
  }

  @Test
  void triplesFileIsScoredInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("triples.tsv");
    String other = trained.dataset.training().entityLabel(5);
    Files.writeString(
        file,
        head + "\t" + relation + "\t" + tail + "\n\n" + other + "\t" + relation + "\t" + head
            + "\n");
    String out =
        Cli.succeeds("predict", run, "--triples", file.toString(), "--format", "tsv").out();
    List<String> lines = out.lines().toList();
    assertEquals("head\trelation\ttail\tscore\tknown_in", lines.get(0));
    assertEquals(3, lines.size());
    String[] first = lines.get(1).split("\t", -1);
    assertEquals(List.of(head, relation, tail), List.of(first[0], first[1], first[2]));
    assertEquals(trained.score(head, relation, tail), Float.parseFloat(first[3]));
    assertTrue(first[4].startsWith("training"), lines.get(1));
    String[] second = lines.get(2).split("\t", -1);
    assertEquals(other, second[0]);
    assertEquals(trained.score(other, relation, head), Float.parseFloat(second[3]));

    JsonNode json = json("--triples", file.toString());
    assertEquals(2, json.get("triples").size());
    assertEquals(tail, json.get("triples").get(0).get("tail").get("label").asText());
    assertTrue(json.get("triples").get(0).get("known").asBoolean());
    String table = Cli.succeeds("predict", run, "--triples", file.toString()).out();
    assertEquals(
        List.of("head", "relation", "tail", "score", "known"),
        List.of(table.lines().findFirst().orElseThrow().split(" +")));
  }

  @Test
  void unknownLabelsSuggestTheClosestWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Cli.Run entity = Cli.usageError("predict", run, "--head", "person_12", "--relation", relation);
    assertTrue(
        entity
            .err()
            .startsWith(
                "kge4j: Invalid value for option '--head': unknown entity 'person_12'; closest: person_120,"),
        entity.err());
    assertFalse(entity.err().contains("\tat "), "no stack trace");
    Cli.Run rel = Cli.run("predict", run, "--head", head, "--relation", "fathr_of");
    assertEquals(2, rel.exitCode());
    assertTrue(
        rel.err()
            .contains(
                "Invalid value for option '--relation': unknown relation 'fathr_of'; closest: father_of,"),
        rel.err());
    Path file = dir.resolve("bad.tsv");
    Files.writeString(
        file, head + "\t" + relation + "\t" + tail + "\nnobody\t" + relation + "\t" + tail + "\n");
    Cli.Run triples = Cli.run("predict", run, "--triples", file.toString());
    assertEquals(2, triples.exitCode());
    assertTrue(
        triples
            .err()
            .contains(
                "Invalid value for option '--triples': "
                    + file
                    + ": triple 2 (nobody "
                    + relation
                    + " "
                    + tail
                    + "): unknown entity 'nobody'"),
        triples.err());
  }

  @Test
  void badCommandLinesNameTheOption(@TempDir Path dir) {
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"predict", run, "--head", head});
    cases.add(
        new String[] {"predict", run, "--head", head, "--relation", relation, "--tail", tail});
    cases.add(new String[] {"predict", run, "--triples", "x.tsv", "--head", head});
    cases.add(new String[] {"predict", run, "--head", head, "--relation", relation, "--top", "0"});
    cases.add(
        new String[] {"predict", run, "--head", head, "--relation", relation, "--format", "xml"});
    cases.add(new String[] {"predict", dir.toString(), "--head", head, "--relation", relation});
    cases.add(new String[] {"predict", run, "--triples", dir.resolve("none.tsv").toString()});
    List<String> expected =
        List.of(
            "kge4j: Give two of --head, --relation, --tail (--head --relation ranks tails, --relation --tail heads, --head --tail relations) or --triples FILE; got --head",
            "kge4j: Give two of --head, --relation, --tail (--head --relation ranks tails, --relation --tail heads, --head --tail relations) or --triples FILE; got --head --relation --tail",
            "kge4j: Invalid value for option '--triples': cannot be combined with --head",
            "kge4j: Invalid value for option '--top': must be an integer >= 1, got 0",
            "kge4j: Invalid value for option '--format': expected one of table, json, tsv (case-insensitive), got 'xml'",
            "kge4j: Invalid value for positional parameter RUN_DIR|CHECKPOINT: no such file: "
                + dir.resolve(OutputFiles.CHECKPOINT_FILE).toAbsolutePath(),
            "kge4j: Invalid value for option '--triples': triples file "
                + dir.resolve("none.tsv").toAbsolutePath()
                + " does not exist or is not a regular file");
    for (int i = 0; i < cases.size(); i++) {
      Cli.Run result = Cli.usageError(cases.get(i));
      assertEquals(expected.get(i), result.err().lines().findFirst().orElseThrow());
    }
  }
}
