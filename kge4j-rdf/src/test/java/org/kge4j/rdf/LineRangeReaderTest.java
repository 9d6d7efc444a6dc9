package org.kge4j.rdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kge4j.data.TriplesFactory;

/**
 * The parallel read of N-Triples and N-Quads against the sequential one ({@link GraphFiles#read}
 * reads a file below {@link LineRangeReader#MIN_RANGE_BYTES} sequentially): the file is cut into
 * every number of ranges from 2 to 48 and more, so that cuts fall inside multi-byte UTF-8
 * characters, on line starts, inside CRLF pairs and comments, and each read must give the same
 * labels, triples, counts, warnings and SHA-256 — or nothing, so that the caller reads
 * sequentially.
 */
class LineRangeReaderTest {

  private static final int[] RANGES =
      IntStream.concat(IntStream.rangeClosed(2, 48), IntStream.of(100, 1000, 100_000)).toArray();

  @TempDir Path directory;

  /**
   * A graph with the cases a cut must not change: a blank node {@code _:b<i>} used on many lines,
   * IRIs and literals with 2-, 3- and 4-byte UTF-8 characters, literals with a language and a
   * datatype, repeated triples, comments, blank lines and a triple term; a graph name per quad.
   */
  private static String graph(String eol, boolean quads) {
    String graphName = quads ? " <http://example.org/g>" : "";
    StringBuilder sb = new StringBuilder("# people of Köln").append(eol);
    for (int i = 0; i < 60; i++) {
      String person = "<http://example.org/Köln/p" + i % 7 + ">";
      sb.append(person + " <http://example.org/knows> _:b" + i % 5 + graphName + " ." + eol);
      sb.append("_:b" + i % 5 + " <http://example.org/näher> <http://example.org/e" + i % 11 + ">");
      sb.append(graphName + " . # naïve comment" + eol);
      sb.append(person + " <http://example.org/name> \"Zürich €" + i + " \uD83D\uDE80\"@de");
      sb.append(graphName + " ." + eol);
      sb.append("<http://example.org/e" + i % 3 + "> <http://example.org/age> \"" + i);
      sb.append("\"^^<http://www.w3.org/2001/XMLSchema#integer>" + graphName + " ." + eol);
      if (i % 4 == 0) {
        sb.append(eol);
      }
      if (i % 6 == 0) {
        sb.append(person + " <http://example.org/knows> _:b" + i % 5 + graphName + " ." + eol);
      }
    }
    if (!quads) {
      sb.append("<http://example.org/d> <http://example.org/says> ");
      sb.append("<<( <http://example.org/a> <http://example.org/b> <http://example.org/c> )>> .");
      sb.append(eol);
    }
    return sb.toString();
  }

  @ParameterizedTest
  @CsvSource({
    "graph.nt, LF, false",
    "graph.nt, CRLF, false",
    "graph.nt, LF, true",
    "graph.nq, LF, false",
    "graph.nq, CRLF, true"
  })
  void everyCutGivesTheSequentialRead(String name, String eol, boolean keepLiterals) {
    boolean quads = name.endsWith(".nq");
    Path file = TestFiles.write(directory, name, graph(eol.equals("LF") ? "\n" : "\r\n", quads));
    GraphFileOptions options = GraphFileOptions.builder().keepLiterals(keepLiterals).build();
    GraphRead sequential = GraphFiles.read(file, options);
    GraphReadCounts counts = sequential.counts();
    assertTrue(counts.duplicates() > 0 && counts.tripleTermsSkipped() == (quads ? 0 : 1));
    byte[] bytes = bytes(file);
    boolean insideCharacter = false;
    boolean atLineStart = false;
    for (int ranges : RANGES) {
      for (int i = 1; i < ranges; i++) {
        int cut = (int) ((long) bytes.length * i / ranges);
        insideCharacter |= (bytes[cut] & 0xC0) == 0x80; // a UTF-8 continuation byte
        atLineStart |= cut > 0 && bytes[cut - 1] == '\n';
      }
      GraphFormat format = GraphFormat.of(file);
      Optional<GraphFiles.Collected> parallel =
          LineRangeReader.read(file, file.toString(), format, keepLiterals, ranges, 2);
      assertSame(sequential, parallel.orElseThrow(), "ranges " + ranges);
    }
    assertTrue(insideCharacter && atLineStart, "the cuts tried must include both cases");
  }

