package org.kge4j.rdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSV and TSV tables: header, chosen columns, RFC 4180 quoting, delimiters, and bad rows. */
class TableFilesTest {

  @TempDir Path directory;

  private static GraphRead read(Path file) {
    return GraphFiles.read(file, GraphFileOptions.defaults());
  }

  private static GraphRead read(Path file, String head, String relation, String tail) {
    return GraphFiles.read(
        file, GraphFileOptions.builder().columns(List.of(head, relation, tail)).build());
  }

  private static String message(Path file, GraphFileOptions options) {
    return assertThrows(IllegalArgumentException.class, () -> GraphFiles.read(file, options))
        .getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"people.csv", "people.tsv"})
  void aThreeColumnTableGivesTheSameGraphAsTheRdfFiles(String name) {
    GraphRead table = read(TestFiles.resource(name));
    GraphRead rdf = read(TestFiles.resource("people.nt"));
    assertEquals(TestFiles.entities(rdf.triples()), TestFiles.entities(table.triples()));
    assertArrayEquals(rdf.triples().mappedTriples(), table.triples().mappedTriples());
    // 6 rows, the last repeats the first.
    assertEquals(new GraphReadCounts(6, 0, 0, 0, 1, 0), table.counts());
  }

  @Test
  void columnsAreChosenByNameOrIndexAndQuotedFieldsKeepDelimitersQuotesAndLineBreaks() {
    Path file =
        TestFiles.write(
            directory,
            "quoted.csv",
            "id,tail,relation,head,note\n"
                + "1,\"Smith, John\",knows,\"Ann \"\"the Great\"\"\",x\n"
                + "\n"
                + "2,Bob,\"works\nat\",Ann,y\n");
    GraphRead byName = read(file, "head", "relation", "tail");
    // Entities: Ann 0, Ann "the Great" 1, Bob 2, Smith, John 3; relations: knows 0, works\nat 1.
    // (0, 1, 2) sorts before (1, 0, 3).
    assertEquals(
        List.of("Ann works\nat Bob", "Ann \"the Great\" knows Smith, John"),
        TestFiles.labeled(byName.triples()));
    GraphRead byIndex = read(file, "3", "2", "1");
    assertEquals(TestFiles.labeled(byName.triples()), TestFiles.labeled(byIndex.triples()));
    assertEquals(2, byIndex.counts().statements());
  }

  @Test
  void aHeaderNameWinsOverAnIndex() {
    // Column "0" is the third column; the index 0 would be the first.
    Path file = TestFiles.write(directory, "digits.csv", "a,b,0\nx,r,y\n");
    assertEquals(List.of("y r x"), TestFiles.labeled(read(file, "0", "b", "a").triples()));
  }

  @Test
  void theDelimiterCanBeChosen() {
    Path file = TestFiles.write(directory, "semicolons.csv", "h;r;t\na;likes;\"b;c\"\n");
    GraphRead read = GraphFiles.read(file, GraphFileOptions.builder().delimiter(';').build());
    assertEquals(List.of("a likes b;c"), TestFiles.labeled(read.triples()));
  }

  @Test
  void gzipAndAByteOrderMarkAreRead() {
    Path file = TestFiles.write(directory, "bom.tsv", "\uFEFFhead\trelation\ttail\na\tr\tb\n");
    GraphRead read = read(TestFiles.gzip(file, directory), "head", "relation", "tail");
    assertEquals(List.of("a r b"), TestFiles.labeled(read.triples()));
  }

  @Test
  void anUnknownColumnListsTheHeader() {
    Path file = TestFiles.resource("people.csv");
    assertEquals(
        file
            + ": no column \"relation\" (the relation) in the header [subject, predicate, object];"
            + " columns are header names or 0-based indexes below 3",
        message(
            file,
            GraphFileOptions.builder().columns(List.of("subject", "relation", "object")).build()));
    assertEquals(
        file
            + ": no column \"3\" (the tail) in the header [subject, predicate, object];"
            + " columns are header names or 0-based indexes below 3",
        message(file, GraphFileOptions.builder().columns(List.of("0", "1", "3")).build()));
  }

  @Test
  void wideTablesNeedColumnsAndColumnsMustDiffer() {
    Path file = TestFiles.write(directory, "wide.csv", "h,r,t,weight\na,r,b,0.5\n");
    assertEquals(
        file
            + ": the header has 4 columns [h, r, t, weight]; choose head, relation and tail by"
            + " name or 0-based index with columns, e.g. --columns h,r,t",
        message(file, GraphFileOptions.defaults()));
    assertEquals(
        file
            + ": head, relation and tail must be three different columns, got [h, r, 0] for the"
            + " header [h, r, t, weight]",
        message(file, GraphFileOptions.builder().columns(List.of("h", "r", "0")).build()));
  }

  @Test
  void aRowWithAnotherNumberOfFieldsNamesItsLine() {
    Path file =
        TestFiles.write(directory, "short.csv", "h,r,t\na,r,b\n\n\"multi\nline\",r,c\nd r e\n");
    assertEquals(
        file
            + ":6: expected 3 fields like the header [h, r, t], got 1 (is the delimiter ',' right?)",
        message(file, GraphFileOptions.defaults()));
  }

  @Test
  void anEmptyLabelNamesItsLineAndColumn() {
    Path file = TestFiles.write(directory, "empty.tsv", "h\tr\tt\na\tr\tb\na\t\tc\n");
    assertEquals(
        file + ":3: empty relation in column \"r\"", message(file, GraphFileOptions.defaults()));
  }

  @Test
  void badQuotingNamesItsLine() {
    Path file = TestFiles.write(directory, "quotes.csv", "h,r,t\na,r,b\n\"x\"y,r,c\n");
    String message = message(file, GraphFileOptions.defaults());
    assertTrue(message.startsWith(file + ":3: "), message);
    assertTrue(message.contains("Invalid character between encapsulated token"), message);
  }

  @Test
  void invalidUtf8NamesItsLine() throws IOException {
    Path file = directory.resolve("latin1.csv");
    Files.write(file, new byte[] {'h', ',', 'r', ',', 't', '\n', 'a', ',', 'r', ',', (byte) 0xE9});
    String message = message(file, GraphFileOptions.defaults());
    assertTrue(message.startsWith(file + ":2: not valid UTF-8"), message);
  }

  @Test
  void aHeaderWithoutRowsAndAnEmptyFileAreErrors() {
    Path header = TestFiles.write(directory, "header.csv", "h,r,t\n");
    assertEquals(
        header + ": file contains no rows below the header (it is empty)",
        message(header, GraphFileOptions.defaults()));
    Path empty = TestFiles.write(directory, "empty.csv", "");
    assertEquals(
        empty + ": file contains no header row (it is empty)",
        message(empty, GraphFileOptions.defaults()));
  }

  @Test
  void keepingLiteralsDoesNotApplyToTables() {
    Path file = TestFiles.resource("people.tsv");
    assertEquals(
        "keeping literals applies to RDF files only, got the TSV file " + file,
        message(file, GraphFileOptions.builder().keepLiterals(true).build()));
  }

  @Test
  void optionsRejectBadColumnsAndDelimiters() {
    IllegalArgumentException columns =
        assertThrows(
            IllegalArgumentException.class,
            () -> GraphFileOptions.builder().columns(List.of("h", "t")).build());
    assertEquals(
        "columns must be three non-empty header names or 0-based indexes (head, relation, tail),"
            + " got [h, t]",
        columns.getMessage());
    IllegalArgumentException quote =
        assertThrows(
            IllegalArgumentException.class,
            () -> GraphFileOptions.builder().delimiter('"').build());
    assertEquals(
        "delimiter must not be a double quote or a line break, got 22 (hex)", quote.getMessage());
  }
}
