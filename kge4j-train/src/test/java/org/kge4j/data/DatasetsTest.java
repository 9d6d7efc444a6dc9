package org.kge4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kge4j.testing.LabeledTriples;

class DatasetsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "nations, 14, 55, 1592, 199, 201",
    "umls, 135, 46, 5216, 652, 661",
    "kinships, 104, 25, 8544, 1068, 1074"
  })
  void sharedDatasetsLoadWithPyKeenCounts(
      String name, int entities, int relations, int train, int valid, int test) {
    Dataset dataset = Datasets.load(name, SharedDatasets.directory());
    assertEquals(name, dataset.name());
    assertEquals(entities, dataset.numEntities());
    assertEquals(relations, dataset.numRelations());
    assertEquals(train, dataset.training().numTriples());
    assertEquals(valid, dataset.validation().numTriples());
    assertEquals(test, dataset.testing().numTriples());
    assertEquals(entities, dataset.testing().numEntities());
  }

  @Test
  void namesAreNormalisedAndDirectoriesLoad() throws IOException {
    Path shared = SharedDatasets.directory();
    assertEquals(14, Datasets.load("NATIONS", shared).numEntities());
    Dataset fromDirectory = Datasets.load(shared.resolve("umls").toString(), dir);
    assertEquals("umls", fromDirectory.name());
    assertEquals(135, fromDirectory.numEntities());
  }

  @Test
  void knownNamesIncludeThePublicBenchmarks() {
    assertEquals(List.of("nations", "umls", "kinships", "fb15k237", "wn18rr"), Datasets.names());
    assertEquals("fb15k237", Datasets.spec("FB15k-237").name());
    assertEquals(DatasetSpec.Packaging.TAR_GZ, Datasets.spec("WN18RR").packaging());
  }

  @Test
  void unknownNameListsValidNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Datasets.load("freebase9000", dir));
    assertTrue(
        e.getMessage()
            .startsWith(
                "unknown dataset \"freebase9000\": expected embedded, "
                    + "one of [nations, umls, kinships, fb15k237, wn18rr]"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Datasets.spec("freebase9000"));
  }

  @Test
  void embeddedIsTheDefault() {
    assertSame(Datasets.embedded(), Datasets.load(null));
    assertSame(Datasets.embedded(), Datasets.load("embedded"));
    assertSame(Datasets.embedded(), Datasets.load(" Embedded "));
    assertEquals("embedded", Datasets.embedded().name());
  }

  @Test
  void directoryWithMissingSplitNamesTheMissingFiles() throws IOException {
    Files.writeString(dir.resolve("train.txt"), "a\tr\tb\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Datasets.load(dir.toString()));
    assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().endsWith("missing [valid.txt, test.txt]"), e.getMessage());
  }

  @Test
  void directorySplitsShareTheTrainingIdSpaceAndDropUnknowns() throws IOException {
    Files.writeString(dir.resolve("train.txt"), "a\tr\tb\nb\tr\tc\n");
    Files.writeString(dir.resolve("valid.txt"), "c\tr\ta\nx\tr\ta\n");
    Files.writeString(dir.resolve("test.txt"), "a\tr\tc\n");
    Dataset dataset = Datasets.fromDirectory(dir);
    assertEquals(3, dataset.numEntities());
    assertEquals(1, dataset.validation().numTriples());
    assertEquals(1, dataset.validation().numDroppedTriples());
    assertEquals(2, dataset.validation().tail(0) + dataset.validation().head(0));
  }

  @Test
  void emptySplitFileIsAnError() throws IOException {
    Files.writeString(dir.resolve("train.txt"), "a\tr\tb\n");
    Files.writeString(dir.resolve("valid.txt"), "");
    Files.writeString(dir.resolve("test.txt"), "a\tr\tb\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Datasets.fromDirectory(dir));
    assertTrue(e.getMessage().contains("valid.txt"), e.getMessage());
  }

  @Test
  void cacheDirectoryHonoursTheSystemProperty() {
    String previous = System.getProperty(Datasets.DATASETS_PROPERTY);
    try {
      System.setProperty(Datasets.DATASETS_PROPERTY, dir.toString());
      assertEquals(dir, Datasets.cacheDirectory());
      System.clearProperty(Datasets.DATASETS_PROPERTY);
      String env = System.getenv(Datasets.DATASETS_ENV);
      Path expected =
          env != null && !env.isBlank()
              ? Path.of(env)
              : Path.of(System.getProperty("user.home"), ".kge4j", "datasets");
      assertEquals(expected, Datasets.cacheDirectory());
    } finally {
      if (previous == null) {
        System.clearProperty(Datasets.DATASETS_PROPERTY);
      } else {
        System.setProperty(Datasets.DATASETS_PROPERTY, previous);
      }
    }
  }

  @Test
  void datasetRejectsSplitsOfAnotherIdSpace() {
    TriplesFactory a = LabeledTriples.of("a r b");
    TriplesFactory b = LabeledTriples.of("a r c");
    assertThrows(IllegalArgumentException.class, () -> new Dataset("x", a, b, a));
  }
}
