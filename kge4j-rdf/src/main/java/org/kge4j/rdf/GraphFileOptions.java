package org.kge4j.rdf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kge4j.config.ConfigurationException;

/**
 * How a graph file is read and split ({@link GraphFiles#load}). Build with {@link #builder()}; the
 * defaults read literals as skipped, a three-column table, the format's delimiter, and split
 * 0.8/0.1/0.1 with seed {@value #DEFAULT_SPLIT_SEED}.
 *
 * @param keepLiterals RDF: keep literal objects as entities labelled by their N-Triples form
 *     instead of skipping them
 * @param columns CSV/TSV: head, relation and tail columns by header name or 0-based index; empty
 *     for a table of exactly three columns
 * @param delimiter CSV/TSV: the field delimiter; empty for the format's ({@code ,} or tab)
 * @param splitRatios the fractions of training, validation and testing
 * @param splitSeed the seed of the split's permutation
 * @param expectedSha256 the SHA-256 the file must have (lower-case hex), e.g. the one a run's
 *     configuration recorded; empty to accept any file
 */
public record GraphFileOptions(
    boolean keepLiterals,
    List<String> columns,
    Optional<Character> delimiter,
    SplitRatios splitRatios,
    long splitSeed,
    Optional<String> expectedSha256) {

  /**
   * The {@code dataset_kwargs} keys of a graph file, in the order {@link #toKwargs} writes them.
   */
  public static final List<String> KWARGS =
      List.of("split", "split_seed", "keep_literals", "columns", "delimiter", "sha256");

  /** The default seed of the split. */
  public static final long DEFAULT_SPLIT_SEED = 42;

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if {@code columns} is neither empty nor three non-empty names,
   *     or the delimiter is a quote or line break
   */
  public GraphFileOptions {
    columns = List.copyOf(columns);
    Objects.requireNonNull(delimiter, "delimiter");
    Objects.requireNonNull(splitRatios, "splitRatios");
    Objects.requireNonNull(expectedSha256, "expectedSha256");
    if (!columns.isEmpty() && (columns.size() != 3 || columns.stream().anyMatch(String::isEmpty))) {
      throw new IllegalArgumentException(
          "columns must be three non-empty header names or 0-based indexes (head, relation, tail),"
              + " got "
              + columns);
    }
    if (delimiter.isPresent() && "\"\r\n".indexOf(delimiter.get()) >= 0) {
      throw new IllegalArgumentException(
          "delimiter must not be a double quote or a line break, got "
              + Integer.toHexString(delimiter.get())
              + " (hex)");
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options with every default. */
  public static GraphFileOptions defaults() {
    return builder().build();
  }

  /**
   * The options from a pipeline configuration's {@code dataset_kwargs} ({@link #KWARGS}) for a file
   * of {@code format}; absent or null keys take the defaults. {@code split} is a list of two or
   * three fractions (with two, testing is the rest), {@code columns} a list of three header names
   * or 0-based indexes, {@code delimiter} a one-character string, {@code sha256} the hex SHA-256
   * the file must have.
   *
   * @throws ConfigurationException naming {@code dataset_kwargs.<key>}, the value and what is
   *     allowed, also for an option that does not apply to the format
   */
  public static GraphFileOptions fromKwargs(GraphFormat format, Map<String, ?> kwargs) {
    Builder builder = builder();
    Object split = kwargs.get("split");
    Object seed = kwargs.get("split_seed");
    if (split != null || seed != null) {
      builder.split(
          split == null ? SplitRatios.DEFAULT : ratios(split),
          seed == null ? DEFAULT_SPLIT_SEED : integer("split_seed", seed));
    }
    Object keep = kwargs.get("keep_literals");
    if (keep != null) {
      if (!(keep instanceof Boolean value)) {
        throw invalid("keep_literals", "must be true or false, got " + describe(keep));
      }
      if (value && !format.isRdf()) {
        throw invalid(
            "keep_literals",
            "applies to RDF files only, got a CSV/TSV file (" + format.displayName() + ")");
      }
      builder.keepLiterals(value);
    }
    Object columns = kwargs.get("columns");
    if (columns != null) {
      requireTable(format, "columns");
      if (!(columns instanceof List<?> list)
          || list.size() != 3
          || !list.stream().allMatch(GraphFileOptions::isColumn)) {
        throw invalid(
            "columns",
            "must be a list of three header names or 0-based indexes (head, relation, tail), got "
                + describe(columns));
      }
      builder.columns(list.stream().map(String::valueOf).toList());
    }
    Object delimiter = kwargs.get("delimiter");
    if (delimiter != null) {
      requireTable(format, "delimiter");
      if (!(delimiter instanceof String text)
          || text.length() != 1
          || "\"\r\n".indexOf(text.charAt(0)) >= 0) {
        throw invalid(
            "delimiter",
            "must be one character other than a double quote or a line break, got "
                + describe(delimiter));
      }
      builder.delimiter(text.charAt(0));
    }
    Object sha256 = kwargs.get("sha256");
    if (sha256 != null) {
      if (!(sha256 instanceof String hex) || !hex.matches("[0-9a-fA-F]{64}")) {
        throw invalid("sha256", "must be 64 hexadecimal digits, got " + describe(sha256));
      }
      builder.expectedSha256(hex.toLowerCase(Locale.ROOT));
    }
    return builder.build();
  }

  private static boolean isColumn(Object column) {
    return (column instanceof String name && !name.isEmpty())
        || (column instanceof Integer index && index >= 0);
  }

  /**
   * These options as {@code dataset_kwargs} for a file of {@code format}, defaults written out:
   * {@code split} (three fractions) and {@code split_seed}; for RDF {@code keep_literals}; for
   * tables {@code columns} and {@code delimiter} when chosen; {@code sha256} when expected. {@link
   * #fromKwargs} reads them back to equal options.
   */
  public Map<String, Object> toKwargs(GraphFormat format) {
    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("split", splitRatios.toList());
    kwargs.put("split_seed", splitSeed);
    if (format.isRdf()) {
      kwargs.put("keep_literals", keepLiterals);
    } else {
      if (!columns.isEmpty()) {
        kwargs.put("columns", columns);
      }
      delimiter.ifPresent(c -> kwargs.put("delimiter", String.valueOf(c)));
    }
    expectedSha256.ifPresent(hex -> kwargs.put("sha256", hex));
    return kwargs;
  }

  private static SplitRatios ratios(Object split) {
    if (!(split instanceof List<?> list)
        || (list.size() != 2 && list.size() != 3)
        || !list.stream().allMatch(Number.class::isInstance)) {
      throw invalid(
          "split",
          "must be a list of two or three fractions such as [0.8, 0.1, 0.1], got "
              + describe(split));
    }
    double training = ((Number) list.get(0)).doubleValue();
    double validation = ((Number) list.get(1)).doubleValue();
    double testing =
        list.size() == 3 ? ((Number) list.get(2)).doubleValue() : 1 - training - validation;
    try {
      return new SplitRatios(training, validation, testing);
    } catch (IllegalArgumentException e) {
      throw invalid("split", e.getMessage());
    }
  }

  private static long integer(String key, Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < 0x1p53) {
      return n.longValue();
    }
    throw invalid(key, "must be an integer, got " + describe(value));
  }

  private static void requireTable(GraphFormat format, String key) {
    if (format.isRdf()) {
      throw invalid(
          key, "applies to CSV/TSV files only, got an RDF file (" + format.displayName() + ")");
    }
  }

  private static ConfigurationException invalid(String key, String problem) {
    String name = "dataset_kwargs." + key;
    return new ConfigurationException(name, name + " " + problem);
  }

  private static String describe(Object value) {
    return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
  }

  /** The options under {@code results.json}'s names (without the expected SHA-256). */
  Map<String, Object> toMap(int movedToTraining) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("keep_literals", keepLiterals);
    map.put("columns", columns.isEmpty() ? null : columns);
    map.put("delimiter", delimiter.map(String::valueOf).orElse(null));
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("method", "cleanup");
    split.put("ratios", splitRatios.toList());
    split.put("seed", splitSeed);
    split.put("moved_to_training", movedToTraining);
    map.put("split", split);
    return map;
  }

  /** Builds {@link GraphFileOptions}; every setter is optional. */
  public static final class Builder {
    private boolean keepLiterals;
    private List<String> columns = List.of();
    private Character delimiter;
    private SplitRatios splitRatios = SplitRatios.DEFAULT;
    private long splitSeed = DEFAULT_SPLIT_SEED;
    private String expectedSha256;

    private Builder() {}

    /** RDF: keep literal objects as entities. Default false (skipped and counted). */
    public Builder keepLiterals(boolean keepLiterals) {
      this.keepLiterals = keepLiterals;
      return this;
    }

    /** CSV/TSV: head, relation, tail columns by header name or 0-based index. */
    public Builder columns(List<String> columns) {
      this.columns = Objects.requireNonNull(columns, "columns");
      return this;
    }

    /** CSV/TSV: the field delimiter. Default the format's. */
    public Builder delimiter(char delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    /** The split's fractions and the seed of its permutation. */
    public Builder split(SplitRatios ratios, long seed) {
      this.splitRatios = Objects.requireNonNull(ratios, "ratios");
      this.splitSeed = seed;
      return this;
    }

    /** The SHA-256 (hex) the file must have. */
    public Builder expectedSha256(String sha256) {
      this.expectedSha256 = Objects.requireNonNull(sha256, "sha256");
      return this;
    }

    /** The options; see the record's constructor for the checks. */
    public GraphFileOptions build() {
      return new GraphFileOptions(
          keepLiterals,
          columns,
          Optional.ofNullable(delimiter),
          splitRatios,
          splitSeed,
          Optional.ofNullable(expectedSha256));
    }
  }
}
