package org.kge4j.model;

import java.util.Arrays;

/**
 * The gradient of one {@link EmbeddingTable}, accumulated row by row: a dense buffer of the table's
 * shape plus the list of rows that received a contribution in this batch. Optimizers visit only the
 * touched rows and {@link #clear()} zeroes only those, so a batch costs time in the rows it
 * touches, not in the size of the table.
 *
 * <p>Not thread-safe: the training loops give every shard of a batch its own instance and reduce
 * them in a fixed order ({@link #addTo}), which makes results independent of thread timing.
 */
public final class SparseGradient {

  private final int numRows;
  private final int width;
  private final float[] values;
  private final boolean[] touched;
  private final int[] touchedRows;
  private int numTouched;

  /** Row copies for {@link #addTo}, which C2 vectorizes where it does not the in-place loop. */
  private final float[] srcRow;

  private final float[] dstRow;

  /** Creates an empty gradient for a table of {@code numRows x width}. */
  public SparseGradient(int numRows, int width) {
    if (numRows < 1 || width < 1) {
      throw new IllegalArgumentException(
          "gradient needs numRows >= 1 and width >= 1, got " + numRows + " x " + width);
    }
    this.numRows = numRows;
    this.width = width;
    this.values = new float[Math.multiplyExact(numRows, width)];
    this.touched = new boolean[numRows];
    this.touchedRows = new int[numRows];
    this.srcRow = new float[width];
    this.dstRow = new float[width];
  }

  /** Creates an empty gradient shaped like {@code table}. */
  public static SparseGradient like(EmbeddingTable table) {
    return new SparseGradient(table.numRows(), table.width());
  }

  /**
   * Marks {@code row} as touched and returns the offset of its first value in {@link #values()},
   * where the caller then adds its contribution.
   */
  public int touch(int row) {
    if (!touched[row]) {
      touched[row] = true;
      touchedRows[numTouched++] = row;
    }
    return row * width;
  }

  /** The live dense buffer; only touched rows may be non-zero. */
  public float[] values() {
    return values;
  }

  /** Number of rows touched since the last {@link #clear()}. */
  public int numTouched() {
    return numTouched;
  }

  /** The {@code i}-th touched row, in the order the rows were first touched. */
  public int touchedRow(int i) {
    return touchedRows[i];
  }

  /** Whether {@code row} was touched since the last {@link #clear()}. */
  public boolean isTouched(int row) {
    return touched[row];
  }

  /** Number of rows of the table. */
  public int numRows() {
    return numRows;
  }

  /** Floats per row. */
  public int width() {
    return width;
  }

  /** Adds every touched row into {@code target} (same shape), touching it there. */
  public void addTo(SparseGradient target) {
    if (target.numRows != numRows || target.width != width) {
      throw new IllegalArgumentException(
          "cannot add a "
              + numRows
              + " x "
              + width
              + " gradient to a "
              + target.numRows
              + " x "
              + target.width
              + " one");
    }
    float[] dst = target.values;
    for (int i = 0; i < numTouched; i++) {
      int row = touchedRows[i];
      int off = target.touch(row);
      // same element-wise sums as dst[off + k] += values[off + k], on 0-based row copies
      System.arraycopy(values, off, srcRow, 0, width);
      System.arraycopy(dst, off, dstRow, 0, width);
      for (int k = 0; k < width; k++) {
        dstRow[k] += srcRow[k];
      }
      System.arraycopy(dstRow, 0, dst, off, width);
    }
  }

  /** Zeroes the touched rows and forgets them. */
  public void clear() {
    for (int i = 0; i < numTouched; i++) {
      int row = touchedRows[i];
      touched[row] = false;
      Arrays.fill(values, row * width, row * width + width, 0f);
    }
    numTouched = 0;
  }
}
