package org.kge4j.rdf;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.kge4j.data.TriplesFactory;

/** The test graphs under {@code src/test/resources/org/kge4j/rdf} and helpers to inspect them. */
final class TestFiles {

  private TestFiles() {}

  /** The path of a test resource of this package. */
  static Path resource(String name) {
    URL url = TestFiles.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("missing test resource org/kge4j/rdf/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code file} gzip-compressed into {@code directory} as {@code <name>.gz}. */
  static Path gzip(Path file, Path directory) {
    Path target = directory.resolve(file.getFileName() + ".gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
      Files.copy(file, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** {@code text} written as UTF-8 into {@code directory/name}. */
  static Path write(Path directory, String name, String text) {
    try {
      return Files.writeString(directory.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * N-Triples of a ring of {@code n} entities {@code urn:e0 ... urn:e<n-1>} with two relations:
   * {@code urn:next} to the next entity and {@code urn:skip} to the one after it; {@code 2n}
   * triples, every entity in four of them.
   */
  static String ring(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(String.format("<urn:e%d> <urn:next> <urn:e%d> .%n", i, (i + 1) % n));
      sb.append(String.format("<urn:e%d> <urn:skip> <urn:e%d> .%n", i, (i + 2) % n));
    }
    return sb.toString();
  }

  /** The entity labels in id order. */
  static List<String> entities(TriplesFactory triples) {
    return List.copyOf(triples.entityToId().keySet());
  }

  /** The relation labels in id order. */
  static List<String> relations(TriplesFactory triples) {
    return List.copyOf(triples.relationToId().keySet());
  }

  /** The triples as {@code "head relation tail"} label strings, in id order. */
  static List<String> labeled(TriplesFactory triples) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < triples.numTriples(); i++) {
      rows.add(
          triples.entityLabel(triples.head(i))
              + " "
              + triples.relationLabel(triples.relation(i))
              + " "
              + triples.entityLabel(triples.tail(i)));
    }
    return rows;
  }
}
