package org.kge4j.rdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.data.TriplesFactory;

/** Loading a graph file into a split {@link Dataset}, its provenance, and recognising files. */
class GraphFilesTest {

  @TempDir Path directory;

  /** {@link TestFiles#ring} of 40 entities (80 triples) and one statement with a literal. */
  private Path ring(String name) {
    return TestFiles.write(
        directory, name, TestFiles.ring(40) + "<urn:e0> <urn:label> \"zero\" .\n");
  }

  @Test
  void loadSplitsTheGraphIntoADatasetNamedAfterTheFile() {
    Path file = ring("ring.nt");
    GraphDataset loaded = GraphFiles.load(file, GraphFileOptions.defaults());
    Dataset dataset = loaded.dataset();
    assertEquals("ring", dataset.name());
    assertEquals(40, dataset.numEntities());
    assertEquals(List.of("urn:next", "urn:skip"), TestFiles.relations(dataset.training()));
    int total =
        dataset.training().numTriples()
            + dataset.validation().numTriples()
            + dataset.testing().numTriples();
    assertEquals(80, total);
    assertEquals(64 + loaded.movedToTraining(), dataset.training().numTriples());
    assertEquals(new GraphReadCounts(81, 1, 0, 0, 0, 0), loaded.counts());
    assertEquals(file.toAbsolutePath(), loaded.file());
    assertEquals(GraphFormat.N_TRIPLES, loaded.format());
  }

  @Test
  void aSplitWrittenAsTsvFilesLoadsBackToTheSameDataset() throws IOException {
    GraphDataset loaded = GraphFiles.load(ring("ring.nt"), GraphFileOptions.defaults());
    Path splits = Files.createDirectory(directory.resolve("splits"));
    List<TriplesFactory> parts =
        List.of(
            loaded.dataset().training(), loaded.dataset().validation(), loaded.dataset().testing());
    for (int p = 0; p < 3; p++) {
      StringBuilder sb = new StringBuilder();
      for (String row : TestFiles.labeled(parts.get(p))) {
        sb.append(row.replace(' ', '\t')).append('\n');
      }
      Files.writeString(splits.resolve(Datasets.SPLIT_FILES.get(p)), sb.toString());
    }
    Dataset fromTsv = Datasets.fromDirectory(splits);
    assertTrue(fromTsv.training().sharesIdSpaceWith(loaded.dataset().training()));
    for (int p = 0; p < 3; p++) {
      TriplesFactory tsv =
          List.of(fromTsv.training(), fromTsv.validation(), fromTsv.testing()).get(p);
      assertArrayEquals(tsv.mappedTriples(), parts.get(p).mappedTriples());
    }
  }

  @Test
  void provenanceRecordsTheFileOptionsAndCountsAndTheKwargsReadItAgain() {
    Path file = ring("ring.nt");
    GraphFileOptions options =
        GraphFileOptions.builder().split(new SplitRatios(0.6, 0.2, 0.2), 9).build();
    GraphDataset loaded = GraphFiles.load(file, options);
    Map<String, Object> provenance = loaded.provenance();
    assertEquals(file.toAbsolutePath().toString(), provenance.get("path"));
    assertEquals("N-Triples", provenance.get("format"));
    assertEquals(false, provenance.get("gzip"));
    assertEquals(Sha256Reference.of(file), provenance.get("sha256"));
    assertEquals(false, provenance.get("keep_literals"));
    assertEquals(
        Map.of(
            "method",
            "cleanup",
            "ratios",
            List.of(0.6, 0.2, 0.2),
            "seed",
            9L,
            "moved_to_training",
            loaded.movedToTraining()),
        provenance.get("split"));
    assertEquals(81L, provenance.get("statements_read"));
    assertEquals(1L, provenance.get("literals_skipped"));
    assertEquals(0L, provenance.get("duplicates_removed"));

    assertEquals(
        Map.of(
            "split",
            List.of(0.6, 0.2, 0.2),
            "split_seed",
            9L,
            "keep_literals",
            false,
            "sha256",
            Sha256Reference.of(file)),
        loaded.kwargs());
    GraphFileOptions recorded = GraphFileOptions.fromKwargs(GraphFormat.N_TRIPLES, loaded.kwargs());
    assertEquals(options.splitRatios(), recorded.splitRatios());
    assertEquals(9, recorded.splitSeed());
    assertEquals(loaded.sha256(), recorded.expectedSha256().orElseThrow());
    GraphDataset again = GraphFiles.load(file, recorded);
    assertArrayEquals(
        loaded.dataset().testing().mappedTriples(), again.dataset().testing().mappedTriples());
  }

