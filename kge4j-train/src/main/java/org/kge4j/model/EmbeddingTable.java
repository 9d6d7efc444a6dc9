package org.kge4j.model;

import java.util.Objects;

/**
 * A trainable embedding matrix of {@code numRows x width} float32 values, stored row-major in one
 * array (PyTorch's {@code nn.Embedding.weight}).
 *
 * <p>{@link #data()} returns the live array: models read it while scoring, optimizers write it
 * while stepping, checkpoints copy it. A table is not thread-safe for writes; training writes only
 * between batches, when no scoring runs.
 */
public final class EmbeddingTable {

  private final String name;
  private final int numRows;
  private final int width;
  private final float[] data;

  /**
   * Creates a zero-filled table.
   *
   * @param name what the table holds, e.g. {@code "entity"}, used in messages and checkpoints
   * @param numRows number of rows, {@code >= 1}
   * @param width floats per row, {@code >= 1}
   * @throws IllegalArgumentException if a size is not positive or the table exceeds 2^31 - 1 floats
   */
  public EmbeddingTable(String name, int numRows, int width) {
    this.name = Objects.requireNonNull(name, "name");
    if (numRows < 1 || width < 1) {
      throw new IllegalArgumentException(
          name + " table needs numRows >= 1 and width >= 1, got " + numRows + " x " + width);
    }
    long size = (long) numRows * width;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          name
              + " table of "
              + numRows
              + " x "
              + width
              + " floats exceeds the largest Java array ("
              + (Integer.MAX_VALUE - 8)
              + ")");
    }
    this.numRows = numRows;
    this.width = width;
    this.data = new float[(int) size];
  }

  /** What the table holds, e.g. {@code "entity"} or {@code "relation"}. */
  public String name() {
    return name;
  }

  /** Number of rows (entities or relations). */
  public int numRows() {
    return numRows;
  }

  /** Floats per row. */
  public int width() {
    return width;
  }

  /** The live row-major values; row {@code i} starts at {@code i * width()}. */
  public float[] data() {
    return data;
  }

  /** A copy of row {@code row}. */
  public float[] row(int row) {
    checkRow(row);
    float[] out = new float[width];
    System.arraycopy(data, row * width, out, 0, width);
    return out;
  }

  /**
   * Overwrites row {@code row} with {@code values}.
   *
   * @throws IllegalArgumentException if the row index is invalid or {@code values} is not {@code
   *     width()} long
   */
  public void setRow(int row, float[] values) {
    checkRow(row);
    if (values.length != width) {
      throw new IllegalArgumentException(
          name + " row needs " + width + " values, got " + values.length);
    }
    System.arraycopy(values, 0, data, row * width, width);
  }

  /**
   * Checks that {@code row} is a valid row index.
   *
   * @throws IllegalArgumentException if it is not in {@code [0, numRows)}
   */
  public void checkRow(int row) {
    if (row < 0 || row >= numRows) {
      throw new IllegalArgumentException(
          name + " index must be in [0, " + numRows + "), got " + row);
    }
  }

  @Override
  public String toString() {
    return "EmbeddingTable[" + name + ", " + numRows + " x " + width + "]";
  }
}
