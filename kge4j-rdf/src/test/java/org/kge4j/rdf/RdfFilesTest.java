package org.kge4j.rdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kge4j.data.TriplesFactory;

/**
 * Every RDF format on one small graph written five ways ({@code people.*}): four people and a
 * company, a blank node, two literal objects, one repeated triple. The expected ids are derived by
 * hand from the code-point order of the labels: {@code _} (0x5F) sorts before {@code h} (0x68), and
 * {@code "} (0x22) before both.
 */
class RdfFilesTest {

  private static final String EX = "http://example.org/";
  private static final String XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer";

  @TempDir Path directory;

  private static GraphRead read(Path file) {
    return GraphFiles.read(file, GraphFileOptions.defaults());
  }

  @ParameterizedTest
  @ValueSource(strings = {"people.nt", "people.nq", "people.ttl", "people.trig", "people.rdf"})
  void everyFormatGivesTheSameGraphWithLiteralsSkipped(String name) {
    GraphRead read = read(TestFiles.resource(name));
    TriplesFactory triples = read.triples();
    assertEquals(
        List.of("_:b1", EX + "acme", EX + "alice", EX + "bob", EX + "carol"),
        TestFiles.entities(triples));
    assertEquals(List.of(EX + "knows", EX + "worksAt"), TestFiles.relations(triples));
    // _:b1 knows alice (0,0,2); alice knows bob (2,0,3); alice worksAt acme (2,1,1);
    // bob knows carol (3,0,4); carol worksAt acme (4,1,1).
    assertArrayEquals(
        new int[] {0, 0, 2, 2, 0, 3, 2, 1, 1, 3, 0, 4, 4, 1, 1}, triples.mappedTriples());
    // 8 statements: 2 with a literal object, the repeated "alice knows bob" (for quads: in two
    // graphs) is the duplicate.
    assertEquals(new GraphReadCounts(8, 2, 0, 0, 1, 0), read.counts());
    assertEquals(GraphFormat.fromFileName(name).orElseThrow(), read.format());
  }

  @ParameterizedTest
  @ValueSource(strings = {"people.nt", "people.ttl", "people.rdf"})
  void keptLiteralsBecomeEntitiesLabelledByTheirNTriplesForm(String name) {
    GraphRead read =
        GraphFiles.read(
            TestFiles.resource(name), GraphFileOptions.builder().keepLiterals(true).build());
    TriplesFactory triples = read.triples();
    // "42"^^<...> before "Alice": '4' (0x34) < 'A' (0x41).
    assertEquals(
        List.of(
            "\"42\"^^<" + XSD_INTEGER + ">",
            "\"Alice\"",
            "_:b1",
            EX + "acme",
            EX + "alice",
            EX + "bob",
            EX + "carol"),
        TestFiles.entities(triples));
    assertEquals(
        List.of(EX + "age", EX + "knows", EX + "name", EX + "worksAt"),
        TestFiles.relations(triples));
    assertArrayEquals(
        new int[] {2, 1, 4, 4, 1, 5, 4, 2, 1, 4, 3, 3, 5, 0, 0, 5, 1, 6, 6, 3, 3},
        triples.mappedTriples());
    assertEquals(new GraphReadCounts(8, 0, 2, 0, 1, 0), read.counts());
  }

  @Test
  void gzipFilesReadLikeThePlainOnesAndHashTheCompressedBytes() {
    Path plain = TestFiles.resource("people.ttl");
    Path compressed = TestFiles.gzip(plain, directory);
    GraphRead fromGzip = read(compressed);
    GraphRead fromPlain = read(plain);
    assertEquals(GraphFormat.TURTLE, fromGzip.format());
    assertEquals(TestFiles.labeled(fromPlain.triples()), TestFiles.labeled(fromGzip.triples()));
    assertEquals(fromPlain.counts(), fromGzip.counts());
    assertEquals(64, fromGzip.sha256().length());
    assertTrue(!fromGzip.sha256().equals(fromPlain.sha256()));
  }

  @Test
  void sha256IsThatOfTheFileBytes() {
    // printf '<a:x> <a:p> <a:y> .\n' | sha256sum
    Path file = TestFiles.write(directory, "one.nt", "<a:x> <a:p> <a:y> .\n");
    assertEquals(
        "10fa8b4b4f464d48be8bddfa17a0f63dd53b9be6921228760e2b24da1ad5ce02", read(file).sha256());
  }

