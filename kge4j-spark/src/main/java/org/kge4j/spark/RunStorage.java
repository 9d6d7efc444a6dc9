package org.kge4j.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run's storage directory on any Hadoop file system (local, HDFS, {@code s3a://}): the indexed
 * graph, the entity partitions' embeddings with their optimizer state, the relation table, and the
 * driver's manifests. Executors read and write it directly, so embeddings never pass through the
 * driver.
 *
 * <pre>
 *   graph/layout.json                    sizes, partitioning (GraphLayout); written last
 *   graph/entities, graph/relations      Parquet (id, label)
 *   graph/training                       Parquet (head, relation, tail) ids
 *   graph/members/part-K.ints            global ids of partition K, ascending
 *   graph/buckets/bucket-I-J.ints        the bucket's triples in partition-local ids
 *   slices/part-K/round-G-attempt-A.slice  partition K after round G, written by task attempt A
 *   slices/relations/round-G.slice       the relation table after round G
 *   manifests/manifest-G.json            the committed state after round G (TrainingManifest)
 * </pre>
 *
 * <p>Every file is written under a temporary name beginning with {@code _} and renamed into place,
 * so a reader never sees a partial file. A task attempt writes its own file names, and only the
 * manifest chooses which attempt's files count: retries and speculative duplicates cannot corrupt
 * the run.
 */
final class RunStorage implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String MANIFEST_PREFIX = "manifest-";

  private final String root;
  private final HadoopConf conf;

  RunStorage(String root, Configuration conf) {
    this.root = Objects.requireNonNull(root, "root");
    this.conf = new HadoopConf(conf);
  }

  /** The storage directory as given. */
  String root() {
    return root;
  }

  /** The Hadoop configuration. */
  Configuration configuration() {
    return conf.get();
  }

  /** The absolute path of {@code relative} under the root. */
  Path path(String relative) {
    return new Path(root, relative);
  }

  FileSystem fileSystem() {
    try {
      return new Path(root).getFileSystem(conf.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the file system of " + root, e);
    }
  }

  /** Fills a file with its complete content. */
  @FunctionalInterface
  interface Content {
    /** Writes the content. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Reads a file's content. */
  @FunctionalInterface
  interface Reader<T> {
    /** Reads the content. */
    T readFrom(InputStream in) throws IOException;
  }

  /**
   * Writes {@code relative} through a temporary sibling and a rename; an existing file is replaced
   * (deleted first: Hadoop's rename does not overwrite).
   *
   * @throws UncheckedIOException if writing or renaming fails
   */
  void write(String relative, Content content) {
    Path target = path(relative);
    Path temporary = new Path(target.getParent(), "_" + target.getName() + "." + UUID.randomUUID());
    FileSystem fs = fileSystem();
    try {
      try (OutputStream out = new BufferedOutputStream(fs.create(temporary, true), 1 << 16)) {
        content.writeTo(out);
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(temporary, target)) {
        throw new IOException("rename of " + temporary + " to " + target + " failed");
      }
    } catch (IOException e) {
      deleteQuietly(fs, temporary);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code relative}.
   *
   * @throws IllegalStateException if the file is missing (the storage is incomplete)
   * @throws UncheckedIOException if reading fails
   */
  <T> T read(String relative, Reader<T> reader) {
    Path path = path(relative);
    try (InputStream in = new BufferedInputStream(fileSystem().open(path), 1 << 16)) {
      return reader.readFrom(in);
    } catch (FileNotFoundException e) {
      throw new IllegalStateException("the run's storage lacks " + path, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  boolean exists(String relative) {
    try {
      return fileSystem().exists(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + path(relative), e);
    }
  }

  void writeSlice(String relative, TableSlice slice) {
    write(relative, out -> slice.writeTo(new DataOutputStream(out)));
  }

  TableSlice readSlice(String relative) {
    return read(relative, in -> TableSlice.readFrom(new DataInputStream(in), path(relative) + ""));
  }

  /** Writes {@code values} as an int count followed by the big-endian ints. */
  void writeInts(String relative, int[] values, int count) {
    write(
        relative,
        out -> {
          DataOutputStream data = new DataOutputStream(out);
          data.writeInt(count);
          for (int i = 0; i < count; i++) {
            data.writeInt(values[i]);
          }
          data.flush();
        });
  }

  int[] readInts(String relative) {
    return read(
        relative,
        in -> {
          DataInputStream data = new DataInputStream(in);
          int[] values = new int[data.readInt()];
          for (int i = 0; i < values.length; i++) {
            values[i] = data.readInt();
          }
          return values;
        });
  }

  /** Writes {@code value} as JSON. */
  void writeJson(String relative, Object value) {
    write(relative, out -> json().writeValue(out, value));
  }

  <T> T readJson(String relative, Class<T> type) {
    return read(relative, in -> json().readValue(in, type));
  }

  static ObjectMapper json() {
    return new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  static String membersFile(int partition) {
    return "graph/members/part-" + partition + ".ints";
  }

  static String bucketFile(Bucket bucket) {
    return "graph/buckets/bucket-" + bucket.lhs() + "-" + bucket.rhs() + ".ints";
  }

  static String partitionSlice(int partition, long round, String attempt) {
    return "slices/part-" + partition + "/round-" + round + "-attempt-" + attempt + ".slice";
  }

  static String relationSlice(long round) {
    return "slices/relations/round-" + round + ".slice";
  }

  static String manifestFile(long round) {
    return "manifests/" + MANIFEST_PREFIX + round + ".json";
  }

  /** The rounds of the manifests present, ascending. */
  List<Long> manifestRounds() {
    List<Long> rounds = new ArrayList<>();
    try {
      Path dir = path("manifests");
      FileSystem fs = fileSystem();
      if (!fs.exists(dir)) {
        return rounds;
      }
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        if (name.startsWith(MANIFEST_PREFIX) && name.endsWith(".json")) {
          rounds.add(Long.parseLong(name.substring(MANIFEST_PREFIX.length(), name.length() - 5)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the manifests of " + root, e);
    }
    rounds.sort(null);
    return rounds;
  }

  /**
   * Deletes the files under {@code directory} that {@code keep} does not name and whose round is
   * below {@code beforeRound}: attempts that lost, and states older than the last two manifests.
   */
  void deleteUnreferenced(String directory, List<String> keep, long beforeRound) {
    FileSystem fs = fileSystem();
    try {
      Path dir = path(directory);
      if (!fs.exists(dir)) {
        return;
      }
      for (FileStatus status : fs.listStatus(dir)) {
        String relative = directory + "/" + status.getPath().getName();
        Long round = roundOf(status.getPath().getName());
        if (round != null && round < beforeRound && !keep.contains(relative)) {
          fs.delete(status.getPath(), true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + directory + " in " + root, e);
    }
  }

  /** The round G of a {@code round-G...} or {@code manifest-G.json} name, or null. */
  static Long roundOf(String name) {
    String digits;
    if (name.startsWith("round-")) {
      digits = name.substring(6).replaceFirst("[^0-9].*$", "");
    } else if (name.startsWith(MANIFEST_PREFIX)) {
      digits = name.substring(MANIFEST_PREFIX.length()).replaceFirst("[^0-9].*$", "");
    } else {
      return null;
    }
    return digits.isEmpty() ? null : Long.parseLong(digits);
  }

  private static void deleteQuietly(FileSystem fs, Path path) {
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      // the temporary file is unreferenced; the next cleanup or the user removes it
    }
  }
}
