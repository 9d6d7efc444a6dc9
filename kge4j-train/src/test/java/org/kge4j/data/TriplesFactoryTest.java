package org.kge4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.testing.LabeledTriples;

class TriplesFactoryTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void idsFollowSortedLabelsOfHeadsAndTails() throws IOException {
    Path file = write("train.txt", "zeta\tloves\talpha\nbeta\thates\tzeta\nalpha\tloves\tbeta\n");
    TriplesFactory f = TriplesFactory.fromPath(file);
    assertEquals(Map.of("alpha", 0, "beta", 1, "zeta", 2), f.entityToId());
    assertEquals(Map.of("hates", 0, "loves", 1), f.relationToId());
    assertEquals(List.of("alpha", "beta", "zeta"), List.copyOf(f.entityToId().keySet()));
    assertEquals(3, f.numEntities());
    assertEquals(2, f.numRelations());
    assertEquals(3, f.numTriples());
    // Sorted by (h, r, t) like np.unique: alpha loves beta, beta hates zeta, zeta loves alpha.
    assertArrayEquals(new int[] {0, 1, 1, 1, 0, 2, 2, 1, 0}, f.mappedTriples());
    assertEquals(1, f.head(1));
    assertEquals(0, f.relation(1));
    assertEquals(2, f.tail(1));
    assertEquals("zeta", f.entityLabel(2));
    assertEquals("hates", f.relationLabel(0));
  }

  @Test
  void sortingIsByCodePointLikePythonSorted() {
    // Python's sorted() and String.compareTo agree: upper case before lower case, "B" < "a".
    TriplesFactory f = LabeledTriples.of("a r B", "_x r a10", "a2 r a");
    assertEquals(List.of("B", "_x", "a", "a10", "a2"), List.copyOf(f.entityToId().keySet()));
  }

  @Test
  void labelsBeyondTheBasicPlaneSortByCodePoint() {
    // U+1F600 (a surrogate pair in UTF-16) sorts after U+FF21 by code point, as NumPy sorts it,
    // although its first UTF-16 unit 0xD83D is smaller than 0xFF21.
    String emoji = new String(Character.toChars(0x1F600));
    String fullwidthA = "\uFF21";
    TriplesFactory f =
        TriplesFactory.fromLabeledTriples(List.<String[]>of(new String[] {emoji, "r", fullwidthA}));
    assertEquals(List.of(fullwidthA, emoji), List.copyOf(f.entityToId().keySet()));
    assertTrue(TriplesFactory.CODE_POINT_ORDER.compare("ab", "a") > 0);
    assertEquals(0, TriplesFactory.CODE_POINT_ORDER.compare("ab", "ab"));
  }

  @Test
  void duplicatesAreRemovedLikeNumpyUnique() throws IOException {
    TriplesFactory f = TriplesFactory.fromPath(write("dup.txt", "b\tr\ta\na\tr\tb\nb\tr\ta\n"));
    assertEquals(2, f.numTriples());
    assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0}, f.mappedTriples());
    // Mapped triples given by the caller are kept as they are.
    TriplesFactory mapped =
        TriplesFactory.fromMappedTriples(
            new int[] {1, 0, 0, 1, 0, 0}, new String[] {"a", "b"}, new String[] {"r"});
    assertEquals(2, mapped.numTriples());
  }

  @Test
  void mappedTriplesIsACopy() {
    TriplesFactory f = LabeledTriples.of("a r b");
    int[] triples = f.mappedTriples();
    triples[0] = 99;
    assertEquals(0, f.head(0));
  }

  @Test
  void crlfAndBlankLinesAreAccepted() throws IOException {
    TriplesFactory f = TriplesFactory.fromPath(write("crlf.txt", "a\tr\tb\r\n\r\nb\tr\tc\r\n"));
    assertEquals(2, f.numTriples());
    assertEquals(List.of("a", "b", "c"), List.copyOf(f.entityToId().keySet()));
  }

  @Test
  void malformedLineNamesFileAndLineNumber() throws IOException {
    Path file = write("bad.txt", "a\tr\tb\nb\tr\tc\nc r d\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TriplesFactory.fromPath(file));
    assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
    assertTrue(e.getMessage().contains("got 1 field(s)"), e.getMessage());
  }

  @Test
  void tooManyFieldsAndEmptyFieldsAreMalformed() throws IOException {
    Path four = write("four.txt", "a\tr\tb\tx\n");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> TriplesFactory.fromPath(four))
            .getMessage()
            .startsWith(four + ":1: "));
    Path empty = write("emptyfield.txt", "a\tr\tb\n\nb\t\tc\n");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> TriplesFactory.fromPath(empty))
            .getMessage()
            .startsWith(empty + ":3: "));
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    for (String content : new String[] {"", "\n  \n"}) {
      Path file = write("empty.txt", content);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TriplesFactory.fromPath(file));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("no triples"), e.getMessage());
    }
  }

  @Test
  void missingFileIsAnError() {
    Path missing = dir.resolve("nope.txt");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TriplesFactory.fromPath(missing));
    assertEquals(
        "triples file " + missing.toAbsolutePath() + " does not exist or is not a regular file",
        e.getMessage());
  }

  @Test
  void splitWithTrainingMappingDropsAndCountsUnknownLabels() throws IOException {
    TriplesFactory training = TriplesFactory.fromPath(write("train.txt", "a\tr\tb\nb\ts\tc\n"));
    Path test = write("test.txt", "a\ts\tc\nd\tr\ta\na\tq\tb\nc\tr\ta\n");
    TriplesFactory testing = TriplesFactory.fromPath(test, training);
    assertEquals(2, testing.numTriples());
    assertEquals(2, testing.numDroppedTriples());
    assertEquals(3, testing.numEntities());
    assertEquals(2, testing.numRelations());
    assertArrayEquals(new int[] {0, 1, 2, 2, 0, 0}, testing.mappedTriples());
    assertTrue(testing.sharesIdSpaceWith(training));
  }

  @Test
  void fromMappedTriplesChecksIds() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TriplesFactory.fromMappedTriples(
                    new int[] {0, 1, 1}, new String[] {"a", "b"}, new String[] {"r"}));
    assertEquals("mappedTriples[1] (triple 0, column 1) must be in [0, 1), got 1", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TriplesFactory.fromMappedTriples(
                new int[] {0, 0}, new String[] {"a"}, new String[] {"r"}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TriplesFactory.fromMappedTriples(
                new int[] {0, 0, 0}, new String[] {"a", "a"}, new String[] {"r"}));
  }

  @Test
  void accessorsRejectOutOfRangeIndices() {
    TriplesFactory f = LabeledTriples.of("a r b");
    assertEquals(
        "triple index must be in [0, 1), got 1",
        assertThrows(IllegalArgumentException.class, () -> f.head(1)).getMessage());
    assertEquals(
        "entity id must be in [0, 2), got -1",
        assertThrows(IllegalArgumentException.class, () -> f.entityLabel(-1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> f.relationLabel(1));
    assertThrows(
        IllegalArgumentException.class, () -> TriplesFactory.fromLabeledTriples(List.of()));
  }
}
