package org.kge4j.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.kge4j.config.PipelineConfig;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.Model;
import org.kge4j.optim.Optimizer;

/**
 * Everything needed to continue a training run bit-identically: configuration, model parameters,
 * optimizer state, the random-number state of the next epoch, the epoch count, the loss and
 * validation history and the early-stopping state (with the best parameters so far).
 *
 * <p>File format (version 3, {@link DataOutputStream} big-endian): the 8 ASCII bytes {@code
 * KGE4JCKP}, the int version, the configuration's pipeline map ({@link
 * PipelineConfig#toPipelineMap()}, the content of a {@code pipeline_config.json}) as a typed value:
 * a tag byte, then for {@code M} (map) an int {@code n} and {@code n} UTF key / value pairs, {@code
 * S} a UTF string, {@code I} an int, {@code J} a long, {@code D} a double, {@code Z} a boolean,
 * {@code L} (list) an int {@code n} and {@code n} values, {@code N} nothing (null); then the int
 * epochs completed, the long RNG state, the losses ({@code int n}, {@code n} doubles), the
 * validations ({@code int n}, each an int epoch and {@code int m} UTF key/double metric pairs), the
 * early stopping state (double best metric, int best epoch, int remaining patience), the model name
 * (UTF), the entity and relation tables (each an int number of rows, an int width and the values
 * row by row), a boolean and, if true, the best entity and relation tables, the optimizer's state
 * ({@link Optimizer#writeState}) followed by its length in bytes modulo 2^32 (long), and last the
 * CRC-32 of everything before it (long). Files are written to a temporary sibling and moved into
 * place atomically, so a crash never leaves a half-written checkpoint.
 *
 * <p><b>Streaming.</b> Nothing is assembled in memory: writing streams the live tables and the live
 * optimizer's state straight into the file, and reading fills the tables row by row while the
 * optimizer's state stays in the file until {@link OptimizerState#restoreInto} reads it into the
 * optimizer that resumes the run. So a checkpoint costs no second copy of a model's parameters or
 * of its optimizer's moments, and tables of any size (chunked, beyond one Java array) round-trip.
 * Versions 1 and 2 (before chunked tables and streaming) are not readable: retrain.
 *
 * <p>Tables are held, not copied.
 *
 * @param config the run's configuration
 * @param epochsCompleted epochs finished when the checkpoint was taken
 * @param rngState seed of the next epoch's random generator (shuffling and sampling)
 * @param losses per-epoch losses so far
 * @param validations validation records so far
 * @param earlyStopping the early stopper's state, with the best epoch's tables
 * @param modelName the model's name
 * @param entityEmbeddings the entity table, row-major
 * @param relationEmbeddings the relation table, row-major
 * @param optimizerState what {@link org.kge4j.optim.Optimizer#writeState} wrote
 */
