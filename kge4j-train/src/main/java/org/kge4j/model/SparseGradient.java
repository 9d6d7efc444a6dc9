package org.kge4j.model;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The gradient of one {@link EmbeddingTable}, accumulated row by row: a buffer of the table's shape
 * and blocking plus the list of rows that received a contribution in this batch. Optimizers visit
 * only the touched rows (unless they update every row) and {@link #clear()} zeroes only those, so a
 * batch costs time in the rows it touches, not in the size of the table.
 *
 * <p>Row {@code r}'s values live in {@code values().blockOf(r)} from {@code values().offset(r)} on.
 * Not thread-safe: {@link #touch} appends to the row list. Parallel writers write disjoint rows
 * into {@link #values()} and {@link #touch} them afterwards in a fixed order.
 */
public final class SparseGradient {

  private final EmbeddingTable values;
  private final boolean[] touched;
  private final int[] touchedRows;
  private int numTouched;

  /** Creates an empty gradient shaped (and blocked) like {@code table}. */
  public static SparseGradient like(EmbeddingTable table) {
    return new SparseGradient(table.zerosLike(table.name() + " gradient"));
  }

  /** Creates an empty gradient for a table of {@code numRows x width}. */
  public SparseGradient(int numRows, int width) {
    this(new EmbeddingTable("gradient", numRows, width));
  }

  private SparseGradient(EmbeddingTable values) {
    this.values = values;
    this.touched = new boolean[values.numRows()];
    this.touchedRows = new int[values.numRows()];
  }

  /**
   * Runs {@code action} for every touched row, split across the common fork-join pool when more
   * than about 2^16 values are touched. Only for per-row work that reads and writes nothing but its
   * own row (an optimizer step, a constraint), so the split cannot change the result.
   */
  public void forEachTouchedRow(IntConsumer action) {
    RowLoops.forEach(
        numTouched, Math.max(1, (1 << 16) / width()), i -> action.accept(touchedRows[i]));
  }

  /**
   * Marks {@code row} as touched and returns where its values start in {@code
   * values().blockOf(row)}, where the caller then adds its contribution.
   */
  public int touch(int row) {
    if (!touched[row]) {
      touched[row] = true;
      touchedRows[numTouched++] = row;
    }
    return values.offset(row);
  }

  /** The live buffer; only touched rows may be non-zero. */
  public EmbeddingTable values() {
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
    return values.numRows();
  }

  /** Floats per row. */
  public int width() {
    return values.width();
  }

  /** Adds every touched row into {@code target} (same shape), touching it there. */
  public void addTo(SparseGradient target) {
    if (target.numRows() != numRows() || target.width() != width()) {
      throw new IllegalArgumentException(
          "cannot add a "
              + numRows()
              + " x "
              + width()
              + " gradient to a "
              + target.numRows()
              + " x "
              + target.width()
              + " one");
    }
    int width = width();
    for (int i = 0; i < numTouched; i++) {
      int row = touchedRows[i];
      float[] dst = target.values.blockOf(row);
      int to = target.touch(row);
      float[] src = values.blockOf(row);
      int from = values.offset(row);
      for (int k = 0; k < width; k++) {
        dst[to + k] += src[from + k];
      }
    }
  }

  /**
   * Zeroes the touched rows and forgets them, split across threads as {@link #forEachTouchedRow}
   * (each row's values and flag are its own): one thread zeroing a batch's rows took 10-15 % of a
   * shared-negatives sLCWA step on two threads.
   */
  public void clear() {
    int width = width();
    forEachTouchedRow(
        row -> {
          touched[row] = false;
          int offset = values.offset(row);
          Arrays.fill(values.blockOf(row), offset, offset + width, 0f);
        });
    numTouched = 0;
  }
}