  @Test
  void moreWorkersThanRangesAndOneRangeReadTheSame() {
    Path file = TestFiles.write(directory, "graph.nt", graph("\n", false));
    GraphRead sequential = GraphFiles.read(file, GraphFileOptions.defaults());
    for (int ranges : new int[] {1, 2, 3}) {
      assertSame(
          sequential,
          LineRangeReader.read(file, file.toString(), GraphFormat.N_TRIPLES, false, ranges, 8)
              .orElseThrow(),
          "ranges " + ranges);
    }
  }

  @Test
  void boundsFollowLineEnds() throws IOException {
    // Lines of 10 bytes: the nominal cut at 20 of 40 bytes is a line start and stays.
    Path file = TestFiles.write(directory, "lines.nt", "123456789\n".repeat(4));
    assertArrayEquals(new long[] {0, 20, 40}, LineRangeReader.bounds(file, 2));
    // The cuts at 13.3 and 26.7 move to the next line starts.
    assertArrayEquals(new long[] {0, 20, 30, 40}, LineRangeReader.bounds(file, 3));
    // More ranges than lines: a cut per line, no empty range.
    assertArrayEquals(new long[] {0, 10, 20, 30, 40}, LineRangeReader.bounds(file, 100));
    // No line end after the first cut: one range.
    Path oneLine = TestFiles.write(directory, "one.nt", "x".repeat(30) + "\n");
    assertArrayEquals(new long[] {0, 31}, LineRangeReader.bounds(oneLine, 4));
  }

  @Test
  void aStatementOverTwoLinesIsReadSequentiallyWhereACutSplitsIt() {
    // RIOT accepts a line end inside a statement; a cut there fails the range before it.
    String text =
        graph("\n", false)
            + "<http://example.org/x>\n<http://example.org/y> <http://example.org/z> .\n";
    Path file = TestFiles.write(directory, "spread.nt", text);
    GraphRead sequential = GraphFiles.read(file, GraphFileOptions.defaults());
    int cutInside = text.lastIndexOf("<http://example.org/y>");
    boolean split = false;
    for (int ranges : RANGES) {
      Optional<GraphFiles.Collected> parallel =
          LineRangeReader.read(file, file.toString(), GraphFormat.N_TRIPLES, false, ranges, 2);
      long[] bounds;
      try {
        bounds = LineRangeReader.bounds(file, ranges);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      boolean cutThere = false;
      for (long bound : bounds) {
        cutThere |= bound == utf8Length(text.substring(0, cutInside));
      }
      split |= cutThere;
      assertEquals(cutThere, parallel.isEmpty(), "ranges " + ranges);
      parallel.ifPresent(read -> assertSame(sequential, read, "ranges " + ranges));
    }
    assertTrue(split, "some cut must split the statement");
  }

  @Test
  void noRangeStartsWithAByteOrderMark() throws IOException {
    // RIOT skips a byte order mark at the start of a stream only; within the file it is an error.
    String text =
        graph("\n", false)
            + "\uFEFF<http://example.org/x> <http://example.org/y> <http://example.org/z> .\n";
    Path file = TestFiles.write(directory, "bom.nt", text);
    long bom = utf8Length(text.substring(0, text.indexOf('\uFEFF')));
    assertThrows(
        IllegalArgumentException.class, () -> GraphFiles.read(file, GraphFileOptions.defaults()));
    for (int ranges : RANGES) {
      for (long bound : LineRangeReader.bounds(file, ranges)) {
        assertNotEquals(bom, bound, "ranges " + ranges);
      }
      assertEquals(
          Optional.empty(),
          LineRangeReader.read(file, file.toString(), GraphFormat.N_TRIPLES, false, ranges, 2),
          "ranges " + ranges);
    }
  }

  @Test
  void aMalformedLineInALaterRangeFailsTheParallelReadAndTheSequentialOneNamesIt() {
    // Large enough for GraphFiles.read to cut it on a machine with several processors.
    StringBuilder text = new StringBuilder();
    int lines = 0;
    while (text.length() < 3 * LineRangeReader.MIN_RANGE_BYTES) {
      text.append("<http://example.org/e").append(lines % 1000).append("> <http://example.org/r> ");
      text.append("<http://example.org/e").append(++lines % 997).append("> .\n");
    }
    int bad = lines - 10;
    String[] all = text.toString().split("\n", -1);
    all[bad - 1] = "<http://example.org/a> <http://example.org/r> .";
    Path file = TestFiles.write(directory, "bad.nt", String.join("\n", all));
    assertEquals(
        Optional.empty(),
        LineRangeReader.read(file, file.toString(), GraphFormat.N_TRIPLES, false, 4, 2));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GraphFiles.read(file, GraphFileOptions.defaults()));
    assertTrue(
        e.getMessage().startsWith(file + ":" + bad + ":"),
        "the message names the line " + bad + ": " + e.getMessage());
  }

