package org.kge4j.data;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where a named dataset comes from and what its files must look like.
 *
 * <p>{@code url} is either the directory that holds the three split files ({@link Packaging#FILES},
 * file {@code f} is fetched from {@code url.resolve(f)}), or an archive ({@link Packaging#ZIP},
 * {@link Packaging#TAR_GZ}) whose entries {@code entries} hold the training, validation and testing
 * triples. The downloaded splits are stored as {@link Datasets#SPLIT_FILES}.
 *
 * @param name the dataset name (lower case, as accepted by {@link Datasets#load(String)})
 * @param url the directory or archive URL
 * @param packaging how the splits are packaged at {@code url}
 * @param entries for archives the entry paths of train, valid, test; for plain files the three file
 *     names relative to {@code url}
 * @param sha256 lower-case hex SHA-256 of the three stored split files (train, valid, test), or an
 *     empty list when unknown
 * @param numTrainingTriples the expected number of training lines, or -1 when unknown
 */
public record DatasetSpec(
    String name,
    URI url,
    Packaging packaging,
    List<String> entries,
    List<String> sha256,
    int numTrainingTriples) {

  /** How the three split files are packaged at the dataset's URL. */
  public enum Packaging {
    /** Three plain TSV files next to each other. */
    FILES,
    /** A ZIP archive. */
    ZIP,
    /** A gzip-compressed tar archive. */
    TAR_GZ
  }

  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if {@code entries} is not three names or {@code sha256} is
   *     neither empty nor three 64-digit hex strings
   */
  public DatasetSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(packaging, "packaging");
    entries = List.copyOf(entries);
    sha256 = List.copyOf(sha256);
    if (entries.size() != 3) {
      throw new IllegalArgumentException(
          "entries must name train, valid and test (3 entries), got " + entries);
    }
    if (!sha256.isEmpty()
        && (sha256.size() != 3 || !sha256.stream().allMatch(h -> h.matches("[0-9a-f]{64}")))) {
      throw new IllegalArgumentException(
          "sha256 must be empty or 3 lower-case 64-digit hex strings, got " + sha256);
    }
  }
}