  @Test
  void aFileThatChangedSinceItWasRecordedIsRejected() throws IOException {
    Path file = ring("ring.nt");
    GraphFileOptions recorded =
        GraphFileOptions.fromKwargs(
            GraphFormat.N_TRIPLES, GraphFiles.load(file, GraphFileOptions.defaults()).kwargs());
    String before = Sha256Reference.of(file);
    Files.writeString(file, "<urn:e0> <urn:next> <urn:e9> .\n", StandardOpenOption.APPEND);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GraphFiles.load(file, recorded));
    assertEquals(
        file
            + " has SHA-256 "
            + Sha256Reference.of(file)
            + ", but "
            + before
            + " was expected (the file changed since it was recorded)",
        e.getMessage());
  }

  @Test
  void tableOptionsRoundTripThroughTheKwargs() {
    StringBuilder csv = new StringBuilder("from;kind;to\n");
    for (int i = 0; i < 40; i++) {
      csv.append("e").append(i).append(";next;e").append((i + 1) % 40).append('\n');
      csv.append("e").append(i).append(";skip;e").append((i + 2) % 40).append('\n');
    }
    Path file = TestFiles.write(directory, "ring.csv", csv.toString());
    GraphFileOptions options =
        GraphFileOptions.builder().columns(List.of("from", "kind", "to")).delimiter(';').build();
    GraphDataset loaded = GraphFiles.load(file, options);
    assertEquals(List.of("from", "kind", "to"), loaded.provenance().get("columns"));
    assertEquals(";", loaded.provenance().get("delimiter"));
    assertEquals(List.of("from", "kind", "to"), loaded.kwargs().get("columns"));
    assertEquals(";", loaded.kwargs().get("delimiter"));
    assertFalse(loaded.kwargs().containsKey("keep_literals"), "keep_literals is RDF's");
    GraphFileOptions recorded = GraphFileOptions.fromKwargs(GraphFormat.CSV, loaded.kwargs());
    assertEquals(options.columns(), recorded.columns());
    assertEquals(options.delimiter(), recorded.delimiter());
    assertArrayEquals(
        loaded.dataset().validation().mappedTriples(),
        GraphFiles.load(file, recorded).dataset().validation().mappedTriples());
  }

  @Test
  void summaryNamesFormatCountsAndSplit() {
    GraphDataset loaded = GraphFiles.load(ring("ring.nt"), GraphFileOptions.defaults());
    assertEquals(
        "ring.nt: N-Triples, 81 statements, 1 with a literal object skipped; split 0.8,0.1,0.1"
            + " with seed 42, "
            + loaded.movedToTraining()
            + " triples moved into training",
        loaded.summary());
  }

  @Test
  void graphFilesAreRecognisedByExistenceOrExtension() throws IOException {
    Path file = ring("ring.nt");
    assertTrue(GraphFiles.isGraphFile(file.toString()));
    assertTrue(GraphFiles.isGraphFile(directory.resolve("missing.ttl.gz").toString()));
    Path odd = TestFiles.write(directory, "graph.json", "{}");
    assertTrue(GraphFiles.isGraphFile(odd.toString()));
    assertFalse(GraphFiles.isGraphFile("umls"));
    assertFalse(GraphFiles.isGraphFile(directory.toString()));
    Path folder = Files.createDirectory(directory.resolve("folder.nt"));
    assertFalse(GraphFiles.isGraphFile(folder.toString()));
    assertFalse(GraphFiles.isGraphFile(""));
  }

  @Test
  void formatsAreRecognisedIgnoringCaseAndGzip() {
    assertEquals(GraphFormat.RDF_XML, GraphFormat.of(Path.of("onto.OWL.gz")));
    assertEquals(GraphFormat.N_QUADS, GraphFormat.of(Path.of("d/x.nq")));
    assertEquals(GraphFormat.TSV, GraphFormat.fromFileName("a.TSV").orElseThrow());
    assertTrue(GraphFormat.fromFileName(".nt").isEmpty());
    assertTrue(GraphFormat.fromFileName("train.txt").isEmpty());
    assertEquals("family", GraphFormat.stem(Path.of("x/family.nt.gz")));
    assertEquals("Family.v2", GraphFormat.stem(Path.of("Family.v2.TTL")));
  }
}
