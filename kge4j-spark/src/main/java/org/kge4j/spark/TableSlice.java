package org.kge4j.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Rows of an embedding table with their optimizer state: one entity partition's embeddings (or the
 * relation table) as the run's storage holds them between rounds. Row {@code i} occupies {@code
 * values[i * width, (i + 1) * width)}, and state slot {@code s} (Adam's moments, Adagrad's sums)
 * the same positions of {@code state[s]}.
 *
 * <p>File format: the 8 ASCII bytes {@code KGE4JSLC}, the int version 1, ints {@code numRows},
 * {@code width}, {@code numSlots}, then the values and each slot's array as big-endian float32.
 * Arrays are held, not copied.
 *
 * @param numRows number of rows, {@code >= 0}
 * @param width floats per row, {@code >= 1}
 * @param values the rows, {@code numRows * width} floats
 * @param state one array of {@code numRows * width} floats per optimizer state slot
 */
public record TableSlice(int numRows, int width, float[] values, float[][] state)
    implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private static final String MAGIC = "KGE4JSLC";
  private static final int VERSION = 1;
  private static final int CHUNK_FLOATS = 1 << 14;

  /**
   * Checks the shapes.
   *
   * @throws IllegalArgumentException if an array does not hold {@code numRows * width} floats
   */
  public TableSlice {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(state, "state");
    if (numRows < 0 || width < 1) {
      throw new IllegalArgumentException(
          "slice needs numRows >= 0 and width >= 1, got " + numRows + " x " + width);
    }
    long size = (long) numRows * width;
    if (values.length != size) {
      throw new IllegalArgumentException(
          "slice of "
              + numRows
              + " x "
              + width
              + " needs "
              + size
              + " values, got "
              + values.length);
    }
    for (int s = 0; s < state.length; s++) {
      if (state[s].length != size) {
        throw new IllegalArgumentException(
            "state slot " + s + " needs " + size + " values, got " + state[s].length);
      }
    }
  }

  /** Number of optimizer state slots. */
  public int numSlots() {
    return state.length;
  }

  /** A copy of row {@code row}. */
  public float[] row(int row) {
    return Arrays.copyOfRange(values, row * width, (row + 1) * width);
  }

  /** A copy of row {@code row} of state slot {@code slot}. */
  public float[] stateRow(int slot, int row) {
    return Arrays.copyOfRange(state[slot], row * width, (row + 1) * width);
  }

  /** Writes the slice in the format of the class comment. */
  public void writeTo(DataOutputStream out) throws IOException {
    out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
    out.writeInt(VERSION);
    out.writeInt(numRows);
    out.writeInt(width);
    out.writeInt(state.length);
    writeFloats(out, values);
    for (float[] slot : state) {
      writeFloats(out, slot);
    }
    out.flush();
  }

  /**
   * Reads a slice written by {@link #writeTo}.
   *
   * @param source what is read, for messages
   * @throws IllegalArgumentException if the data is not a slice or has another version
   */
  public static TableSlice readFrom(DataInputStream in, String source) throws IOException {
    byte[] magic = new byte[MAGIC.length()];
    in.readFully(magic);
    if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException(source + " is not a kge4j table slice");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IllegalArgumentException(
          source + " has slice format version " + version + ", expected " + VERSION);
    }
    int numRows = in.readInt();
    int width = in.readInt();
    int numSlots = in.readInt();
    if (numRows < 0 || width < 1 || numSlots < 0) {
      throw new IllegalArgumentException(
          source + " is corrupt: " + numRows + " x " + width + " with " + numSlots + " slots");
    }
    int size = Math.multiplyExact(numRows, width);
    float[] values = readFloats(in, size);
    float[][] state = new float[numSlots][];
    for (int s = 0; s < numSlots; s++) {
      state[s] = readFloats(in, size);
    }
    return new TableSlice(numRows, width, values, state);
  }

  static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4 * CHUNK_FLOATS);
    for (int from = 0; from < values.length; from += CHUNK_FLOATS) {
      int count = Math.min(CHUNK_FLOATS, values.length - from);
      buffer.clear();
      buffer.asFloatBuffer().put(values, from, count);
      out.write(buffer.array(), 0, 4 * count);
    }
  }

  static float[] readFloats(DataInputStream in, int size) throws IOException {
    float[] values = new float[size];
    byte[] bytes = new byte[4 * CHUNK_FLOATS];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    for (int from = 0; from < size; from += CHUNK_FLOATS) {
      int count = Math.min(CHUNK_FLOATS, size - from);
      in.readFully(bytes, 0, 4 * count);
      buffer.clear();
      buffer.asFloatBuffer().get(values, from, count);
    }
    return values;
  }
}
