package org.kge4j.rdf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * @param expectedSha256 the SHA-256 the file must have (lower-case hex), e.g. the one a run
 *     recorded; empty to accept any file
 */
public record GraphFileOptions(
    boolean keepLiterals,
    List<String> columns,
    Optional<Character> delimiter,
    SplitRatios splitRatios,
    long splitSeed,
    Optional<String> expectedSha256) {

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
   * The options as recorded in a run's provenance ({@link GraphDataset#provenance()}), with the
   * recorded SHA-256 as {@link #expectedSha256()}: reading the file again with them reproduces the
   * run's dataset, or fails if the file changed.
   *
   * @throws IllegalArgumentException if an entry is missing or has the wrong type
   */
  public static GraphFileOptions fromProvenance(Map<String, ?> provenance) {
    Builder builder = builder();
    builder.keepLiterals(entry(provenance, "keep_literals", Boolean.class));
    Object columns = provenance.get("columns");
    if (columns instanceof List<?> list) {
      List<String> names = new ArrayList<>();
      for (Object name : list) {
        names.add(String.valueOf(name));
      }
      builder.columns(names);
    }
    Object delimiter = provenance.get("delimiter");
    if (delimiter instanceof String text && text.length() == 1) {
      builder.delimiter(text.charAt(0));
    }
    Map<?, ?> split = entry(provenance, "split", Map.class);
    List<?> ratios = entry(split, "ratios", List.class);
    if (ratios.size() != 3 || !ratios.stream().allMatch(Number.class::isInstance)) {
      throw new IllegalArgumentException("recorded split ratios must be 3 numbers, got " + ratios);
    }
    builder.split(
        new SplitRatios(
            ((Number) ratios.get(0)).doubleValue(),
            ((Number) ratios.get(1)).doubleValue(),
            ((Number) ratios.get(2)).doubleValue()),
        entry(split, "seed", Number.class).longValue());
    builder.expectedSha256(entry(provenance, "sha256", String.class));
    return builder.build();
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

  private static <T> T entry(Map<?, ?> map, String key, Class<T> type) {
    Object value = map.get(key);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "recorded graph file entry \""
              + key
              + "\" must be a "
              + type.getSimpleName()
              + ", got "
              + value);
    }
    return type.cast(value);
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
