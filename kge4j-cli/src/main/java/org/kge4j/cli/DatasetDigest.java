package org.kge4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.data.TriplesFactory;

/**
 * The SHA-256 of a dataset's split files, recorded with a study so that its results can be traced
 * to the exact data: for a named dataset the files in the cache directory, for a directory its
 * files; the embedded graph has no files, so each split is hashed as the file it would be ({@code
 * head<TAB>relation<TAB>tail} lines, in id order).
 */
final class DatasetDigest {

  private DatasetDigest() {}

  /** {@code train.txt}, {@code valid.txt}, {@code test.txt} to their hex SHA-256. */
  static Map<String, String> of(String source, Dataset data) {
    Map<String, String> digests = new LinkedHashMap<>();
    Path directory = directory(source);
    if (directory == null) {
      TriplesFactory[] splits = {data.training(), data.validation(), data.testing()};
      for (int i = 0; i < splits.length; i++) {
        digests.put(Datasets.SPLIT_FILES.get(i), sha256(asText(splits[i])));
      }
      return digests;
    }
    for (String file : Datasets.SPLIT_FILES) {
      digests.put(file, sha256(directory.resolve(file)));
    }
    return digests;
  }

  /** The directory holding the files, or null for the embedded graph. */
  private static Path directory(String source) {
    if (source == null
        || source.isBlank()
        || source.replaceAll("[^A-Za-z0-9]", "").equalsIgnoreCase(Datasets.EMBEDDED)) {
      return null;
    }
    try {
      return Datasets.cacheDirectory().resolve(Datasets.spec(source).name());
    } catch (IllegalArgumentException notAName) {
      return Path.of(source);
    }
  }

  private static byte[] asText(TriplesFactory split) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < split.numTriples(); i++) {
      sb.append(split.entityLabel(split.head(i)))
          .append('\t')
          .append(split.relationLabel(split.relation(i)))
          .append('\t')
          .append(split.entityLabel(split.tail(i)))
          .append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static String sha256(Path file) {
    MessageDigest digest = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