  @Test
  void warningsAreLoggedInFileOrderWithTheirFileLine() {
    // '{' and '}' in an IRI are a warning each: 28 spread over the file, the first ten logged.
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 140; i++) {
      String tail = i % 10 == 3 ? "<http://example.org/{x" + i + "}>" : "<http://example.org/y>";
      text.append("<http://example.org/s").append(i).append("> <http://example.org/p> ");
      text.append(tail).append(" .\n");
    }
    Path file = TestFiles.write(directory, "warnings.nt", text.toString());
    List<String> sequential = new ArrayList<>();
    GraphRead read = logged(sequential, () -> GraphFiles.read(file, GraphFileOptions.defaults()));
    assertEquals(28, read.counts().warnings());
    assertEquals(10, sequential.size());
    assertTrue(sequential.get(9).startsWith(file + ":44:"), sequential.get(9));
    for (int ranges : new int[] {2, 3, 7, 40}) {
      List<String> parallel = new ArrayList<>();
      GraphFiles.Collected collected =
          logged(
              parallel,
              () ->
                  LineRangeReader.read(
                          file, file.toString(), GraphFormat.N_TRIPLES, false, ranges, 2)
                      .orElseThrow());
      assertSame(read, collected, "ranges " + ranges);
      assertEquals(sequential, parallel, "ranges " + ranges);
    }
  }

  @Test
  void smallFilesAreLeftToTheSequentialRead() {
    Path file = TestFiles.write(directory, "graph.nt", graph("\n", false));
    assertFalse(
        LineRangeReader.read(file, file.toString(), GraphFormat.N_TRIPLES, false, 16).isPresent());
  }

  /** Asserts that {@code actual} holds what {@code expected}, the sequential read, holds. */
  private static void assertSame(GraphRead expected, GraphFiles.Collected actual, String what) {
    TriplesFactory triples = actual.triples().toTriplesFactory("parallel");
    assertEquals(expected.triples().entityToId(), triples.entityToId(), what);
    assertEquals(expected.triples().relationToId(), triples.relationToId(), what);
    assertArrayEquals(expected.triples().mappedTriples(), triples.mappedTriples(), what);
    assertEquals(
        expected.counts(),
        actual.tally().toCounts(actual.triples().size() - triples.numTriples()),
        what);
    assertEquals(expected.sha256(), actual.sha256(), what);
  }

  /** Runs {@code read} and collects what it logs through {@link RdfReader}'s logger. */
  private static <T> T logged(List<String> messages, java.util.function.Supplier<T> read) {
    Logger logger = Logger.getLogger(RdfReader.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            messages.add(
                java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      return read.get();
    } finally {
      logger.removeHandler(handler);
    }
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