  @Test
  void blankNodesKeepTheirFileLabelsAndUnlabelledOnesAreNumberedInDocumentOrder() {
    Path file = TestFiles.resource("anonymous.ttl");
    GraphRead first = read(file);
    // Jena writes file IRIs with an empty authority: file:///dir/relative.
    String relative = "file://" + file.toAbsolutePath().normalize().getParent() + "/relative";
    String nil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
    // [] is the first unlabelled node, the one-element list ( ex:b ) the second; <relative> is
    // resolved against the file's URI.
    assertEquals(
        new TreeSet<>(Set.of("_:#1", "_:#2", "_:x", EX + "a", EX + "b", EX + "c", nil, relative)),
        new TreeSet<>(TestFiles.entities(first.triples())));
    assertTrue(
        TestFiles.labeled(first.triples())
            .containsAll(
                List.of(
                    EX + "a " + EX + "p _:#1",
                    "_:#1 " + EX + "q " + EX + "b",
                    "_:x " + EX + "p " + EX + "c",
                    EX + "a " + EX + "list _:#2",
                    relative + " " + EX + "p _:x")),
        TestFiles.labeled(first.triples()).toString());
    // Parsing again gives the same labels: nothing depends on Jena's per-parse random seed.
    assertEquals(TestFiles.labeled(first.triples()), TestFiles.labeled(read(file).triples()));
  }

  @Test
  void blankNodeLabelsOfNTriplesAreStableAcrossParses() {
    Path file = TestFiles.resource("people.nt");
    assertEquals(TestFiles.labeled(read(file).triples()), TestFiles.labeled(read(file).triples()));
    assertEquals("_:b1", read(file).triples().entityLabel(0));
  }

  @ParameterizedTest(name = "{0} gzip={1}")
  @CsvSource({
    "bad.nt, false, 3, not terminated by DOT",
    "bad.ttl, false, 4,",
    "bad.rdf, false, 5, ex:p",
    "bad.nt, true, 3, not terminated by DOT"
  })
  void malformedFilesNameFileAndLine(String name, boolean gzip, int line, String detail) {
    Path resource = TestFiles.resource(name);
    Path file = gzip ? TestFiles.gzip(resource, directory) : resource;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
    assertTrue(e.getMessage().startsWith(file + ":" + line + ":"), e.getMessage());
    if (detail != null) {
      assertTrue(e.getMessage().contains(detail), e.getMessage());
    }
  }

  @Test
  void aFileNamedGzThatIsNotGzipFailsClearly() {
    Path file = TestFiles.write(directory, "plain.nt.gz", "<a:x> <a:p> <a:y> .\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
    assertTrue(e.getMessage().startsWith(file + ": not a gzip file"), e.getMessage());
  }

  @Test
  void emptyFileIsAnError() {
    Path file = TestFiles.write(directory, "empty.nt", "# only a comment\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
    assertEquals(file + ": file contains no triples (it is empty)", e.getMessage());
  }

  @Test
  void aFileOfOnlyLiteralsIsAnErrorThatNamesTheOption() {
    Path file = TestFiles.resource("literals.ttl");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
    assertEquals(
        file
            + ": none of the 3 statements is a triple between entities: 3 have a literal object"
            + " (keep literals as entities with --keep-literals)",
        e.getMessage());
    GraphRead kept = GraphFiles.read(file, GraphFileOptions.builder().keepLiterals(true).build());
    assertEquals(
        List.of("\"3\"^^<" + XSD_INTEGER + ">", "\"A\"", "\"B\"@en", EX + "a", EX + "b"),
        TestFiles.entities(kept.triples()));
  }

  @Test
  void parserWarningsAreCountedAndDoNotFail() {
    // "abc" is no xsd:integer: RIOT warns (Turtle is checked) and goes on.
    Path file =
        TestFiles.write(
            directory,
            "warning.ttl",
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                + "<http://ex.org/x> <http://ex.org/p> <http://ex.org/y> .\n"
                + "<http://ex.org/x> <http://ex.org/age> \"abc\"^^xsd:integer .\n");
    assertEquals(new GraphReadCounts(2, 1, 0, 0, 0, 1), read(file).counts());
  }

  @Test
  void tripleTermsAreSkippedAndCounted() {
    Path file =
        TestFiles.write(
            directory,
            "terms.nt",
            "<a:x> <a:p> <a:y> .\n<a:s> <a:says> <<( <a:x> <a:p> <a:y> )>> .\n");
    GraphRead read = read(file);
    assertEquals(new GraphReadCounts(2, 0, 0, 1, 0, 0), read.counts());
    assertEquals(List.of("a:x a:p a:y"), TestFiles.labeled(read.triples()));
  }

  @Test
  void unknownExtensionListsTheSupportedOnes() {
    Path file = TestFiles.write(directory, "graph.json", "{}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
    assertEquals(
        "cannot tell the format of "
            + file
            + " from its extension: expected one of .nt, .nq, .ttl, .trig, .rdf, .owl, .csv, .tsv,"
            + " each optionally followed by .gz",
        e.getMessage());
  }

  @Test
  void missingFileIsAnError() {
    Path file = directory.resolve("absent.nt");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
    assertEquals(
        "graph file " + file.toAbsolutePath() + " does not exist or is not a regular file",
        e.getMessage());
  }

  @Test
  void tableOptionsDoNotApplyToRdf() {
    GraphFileOptions columns = GraphFileOptions.builder().columns(List.of("a", "b", "c")).build();
    Path file = TestFiles.resource("people.nt");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GraphFiles.read(file, columns));
    assertEquals(
        "columns and delimiter apply to CSV/TSV files only, got the N-Triples file " + file,
        e.getMessage());
  }
}
