package org.kge4j.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A trainable embedding matrix of {@code numRows x width} float32 values (PyTorch's {@code
 * nn.Embedding.weight}), stored row-major in blocks of {@link #rowsPerBlock()} rows, so that a
 * table is not limited by the size of one Java array (10 million entities of dimension 256 are 2.56
 * billion floats; one array holds at most 2^31 − 1). Row {@code r} lives in {@link #blockOf(int)
 * blockOf(r)} from {@link #offset(int) offset(r)} on; rows never straddle blocks. Tables of up to
 * 2^30 floats (4 GiB) are a single block.
 *
 * <p>The blocks are live arrays: models read them while scoring, optimizers write them while
 * stepping. A table is not thread-safe for writes; training writes rows owned by one thread or
 * between batches.
 */
public final class EmbeddingTable {

  /** Floats per block unless a smaller bound is given: 2^30, a quarter of the largest array. */
  public static final int DEFAULT_BLOCK_FLOATS = 1 << 30;

  private final String name;
  private final int numRows;
  private final int width;
  private final int blockShift;
  private final int blockMask;
  private final float[][] blocks;

  /**
   * Creates a zero-filled table of blocks of up to {@link #DEFAULT_BLOCK_FLOATS} floats.
   *
   * @param name what the table holds, e.g. {@code "entity"}, used in messages and checkpoints
   * @param numRows number of rows, {@code >= 1}
   * @param width floats per row, {@code >= 1}
   * @throws IllegalArgumentException if a size is not positive
   */
  public EmbeddingTable(String name, int numRows, int width) {
    this(name, numRows, width, DEFAULT_BLOCK_FLOATS);
  }

  /**
   * Creates a zero-filled table whose blocks hold at most {@code maxBlockFloats} floats (but at
   * least one row): the largest power of two of rows that fits.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public EmbeddingTable(String name, int numRows, int width, int maxBlockFloats) {
    this.name = Objects.requireNonNull(name, "name");
    if (numRows < 1 || width < 1) {
      throw new IllegalArgumentException(
          name + " table needs numRows >= 1 and width >= 1, got " + numRows + " x " + width);
    }
    if (maxBlockFloats < 1) {
      throw new IllegalArgumentException("maxBlockFloats must be >= 1, got " + maxBlockFloats);
    }
    this.numRows = numRows;
    this.width = width;
    int rowsPerBlock = Integer.highestOneBit(Math.max(1, maxBlockFloats / width));
    this.blockShift = Integer.numberOfTrailingZeros(rowsPerBlock);
    this.blockMask = rowsPerBlock - 1;
    int numBlocks = (int) (((long) numRows + rowsPerBlock - 1) >>> blockShift);
    this.blocks = new float[numBlocks][];
    for (int b = 0; b < numBlocks; b++) {
      blocks[b] = new float[rowsIn(b) * width];
    }
  }

  /** A zero-filled table of the same shape and blocking, e.g. for a gradient or optimizer state. */
  public EmbeddingTable zerosLike(String newName) {
    return new EmbeddingTable(newName, numRows, width, (blockMask + 1) * width);
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

  /** Number of values, {@code numRows * width}. */
  public long size() {
    return (long) numRows * width;
  }

  /** Rows per block (a power of two); the last block may hold fewer. */
  public int rowsPerBlock() {
    return blockMask + 1;
  }

  /** Number of blocks. */
  public int numBlocks() {
    return blocks.length;
  }

  /** Block {@code b}: rows {@link #firstRow(int) firstRow(b)} on, row-major. */
  public float[] block(int b) {
    return blocks[b];
  }

  /** The first row of block {@code b}. */
  public int firstRow(int b) {
    return b << blockShift;
  }

  /** Number of rows in block {@code b}. */
  public int rowsIn(int b) {
    return Math.min(blockMask + 1, numRows - (b << blockShift));
  }

  /** The block that holds row {@code row}. */
  public float[] blockOf(int row) {
    return blocks[row >>> blockShift];
  }

  /** Where row {@code row} starts in {@link #blockOf(int) its block}. */
  public int offset(int row) {
    return (row & blockMask) * width;
  }

  /** A copy of row {@code row}. */
  public float[] row(int row) {
    checkRow(row);
    float[] out = new float[width];
    System.arraycopy(blockOf(row), offset(row), out, 0, width);
    return out;
  }

  /** Copies row {@code row} into {@code out[offset, offset + width)}. */
  public void copyRow(int row, float[] out, int offset) {
    checkRow(row);
    System.arraycopy(blockOf(row), offset(row), out, offset, width);
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
    System.arraycopy(values, 0, blockOf(row), offset(row), width);
  }

  /**
   * Copies every value of {@code source}, which must have the same shape.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public void copyFrom(EmbeddingTable source) {
    checkSameShape(source);
    for (int row = 0; row < numRows; row++) {
      System.arraycopy(source.blockOf(row), source.offset(row), blockOf(row), offset(row), width);
    }
  }

  /** Sets every value to 0. */
  public void clear() {
    for (float[] block : blocks) {
      Arrays.fill(block, 0f);
    }
  }

  /**
   * All values row-major in one array, for small tables (tests, exports of small models).
   *
   * @throws IllegalStateException if the table has more values than one array holds
   */
  public float[] toArray() {
    if (size() > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          name + " table of " + numRows + " x " + width + " values does not fit one array");
    }
    float[] out = new float[(int) size()];
    for (int row = 0; row < numRows; row++) {
      System.arraycopy(blockOf(row), offset(row), out, row * width, width);
    }
    return out;
  }

  /** Writes the values row by row as big-endian floats (no header). */
  public void writeValues(DataOutput out) throws IOException {
    byte[] buffer = new byte[4 * width];
    for (int row = 0; row < numRows; row++) {
      float[] block = blockOf(row);
      int offset = offset(row);
      for (int k = 0; k < width; k++) {
        int bits = Float.floatToRawIntBits(block[offset + k]);
        buffer[4 * k] = (byte) (bits >>> 24);
        buffer[4 * k + 1] = (byte) (bits >>> 16);
        buffer[4 * k + 2] = (byte) (bits >>> 8);
        buffer[4 * k + 3] = (byte) bits;
      }
      out.write(buffer);
    }
  }

  /** Reads values written by {@link #writeValues} into this table (same shape). */
  public void readValues(DataInput in) throws IOException {
    byte[] buffer = new byte[4 * width];
    for (int row = 0; row < numRows; row++) {
      in.readFully(buffer);
      float[] block = blockOf(row);
      int offset = offset(row);
      for (int k = 0; k < width; k++) {
        int bits =
            (buffer[4 * k] & 0xff) << 24
                | (buffer[4 * k + 1] & 0xff) << 16
                | (buffer[4 * k + 2] & 0xff) << 8
                | (buffer[4 * k + 3] & 0xff);
        block[offset + k] = Float.intBitsToFloat(bits);
      }
    }
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

  private void checkSameShape(EmbeddingTable other) {
    if (other.numRows != numRows || other.width != width) {
      throw new IllegalArgumentException(
          "cannot copy a "
              + other.numRows
              + " x "
              + other.width
              + " table into the "
              + numRows
              + " x "
              + width
              + " "
              + name
              + " table");
    }
  }

  @Override
  public String toString() {
    return "EmbeddingTable[" + name + ", " + numRows + " x " + width + "]";
  }
}
