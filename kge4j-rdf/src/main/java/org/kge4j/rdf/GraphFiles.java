package org.kge4j.rdf;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.kge4j.data.Dataset;
import org.kge4j.data.TriplesFactory;

/**
 * Reads a user's graph file — RDF (N-Triples, N-Quads, Turtle, TriG, RDF/XML) or a CSV/TSV table,
 * any of them gzip-compressed, recognised by extension ({@link GraphFormat}) — into kge4j's data
 * model, and splits it into a {@link Dataset}.
 *
 * <p>The file is streamed once: labels are interned into ids as statements arrive and each triple
 * is three ints, so memory is the label maps plus the triple array; no RDF model is built. The
 * SHA-256 of the file's bytes is computed in the same pass. An uncompressed N-Triples or N-Quads
 * file is read in line ranges on all processors ({@link LineRangeReader}) with the same result. Ids
 * follow PyKEEN (labels sorted by code point, triples sorted with duplicates removed, see {@link
 * TriplesFactory}); the label rules of RDF are those of {@link RdfReader}, of tables those of
 * {@link TableReader}.
 *
 * <p>Nothing is written: a malformed file fails with {@code file:line} before any output exists.
 */
public final class GraphFiles {

  private GraphFiles() {}

  /**
   * Whether {@code source} names a graph file rather than a dataset name or directory: a regular
   * file, or a path whose extension is a {@link GraphFormat}'s (so that a mistyped file name is
   * reported as a missing file).
   */
  public static boolean isGraphFile(String source) {
    if (source == null || source.isBlank()) {
      return false;
    }
    try {
      Path path = Path.of(source);
      return Files.isRegularFile(path)
          || (!Files.isDirectory(path) && GraphFormat.fromFileName(source).isPresent());
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * Reads and splits a graph file: {@link #read}, then {@link CleanupSplitter#split} with the
   * options' ratios and seed. The dataset is named after the file without its extensions.
   *
   * @throws IllegalArgumentException as {@link #read}, or if the graph is too small to split
   * @throws UncheckedIOException if the file cannot be read
   */
  public static GraphDataset load(Path file, GraphFileOptions options) {
    GraphRead read = read(file, options);
    TripleSplit split =
        CleanupSplitter.split(read.triples(), options.splitRatios(), options.splitSeed());
    Dataset dataset =
        new Dataset(GraphFormat.stem(file), split.training(), split.validation(), split.testing());
    return new GraphDataset(
        dataset,
        file.toAbsolutePath().normalize(),
        read.format(),
        read.sha256(),
        read.counts(),
        options,
        split.movedToTraining());
  }

  /**
   * Reads a graph file into one {@link TriplesFactory}.
   *
   * @throws IllegalArgumentException if the extension is unknown (the message lists the supported
   *     ones), the file is missing, malformed ({@code file:line: ...}), empty or holds no triple
   *     that is kept (e.g. only literals), an option does not apply to the format, or the file's
   *     SHA-256 differs from {@link GraphFileOptions#expectedSha256()}
   * @throws UncheckedIOException if the file cannot be read
   */
  public static GraphRead read(Path file, GraphFileOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    GraphFormat format = GraphFormat.of(file);
    checkApplies(file, format, options);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "graph file " + file.toAbsolutePath() + " does not exist or is not a regular file");
    }
    String source = file.toString();
    Optional<Collected> parallel =
        format.isLineBased() && !GraphFormat.isGzip(file)
            ? LineRangeReader.read(
                file,
                source,
                format,
                options.keepLiterals(),
                Runtime.getRuntime().availableProcessors())
            : Optional.empty();
    Collected collected = parallel.orElseGet(() -> readSequentially(file, format, options));
    InternedTriples triples = collected.triples();
    Tally tally = collected.tally();
    String sha256 = collected.sha256();
    if (options.expectedSha256().isPresent() && !options.expectedSha256().get().equals(sha256)) {
      throw new IllegalArgumentException(
          source
              + " has SHA-256 "
              + sha256
              + ", but "
              + options.expectedSha256().get()
              + " was expected (the file changed since it was recorded)");
    }
    if (triples.size() == 0) {
      throw new IllegalArgumentException(nothingKept(source, format, tally));
    }
    TriplesFactory factory = triples.toTriplesFactory(source);
    return new GraphRead(
        file, format, sha256, factory, tally.toCounts(triples.size() - factory.numTriples()));
  }

  /** Streams the file once through its parser, hashing it on the way. */
  private static Collected readSequentially(
      Path file, GraphFormat format, GraphFileOptions options) {
    String source = file.toString();
    InternedTriples triples = new InternedTriples();
    Tally tally = new Tally();
    MessageDigest digest = sha256();
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream hashed = new DigestInputStream(raw, digest);
        // The parsers close what they read; the shield keeps the file open to hash the rest.
        InputStream in =
            decompressed(
                file, CloseShieldInputStream.wrap(new BufferedInputStream(hashed, 1 << 16)))) {
      if (format.isRdf()) {
        String base = file.toAbsolutePath().normalize().toUri().toString();
        RdfReader.read(in, format, source, base, options.keepLiterals(), triples, tally);
      } else {
        InputStreamReader reader =
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        char delimiter = options.delimiter().orElse(format.defaultDelimiter());
        TableReader.read(reader, source, delimiter, options.columns(), triples, tally);
      }
      // The parser may stop before the last bytes (e.g. trailing whitespace): hash them too.
      hashed.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
    return new Collected(triples, tally, HexFormat.of().formatHex(digest.digest()));
  }

  /**
   * What one read of a file collected.
   *
   * @param sha256 the SHA-256 of the file's bytes, lower-case hex
   */
  record Collected(InternedTriples triples, Tally tally, String sha256) {}

  private static void checkApplies(Path file, GraphFormat format, GraphFileOptions options) {
    if (format.isRdf() && (!options.columns().isEmpty() || options.delimiter().isPresent())) {
      throw new IllegalArgumentException(
          "columns and delimiter apply to CSV/TSV files only, got the "
              + format.displayName()
              + " file "
              + file);
    }
    if (!format.isRdf() && options.keepLiterals()) {
      throw new IllegalArgumentException(
          "keeping literals applies to RDF files only, got the "
              + format.displayName()
              + " file "
              + file);
    }
  }

  private static String nothingKept(String source, GraphFormat format, Tally tally) {
    if (tally.statements == 0) {
      return source
          + ": file contains no "
          + (format.isRdf() ? "triples" : "rows below the header")
          + " (it is empty)";
    }
    StringBuilder sb =
        new StringBuilder(source)
            .append(": none of the ")
            .append(tally.statements)
            .append(" statements is a triple between entities: ");
    if (tally.literalsSkipped > 0) {
      sb.append(tally.literalsSkipped)
          .append(" have a literal object (keep literals as entities with --keep-literals)");
    }
    if (tally.tripleTermsSkipped > 0) {
      sb.append(tally.literalsSkipped > 0 ? ", " : "")
          .append(tally.tripleTermsSkipped)
          .append(" have a triple term");
    }
    return sb.toString();
  }

  /** {@code in}, gunzipped for a {@code .gz} file; a file that is not gzip fails clearly. */
  private static InputStream decompressed(Path file, InputStream in) throws IOException {
    if (!GraphFormat.isGzip(file)) {
      return in;
    }
    try {
      return new GZIPInputStream(in, 1 << 16);
    } catch (ZipException e) {
      in.close();
      throw new IllegalArgumentException(
          file + ": not a gzip file although its name ends with .gz (" + e.getMessage() + ")", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256, which every Java SE must provide", e);
    }
  }
}
