package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kge4j train --dataset FILE} on RDF and CSV files: the split and the SHA-256 in the run's
 * configuration ({@code dataset_kwargs}), the provenance in {@code results.json}, {@code --config},
 * {@code --resume} and {@code evaluate} reading the file as the configuration recorded, and the
 * usage errors, which stop before anything is written.
 */
class GraphFileTrainTest {

  @TempDir static Path dir;

  /** Nations (14 entities, 55 relations) as N-Triples, with one literal per country. */
  private static Path nations;

  private static Path run;
  private static Cli.Run trained;
  private static JsonNode results;

  @BeforeAll
  static void trainOnNationsAsNTriples() throws IOException {
    Path shared = Cli.sharedDatasets().resolve("nations");
    StringBuilder nt = new StringBuilder();
    int statements = 0;
    for (String split : List.of("train.txt", "valid.txt", "test.txt")) {
      for (String line : Files.readAllLines(shared.resolve(split))) {
        String[] f = line.split("\t");
        nt.append(iri(f[0])).append(' ').append(iri(f[1])).append(' ').append(iri(f[2]));
        nt.append(" .\n");
        statements++;
      }
    }
    nt.append(iri("usa")).append(" <urn:nations:name> \"United States\" .\n");
    nations = Files.writeString(dir.resolve("nations.nt"), nt.toString());
    assertEquals(1992, statements);
    run = dir.resolve("run");
    trained =
        Cli.run(
            "train",
            "--dataset",
            nations.toString(),
            "--split",
            "0.7,0.15,0.15",
            "--split-seed",
            "5",
            "--model",
            "distmult",
            "--epochs",
            "2",
            "--dim",
            "8",
            "--threads",
            "2",
            "--quiet",
            "--output",
            run.toString());
    results = Cli.results(run);
  }

