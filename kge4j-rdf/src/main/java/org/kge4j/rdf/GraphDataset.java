package org.kge4j.rdf;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kge4j.data.Dataset;

/**
 * A dataset split from one graph file ({@link GraphFiles#load}) with where it came from.
 *
 * @param dataset training, validation and testing, named after the file (without its extensions)
 * @param file the file, absolute
 * @param format its format
 * @param sha256 the SHA-256 of the file's bytes, lower-case hex
 * @param counts what reading found
 * @param options how it was read and split
 * @param movedToTraining validation and testing triples moved into training by the cleanup
 */
public record GraphDataset(
    Dataset dataset,
    Path file,
    GraphFormat format,
    String sha256,
    GraphReadCounts counts,
    GraphFileOptions options,
    int movedToTraining) {

  /**
   * Where the dataset came from, for a run's {@code results.json}: {@code path}, {@code format},
   * {@code gzip}, {@code sha256}, the options ({@code keep_literals}, {@code columns}, {@code
   * delimiter}, {@code split}: {@code method}, {@code ratios}, {@code seed}, {@code
   * moved_to_training}) and the counts ({@code statements_read}, {@code literals_skipped}, ...). A
   * report: {@link #kwargs()} is what reads the file again.
   */
  public Map<String, Object> provenance() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("path", file.toString());
    map.put("format", format.displayName());
    map.put("gzip", GraphFormat.isGzip(file));
    map.put("sha256", sha256);
    map.putAll(options.toMap(movedToTraining));
    map.putAll(counts.toMap());
    return map;
  }

  /**
   * The {@code dataset_kwargs} that read and split the file again into this dataset: the options
   * ({@link GraphFileOptions#toKwargs}) with this file's SHA-256 as the one it must have.
   */
  public Map<String, Object> kwargs() {
    return new GraphFileOptions(
            options.keepLiterals(),
            options.columns(),
            options.delimiter(),
            options.splitRatios(),
            options.splitSeed(),
            Optional.of(sha256))
        .toKwargs(format);
  }

  /** One line about the file, e.g. for a CLI: format, statements, what was skipped and moved. */
  public String summary() {
    StringBuilder sb =
        new StringBuilder()
            .append(file.getFileName())
            .append(": ")
            .append(format.displayName())
            .append(GraphFormat.isGzip(file) ? " (gzip)" : "")
            .append(", ")
            .append(counts.statements())
            .append(format.isRdf() ? " statements" : " rows");
    if (counts.literalsSkipped() > 0) {
      sb.append(", ").append(counts.literalsSkipped()).append(" with a literal object skipped");
    }
    if (counts.literalsKept() > 0) {
      sb.append(", ").append(counts.literalsKept()).append(" literals kept as entities");
    }
    if (counts.tripleTermsSkipped() > 0) {
      sb.append(", ").append(counts.tripleTermsSkipped()).append(" with a triple term skipped");
    }
    if (counts.duplicates() > 0) {
      sb.append(", ").append(counts.duplicates()).append(" duplicates removed");
    }
    sb.append("; split ")
        .append(options.splitRatios())
        .append(" with seed ")
        .append(options.splitSeed())
        .append(", ")
        .append(movedToTraining)
        .append(" triples moved into training");
    return sb.toString();
  }
}