public record Checkpoint(
    PipelineConfig config,
    int epochsCompleted,
    long rngState,
    List<Double> losses,
    List<ValidationRecord> validations,
    EarlyStoppingState earlyStopping,
    String modelName,
    EmbeddingTable entityEmbeddings,
    EmbeddingTable relationEmbeddings,
    OptimizerState optimizerState) {

  /**
   * An optimizer's state inside a checkpoint: the live optimizer's (when writing) or a section of a
   * checkpoint file (when reading), streamed either way.
   */
  public interface OptimizerState {
    /** Writes the state as {@link Optimizer#writeState} does. */
    void writeTo(DataOutputStream out) throws IOException;

    /**
     * Restores the state into {@code optimizer}.
     *
     * @throws IllegalArgumentException if it belongs to another optimizer or is truncated
     */
    void restoreInto(Optimizer optimizer);

    /** The state of a live optimizer, written by streaming it. */
    static OptimizerState of(Optimizer optimizer) {
      return new OptimizerState() {
        @Override
        public void writeTo(DataOutputStream out) throws IOException {
          optimizer.writeState(out);
        }

        @Override
        public void restoreInto(Optimizer target) {
          throw new IllegalStateException("a live optimizer's state is only written");
        }
      };
    }
  }

  /** The first bytes of every checkpoint file. */
  public static final String MAGIC = "KGE4JCKP";

  /**
   * The checkpoint's file name in a run directory, which every writer (the CLI's {@code train}, the
   * Spark job) and every reader ({@code evaluate}, {@code predict}, {@code export}, {@code serve})
   * use.
   */
  public static final String FILE_NAME = "checkpoint.kge4j";

  /** The format version this class writes and reads. */
  public static final int VERSION = 3;

  /** Checks required parts and copies the lists. */
  public Checkpoint {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(earlyStopping, "earlyStopping");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(entityEmbeddings, "entityEmbeddings");
    Objects.requireNonNull(relationEmbeddings, "relationEmbeddings");
    Objects.requireNonNull(optimizerState, "optimizerState");
    losses = List.copyOf(losses);
    validations = List.copyOf(validations);
  }

  /**
   * Writes the checkpoint atomically: into a temporary file next to {@code path}, then moved over
   * it.
   *
   * @throws UncheckedIOException if writing fails (the previous file, if any, is left intact)
   */
  public void write(Path path) {
    try {
      AtomicFiles.write(
          path,
          temporary -> {
            try (OutputStream raw =
                new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
              writeTo(raw);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + path, e);
    }
  }

  private void writeTo(OutputStream raw) throws IOException {
    CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
    DataOutputStream out = new DataOutputStream(checked);
    out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
    out.writeInt(VERSION);
    writeValue(out, config.toPipelineMap());
    out.writeInt(epochsCompleted);
    out.writeLong(rngState);
    out.writeInt(losses.size());
    for (double loss : losses) {
      out.writeDouble(loss);
    }
    out.writeInt(validations.size());
    for (ValidationRecord v : validations) {
      out.writeInt(v.epoch());
      out.writeInt(v.metrics().metrics().size());
      for (Map.Entry<String, Double> e : v.metrics().metrics().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue());
      }
    }
    out.writeDouble(earlyStopping.bestMetric());
    out.writeInt(earlyStopping.bestEpoch());
    out.writeInt(earlyStopping.remainingPatience());
    out.writeUTF(modelName);
    writeTable(out, entityEmbeddings);
    writeTable(out, relationEmbeddings);
    EmbeddingTable bestEntities = earlyStopping.bestEntityEmbeddings();
    out.writeBoolean(bestEntities != null);
    if (bestEntities != null) {
      writeTable(out, bestEntities);
      writeTable(out, earlyStopping.bestRelationEmbeddings());
    }
    long before = out.size();
    optimizerState.writeTo(out);
    // the optimizer's section length (a DataOutputStream counts up to 2^31 - 1, so count mod 2^32)
    out.writeLong((out.size() - before) & 0xFFFF_FFFFL);
    out.flush();
    long crc = checked.getChecksum().getValue();
    new DataOutputStream(raw).writeLong(crc);
  }

  /**
   * The trained model: the configured model over {@code numEntities} and {@code numRelations} with
   * this checkpoint's parameters (the latest ones, not the early-stopping best, which the training
   * already restored before its final checkpoint).
   *
   * @throws IllegalArgumentException if the tables do not fit that many entities and relations,
   *     naming both sizes
   */
  public Model restoreModel(int numEntities, int numRelations) {
    Model model = config.createModel(numEntities, numRelations);
    copyInto(entityEmbeddings, model.entityEmbeddings(), numEntities, numRelations);
    copyInto(relationEmbeddings, model.relationEmbeddings(), numEntities, numRelations);
    return model;
  }

  private static void copyInto(
      EmbeddingTable values, EmbeddingTable table, int numEntities, int numRelations) {
    if (values.numRows() != table.numRows() || values.width() != table.width()) {
      throw new IllegalArgumentException(
          "the checkpoint's "
              + table.name()
              + " table is "
              + values.numRows()
              + " x "
              + values.width()
              + ", but "
              + numEntities
              + " entities and "
              + numRelations
              + " relations need "
              + table.numRows()
              + " x "
              + table.width()
              + "; use the dataset the model was trained on");
    }
    table.copyFrom(values);
  }

  /**
   * Reads a checkpoint written by {@link #write}.
   *
   * @throws IllegalArgumentException if the file is not a kge4j checkpoint, has another version, is
   *     truncated or corrupt (the message names the file and the problem)
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Checkpoint read(Path path) {
    try (CountingInputStream raw =
        new CountingInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
      return readFrom(raw, path);
    } catch (EOFException e) {
      throw new IllegalArgumentException("checkpoint " + path + " is truncated", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + path, e);
    }
  }

  private static Checkpoint readFrom(CountingInputStream raw, Path path) throws IOException {
    CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
    DataInputStream in = new DataInputStream(checked);
    byte[] magic = new byte[MAGIC.length()];
    int n = in.readNBytes(magic, 0, magic.length);
    if (n < magic.length || !Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException(
          "not a kge4j checkpoint: " + path + " does not start with " + MAGIC);
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "checkpoint "
              + path
              + " has format version "
              + version
              + ", this kge4j reads version "
              + VERSION
              + (version < VERSION
                  ? " (versions before " + VERSION + " predate streamed, chunked tables: retrain)"
                  : ""));
    }
    Object document = readValue(in, path);
    if (!(document instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "checkpoint " + path + " is corrupt: its configuration is not a map");
    }
    PipelineConfig config;
    try {
      config = PipelineConfig.fromPipelineMap(stringKeys(map));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "checkpoint " + path + " holds an invalid configuration: " + e.getMessage(), e);
    }
    int epochs = in.readInt();
    long rngState = in.readLong();
    int numLosses = nonNegative(in.readInt(), "loss count", path);
    List<Double> losses = new ArrayList<>(numLosses);
    for (int i = 0; i < numLosses; i++) {
      losses.add(in.readDouble());
    }
    int numValidations = nonNegative(in.readInt(), "validation count", path);
    List<ValidationRecord> validations = new ArrayList<>(numValidations);
    for (int i = 0; i < numValidations; i++) {
      int epoch = in.readInt();
      int numMetrics = nonNegative(in.readInt(), "metric count", path);
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int j = 0; j < numMetrics; j++) {
        metrics.put(in.readUTF(), in.readDouble());
      }
      validations.add(new ValidationRecord(epoch, new MetricResults(metrics)));
    }
    double bestMetric = in.readDouble();
    int bestEpoch = in.readInt();
    int remainingPatience = in.readInt();
    String modelName = in.readUTF();
    EmbeddingTable entities = readTable(in, "entity", path);
    EmbeddingTable relations = readTable(in, "relation", path);
    EmbeddingTable bestEntities = null;
    EmbeddingTable bestRelations = null;
    if (in.readBoolean()) {
      bestEntities = readTable(in, "best entity", path);
      bestRelations = readTable(in, "best relation", path);
    }
    // the optimizer's state stays in the file: remember where it starts, checksum it by skipping
    long optimizerOffset = raw.count();
    long optimizerBytes = Files.size(path) - optimizerOffset - 2 * Long.BYTES;
    if (optimizerBytes < 0) {
      throw new EOFException();
    }
    in.skipNBytes(optimizerBytes);
    if (in.readLong() != (optimizerBytes & 0xFFFF_FFFFL)) {
      throw new EOFException();
    }
    long expected = checked.getChecksum().getValue();
    long stored = new DataInputStream(raw).readLong();
    if (stored != expected) {
      throw new IllegalArgumentException(
          "checkpoint "
              + path
              + " is corrupt: CRC-32 "
              + Long.toHexString(expected)
              + " does not match the stored "
              + Long.toHexString(stored));
    }
    return new Checkpoint(
        config,
        epochs,
        rngState,
        losses,
        validations,
        new EarlyStoppingState(
            bestMetric, bestEpoch, remainingPatience, bestEntities, bestRelations),
        modelName,
        entities,
        relations,
        new FileOptimizerState(path, optimizerOffset));
  }

  /** The optimizer's state as a section of a checkpoint file, read when restoring. */
  private record FileOptimizerState(Path path, long offset) implements OptimizerState {
    @Override
    public void writeTo(DataOutputStream out) throws IOException {
      try (InputStream in = Files.newInputStream(path)) {
        in.skipNBytes(offset);
        long length = Files.size(path) - offset - 2 * Long.BYTES;
        byte[] buffer = new byte[1 << 16];
        while (length > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
          if (n < 0) {
            throw new EOFException();
          }
          out.write(buffer, 0, n);
          length -= n;
        }
      }
    }

    @Override
    public void restoreInto(Optimizer optimizer) {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
        in.skipNBytes(offset);
        optimizer.readState(in);
      } catch (EOFException e) {
        throw new IllegalArgumentException(
            "checkpoint " + path + " optimizer state is truncated", e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read checkpoint " + path, e);
      }
    }
  }

  /** Counts the bytes read, so that a section's position in the file is known. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }

  private static void writeValue(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte('N');
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte('M');
      out.writeInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.writeUTF((String) e.getKey());
        writeValue(out, e.getValue());
      }
    } else if (value instanceof List<?> list) {
      out.writeByte('L');
      out.writeInt(list.size());
      for (Object element : list) {
        writeValue(out, element);
      }
    } else {
      Scalar scalar = Scalar.of(value);
      out.writeByte(scalar.tag);
      scalar.writer.write(out, value);
    }
  }

  private static Object readValue(DataInputStream in, Path path) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case 'N' -> null;
      case 'M' -> {
        int n = nonNegative(in.readInt(), "configuration map size", path);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          map.put(in.readUTF(), readValue(in, path));
        }
        yield map;
      }
      case 'L' -> {
        int n = nonNegative(in.readInt(), "configuration list size", path);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readValue(in, path));
        }
        yield list;
      }
      default -> Scalar.ofTag(tag, path).reader.read(in);
    };
  }

  /**
   * The scalar values of the configuration map: each type's tag byte with how it is written and
   * read, in one table so that {@link #writeValue} and {@link #readValue} cannot disagree.
   */
  private enum Scalar {
    STRING('S', String.class, (o, v) -> o.writeUTF((String) v), DataInput::readUTF),
    INT('I', Integer.class, (o, v) -> o.writeInt((Integer) v), DataInput::readInt),
    LONG('J', Long.class, (o, v) -> o.writeLong((Long) v), DataInput::readLong),
    DOUBLE('D', Double.class, (o, v) -> o.writeDouble((Double) v), DataInput::readDouble),
    BOOLEAN('Z', Boolean.class, (o, v) -> o.writeBoolean((Boolean) v), DataInput::readBoolean);

    final char tag;
    final Class<?> type;
    final Writer writer;
    final Reader reader;

    Scalar(char tag, Class<?> type, Writer writer, Reader reader) {
      this.tag = tag;
      this.type = type;
      this.writer = writer;
      this.reader = reader;
    }

    /** The scalar of {@code value}'s type, which must be one of the table's. */
    static Scalar of(Object value) {
      for (Scalar scalar : values()) {
        if (scalar.type.isInstance(value)) {
          return scalar;
        }
      }
      throw new IllegalArgumentException(
          "configuration value of type " + value.getClass().getName() + " cannot be stored");
    }

    /** The scalar a tag byte read from {@code path} names; a file with another is corrupt. */
    static Scalar ofTag(int tag, Path path) {
      for (Scalar scalar : values()) {
        if (scalar.tag == tag) {
          return scalar;
        }
      }
      throw new IllegalArgumentException(
          "checkpoint " + path + " is corrupt: unknown configuration value tag " + tag);
    }

    /** Writes a value of the scalar's type after its tag. */
    private interface Writer {
      void write(DataOutput out, Object value) throws IOException;
    }

    /** Reads a value of the scalar's type after its tag. */
    private interface Reader {
      Object read(DataInput in) throws IOException;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> stringKeys(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }

  private static int nonNegative(int value, String what, Path path) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "checkpoint " + path + " is corrupt: negative " + what + " " + value);
    }
    return value;
  }

  private static void writeTable(DataOutputStream out, EmbeddingTable table) throws IOException {
    out.writeInt(table.numRows());
    out.writeInt(table.width());
    table.writeValues(out);
  }

  private static EmbeddingTable readTable(DataInputStream in, String name, Path path)
      throws IOException {
    int rows = in.readInt();
    int width = in.readInt();
    if (rows < 1 || width < 1) {
      throw new IllegalArgumentException(
          "checkpoint " + path + " is corrupt: " + name + " table of " + rows + " x " + width);
    }
    EmbeddingTable table = new EmbeddingTable(name, rows, width);
    table.readValues(in);
    return table;
  }
}