  private static String iri(String label) {
    return "<urn:nations:" + label + ">";
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void trainingOnAnRdfFileRecordsTheFileTheSplitAndTheCounts() throws Exception {
    assertEquals(0, trained.exitCode(), trained::toString);
    assertTrue(
        trained
            .out()
            .startsWith(
                "nations.nt: N-Triples, 1993 statements, 1 with a literal object skipped; split"
                    + " 0.7,0.15,0.15 with seed 5, "),
        trained.out());
    JsonNode dataset = results.get("dataset");
    assertEquals("nations", dataset.get("name").asText());
    assertEquals(nations.toAbsolutePath().toString(), dataset.get("source").asText());
    assertEquals(14, dataset.get("num_entities").asInt());
    int total =
        dataset.get("training").get("num_triples").asInt()
            + dataset.get("validation").get("num_triples").asInt()
            + dataset.get("testing").get("num_triples").asInt();
    assertEquals(1992, total);
    JsonNode file = dataset.get("graph_file");
    assertEquals(sha256(nations), file.get("sha256").asText());
    assertEquals("N-Triples", file.get("format").asText());
    assertEquals(0.15, file.get("split").get("ratios").get(2).asDouble());
    assertEquals(5, file.get("split").get("seed").asInt());
    assertEquals("cleanup", file.get("split").get("method").asText());
    assertEquals(1993, file.get("statements_read").asInt());
    assertEquals(1, file.get("literals_skipped").asInt());
    assertEquals(0, file.get("duplicates_removed").asInt());
    // 70 % of 1992 drawn for training, plus what the cleanup moved there.
    assertEquals(
        1394 + file.get("split").get("moved_to_training").asInt(),
        dataset.get("training").get("num_triples").asInt());

    // The configuration is what reads the file again: path, split and SHA-256.
    JsonNode pipeline = Cli.json(run.resolve(OutputFiles.PIPELINE_CONFIG_JSON)).get("pipeline");
    assertEquals(nations.toAbsolutePath().toString(), pipeline.get("dataset").asText());
    assertEquals(
        OutputFiles.json()
            .readTree(
                "{\"split\": [0.7, 0.15, 0.15], \"split_seed\": 5, \"keep_literals\": false,"
                    + " \"sha256\": \""
                    + sha256(nations)
                    + "\"}"),
        pipeline.get("dataset_kwargs"));
    assertEquals(pipeline, results.at("/configuration/pipeline"));
  }

  @Test
  void theRunsPipelineConfigRetrainsOnTheSameFileAndSplit() throws IOException {
    JsonNode second =
        Cli.retrain(run.resolve(OutputFiles.PIPELINE_CONFIG_JSON), dir.resolve("again"));
    assertEquals(results.at("/configuration/pipeline"), second.at("/configuration/pipeline"));
    assertEquals(results.at("/dataset/testing"), second.at("/dataset/testing"));
    assertEquals(results.at("/dataset/graph_file"), second.at("/dataset/graph_file"));
    // Same configuration on the same data: the same model, whatever the thread count.
    assertEquals(results.get("metrics"), second.get("metrics"));
  }

  @Test
  void evaluateSplitsTheRecordedFileAsTheRunDid() {
    Cli.Run evaluated =
        Cli.succeeds("evaluate", run.resolve(OutputFiles.CHECKPOINT_FILE).toString());
    int testing = results.get("dataset").get("testing").get("num_triples").asInt();
    assertTrue(
        evaluated.out().startsWith("test metrics (nations, DistMult, " + testing + " triples,"),
        evaluated.out());
    assertEquals(
        results.get("metrics").get("both.realistic.inverse_harmonic_mean_rank").asDouble(),
        Double.parseDouble(
            evaluated
                .out()
                .lines()
                .filter(l -> l.contains("MRR"))
                .findFirst()
                .orElseThrow()
                .trim()
                .split("\\s+")[3]),
        1e-4);
  }

  @Test
  void optionsReplaceTheConfigFilesDatasetKwargsAndAnotherDatasetStartsFromItsDefaults()
      throws Exception {
    String config = run.resolve(OutputFiles.PIPELINE_CONFIG_JSON).toString();
    Path reseeded = dir.resolve("reseeded");
    Cli.train(reseeded, "--config", config, "--split-seed", "9", "--epochs", "1");
    JsonNode kwargs =
        Cli.json(reseeded.resolve(OutputFiles.PIPELINE_CONFIG_JSON)).at("/pipeline/dataset_kwargs");
    assertEquals(9, kwargs.get("split_seed").asInt());
    assertEquals(0.7, kwargs.get("split").get(0).asDouble());
    assertEquals(sha256(nations), kwargs.get("sha256").asText());

    Path named = dir.resolve("named");
    Cli.train(named, "--config", config, "--dataset", "nations", "--epochs", "1");
    JsonNode pipeline = Cli.json(named.resolve(OutputFiles.PIPELINE_CONFIG_JSON)).get("pipeline");
    assertEquals("nations", pipeline.get("dataset").asText());
    assertFalse(pipeline.has("dataset_kwargs"), pipeline::toString);
  }

  @Test
  void resumeReadsTheGraphFileFromTheCheckpointAloneAndRefusesNewSplitOptions() throws IOException {
    // Only the checkpoint: it names the file, the split and the SHA-256.
    Path copy = Files.createDirectories(dir.resolve("resumed"));
    Files.copy(run.resolve(OutputFiles.CHECKPOINT_FILE), copy.resolve(OutputFiles.CHECKPOINT_FILE));
    String checkpoint = copy.resolve(OutputFiles.CHECKPOINT_FILE).toString();
    Cli.Run refused = Cli.usageError("train", "--resume", checkpoint, "--split", "0.5,0.25,0.25");
    assertEquals(
        "kge4j: Invalid value for option '--split': cannot be combined with --resume: a resumed"
            + " run keeps the configuration stored in its checkpoint "
            + checkpoint,
        refused.err().lines().findFirst().orElseThrow());

    Cli.succeeds("train", "--resume", checkpoint, "--quiet");
    JsonNode again = Cli.results(copy);
    assertEquals(results.at("/dataset/testing"), again.at("/dataset/testing"));
    assertEquals(results.at("/dataset/graph_file"), again.at("/dataset/graph_file"));
  }

  @Test
  void aChangedFileIsRejectedWhenTheRunReadsItAgain() throws Exception {
    Path copyRun = dir.resolve("changed-run");
    Path copy = Files.copy(nations, dir.resolve("changed.nt"));
    Cli.train(
        copyRun, "--dataset", copy.toString(), "--epochs", "1", "--dim", "4", "--threads", "1");
    String before = sha256(copy);
    Files.writeString(copy, "<urn:a> <urn:p> <urn:b> .\n", StandardOpenOption.APPEND);
    Cli.Run evaluated =
        Cli.usageError("evaluate", copyRun.resolve(OutputFiles.CHECKPOINT_FILE).toString());
    assertTrue(
        evaluated
            .err()
            .contains(
                "Invalid value for option '--dataset': "
                    + copy.toAbsolutePath()
                    + " has SHA-256 "
                    + sha256(copy)
                    + ", but "
                    + before
                    + " was expected (the file changed since it was recorded)"),
        evaluated.err());
  }

  @Test
  void aCsvFileWithChosenColumnsAndDelimiterTrains() throws IOException {
    StringBuilder csv = new StringBuilder("weight;object;subject;predicate\n");
    for (String line : Files.readAllLines(Cli.sharedDatasets().resolve("nations/train.txt"))) {
      String[] f = line.split("\t");
      csv.append("1;").append(f[2]).append(';').append(f[0]).append(";\"").append(f[1]);
      csv.append("\"\n");
    }
    Path file = Files.writeString(dir.resolve("nations.csv"), csv.toString());
    Path output = dir.resolve("csv-run");
    Cli.Run csvRun =
        Cli.train(
            output,
            "--dataset",
            file.toString(),
            "--columns",
            "subject,predicate,object",
            "--delimiter",
            ";",
            "--epochs",
            "1",
            "--dim",
            "4",
            "--threads",
            "1");
    assertTrue(
        csvRun.out().startsWith("nations.csv: CSV, 1592 rows; split 0.8,0.1,0.1"), csvRun.out());
    JsonNode file2 = Cli.results(output).get("dataset").get("graph_file");
    assertEquals("subject", file2.get("columns").get(0).asText());
    assertEquals(";", file2.get("delimiter").asText());
  }

  @Test
  void aMalformedFileNamesFileAndLineAndWritesNothing() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.ttl"),
            "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:b ex:p .\n");
    Path output = dir.resolve("never");
    Cli.Run failed =
        Cli.usageError("train", "--dataset", bad.toString(), "--output", output.toString());
    assertTrue(
        failed.err().startsWith("kge4j: Invalid value for option '--dataset': " + bad + ":3:"),
        failed.err());
    assertFalse(Files.exists(output), "nothing may be written for a malformed file");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--split 0.8,0.1 --dataset nations|Invalid value for option '--split': applies only when"
            + " --dataset is an RDF or CSV/TSV file (.nt, .nq, .ttl, .trig, .rdf, .owl, .csv, .tsv,"
            + " optionally .gz), got 'nations'",
        "--split 0.8,0.3,0.1 --dataset {nt}|Invalid value for option '--split': split ratios must"
            + " sum to 1, got [0.8, 0.3, 0.1] with sum 1.2000000000000002",
        "--columns a,b,c --dataset {nt}|Invalid value for option '--columns': applies to CSV/TSV"
            + " files only, got the N-Triples file {nt}",
        "--keep-literals --dataset {csv}|Invalid value for option '--keep-literals': applies to RDF"
            + " files only, got the CSV file {csv}",
        "--delimiter ab --dataset {csv}|Invalid value for option '--delimiter': expected one"
            + " character (or \\t / tab), got 'ab'",
        "--columns a,b --dataset {csv}|Invalid value for option '--columns': dataset_kwargs.columns"
            + " must be a list of three header names or 0-based indexes (head, relation, tail), got"
            + " [a, b]"
      })
  void graphFileOptionsOutsideTheirFormatAreUsageErrors(String arguments, String message)
      throws IOException {
    Path csv = dir.resolve("options.csv");
    Files.writeString(csv, "h,r,t\na,r,b\n");
    String[] args =
        ("train " + arguments.replace("{nt}", nations.toString()).replace("{csv}", csv.toString()))
            .split(" ");
    Cli.Run failed = Cli.usageError(args);
    assertEquals(
        "kge4j: " + message.replace("{nt}", nations.toString()).replace("{csv}", csv.toString()),
        failed.err().lines().findFirst().orElseThrow());
  }

  @Test
  void aFileWithAnUnknownExtensionListsTheSupportedOnes() throws IOException {
    Path json = Files.writeString(dir.resolve("graph.json"), "{}");
    Cli.Run failed = Cli.usageError("train", "--dataset", json.toString());
    assertTrue(
        failed
            .err()
            .startsWith(
                "kge4j: Invalid value for option '--dataset': cannot tell the format of "
                    + json
                    + " from its extension: expected one of .nt, .nq, .ttl, .trig, .rdf, .owl,"
                    + " .csv, .tsv, each optionally followed by .gz"),
        failed.err());
  }
}
