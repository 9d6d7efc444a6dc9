package org.kge4j.rdf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.jena.riot.Lang;

/**
 * The graph file formats kge4j reads, recognised by file extension ({@link #of(Path)}); each may be
 * gzip-compressed, with {@value #GZIP_EXTENSION} appended ({@code graph.nt.gz}).
 *
 * <p>RDF formats are parsed by Apache Jena's RIOT; CSV and TSV are tables with a header row read by
 * Apache Commons CSV.
 */
public enum GraphFormat {
  /** N-Triples, {@code .nt}: one triple per line. */
  N_TRIPLES("N-Triples", Lang.NTRIPLES, List.of(".nt")),
  /** N-Quads, {@code .nq}: N-Triples with a graph name, which is ignored. */
  N_QUADS("N-Quads", Lang.NQUADS, List.of(".nq")),
  /** Turtle, {@code .ttl}. */
  TURTLE("Turtle", Lang.TURTLE, List.of(".ttl")),
  /** TriG, {@code .trig}: Turtle with named graphs, whose names are ignored. */
  TRIG("TriG", Lang.TRIG, List.of(".trig")),
  /** RDF/XML, {@code .rdf} or {@code .owl}. */
  RDF_XML("RDF/XML", Lang.RDFXML, List.of(".rdf", ".owl")),
  /** Comma-separated values with a header row, {@code .csv}. */
  CSV("CSV", null, List.of(".csv")),
  /** Tab-separated values with a header row, {@code .tsv}. */
  TSV("TSV", null, List.of(".tsv"));

  /** The extension of a gzip-compressed file, after the format's own. */
  public static final String GZIP_EXTENSION = ".gz";

  private final String displayName;
  private final Lang lang;
  private final List<String> extensions;

  GraphFormat(String displayName, Lang lang, List<String> extensions) {
    this.displayName = displayName;
    this.lang = lang;
    this.extensions = extensions;
  }

  /** The format's usual name, e.g. {@code N-Triples}. */
  public String displayName() {
    return displayName;
  }

  /** The file extensions of this format, lower case with the dot, e.g. {@code [.rdf, .owl]}. */
  public List<String> extensions() {
    return extensions;
  }

  /** Whether this is an RDF format (parsed by RIOT) rather than a CSV/TSV table. */
  public boolean isRdf() {
    return lang != null;
  }

  /**
   * Whether statements are written one per line (N-Triples, N-Quads), so that a file can be cut at
   * line ends and the pieces parsed apart ({@link LineRangeReader}).
   */
  boolean isLineBased() {
    return this == N_TRIPLES || this == N_QUADS;
  }

  /** RIOT's language of an RDF format. */
  Lang lang() {
    if (lang == null) {
      throw new IllegalStateException(displayName + " is not an RDF format");
    }
    return lang;
  }

  /** The delimiter of a table format: {@code ','} for CSV, tab for TSV. */
  char defaultDelimiter() {
    return this == TSV ? '\t' : ',';
  }

  /** Every supported extension, e.g. {@code .nt, .nq, ...}, each also allowed with {@code .gz}. */
  public static List<String> supportedExtensions() {
    List<String> all = new ArrayList<>();
    for (GraphFormat format : values()) {
      all.addAll(format.extensions);
    }
    return List.copyOf(all);
  }

  /**
   * The format of a file name by its extension, ignoring case and a trailing {@value
   * #GZIP_EXTENSION}; empty when the extension is not one of {@link #supportedExtensions()}.
   */
  public static Optional<GraphFormat> fromFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(GZIP_EXTENSION)) {
      name = name.substring(0, name.length() - GZIP_EXTENSION.length());
    }
    for (GraphFormat format : values()) {
      for (String extension : format.extensions) {
        if (name.endsWith(extension) && name.length() > extension.length()) {
          return Optional.of(format);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The format of {@code file} by its extension.
   *
   * @throws IllegalArgumentException if the extension is not supported; the message lists the
   *     supported ones
   */
  public static GraphFormat of(Path file) {
    Path name = file.getFileName();
    return fromFileName(name == null ? "" : name.toString())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "cannot tell the format of "
                        + file
                        + " from its extension: expected one of "
                        + String.join(", ", supportedExtensions())
                        + ", each optionally followed by "
                        + GZIP_EXTENSION));
  }

  /** Whether {@code file} is gzip-compressed, i.e. ends with {@value #GZIP_EXTENSION}. */
  static boolean isGzip(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(GZIP_EXTENSION);
  }

  /** The file name without its format extension (and {@value #GZIP_EXTENSION}), e.g. a name. */
  static String stem(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(GZIP_EXTENSION)) {
      name = name.substring(0, name.length() - GZIP_EXTENSION.length());
      lower = lower.substring(0, lower.length() - GZIP_EXTENSION.length());
    }
    for (String extension : supportedExtensions()) {
      if (lower.endsWith(extension) && lower.length() > extension.length()) {
        return name.substring(0, name.length() - extension.length());
      }
    }
    return name;
  }
}
