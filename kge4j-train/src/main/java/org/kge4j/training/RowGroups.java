package org.kge4j.training;

import java.util.Arrays;

/**
 * Contributions to the rows of one table, grouped by row: each contribution is recorded as {@code
 * (row, code)} in a fixed order, then {@link #build()} sorts them by row (a counting sort, stable,
 * so a row's codes keep their recorded order) and lists the distinct rows in ascending order. A
 * training step can then compute every row's gradient in one place ("owner computes"), in a fixed
 * order, with no per-thread copies of the gradient and no reduction, whatever the thread count.
 *
 * <p>Costs time in the number of contributions, not in the size of the table: only the rows used
 * are reset.
 */
final class RowGroups {

  private final int numTableRows;
  private final int[] count;
  private final int[] cursor;
  private int[] rows;
  private int[] codes;
  private int[] grouped;
  private int[] distinct;
  private int[] starts;
  private int size;
  private int numDistinct;

  RowGroups(int numTableRows, int capacity) {
    this.numTableRows = numTableRows;
    this.count = new int[numTableRows];
    this.cursor = new int[numTableRows];
    this.rows = new int[capacity];
    this.codes = new int[capacity];
    this.grouped = new int[capacity];
    this.distinct = new int[Math.min(capacity, numTableRows)];
    this.starts = new int[Math.min(capacity, numTableRows) + 1];
  }

  /** Forgets every contribution. */
  void clear() {
    for (int k = 0; k < numDistinct; k++) {
      count[distinct[k]] = 0;
    }
    size = 0;
    numDistinct = 0;
  }

  /** Records a contribution {@code code} to {@code row}. */
  void add(int row, int code) {
    if (count[row]++ == 0) {
      distinct[numDistinct++] = row;
    }
    rows[size] = row;
    codes[size++] = code;
  }

  /** Groups the recorded contributions by row, rows ascending, codes in recorded order. */
  void build() {
    if (numDistinct > numTableRows / 8) {
      // dense: a scan of the table is cheaper than a sort
      int k = 0;
      for (int row = 0; row < numTableRows; row++) {
        if (count[row] > 0) {
          distinct[k++] = row;
        }
      }
    } else {
      Arrays.sort(distinct, 0, numDistinct);
    }
    int position = 0;
    for (int k = 0; k < numDistinct; k++) {
      starts[k] = position;
      cursor[distinct[k]] = position;
      position += count[distinct[k]];
    }
    starts[numDistinct] = position;
    for (int i = 0; i < size; i++) {
      grouped[cursor[rows[i]]++] = codes[i];
    }
  }

  /** Number of distinct rows. */
  int numRows() {
    return numDistinct;
  }

  /** The {@code k}-th distinct row, ascending. */
  int row(int k) {
    return distinct[k];
  }

  /** The first slot of row {@code row(k)}'s codes. */
  int start(int k) {
    return starts[k];
  }

  /** One past the last slot of row {@code row(k)}'s codes. */
  int end(int k) {
    return starts[k + 1];
  }

  /** The code in slot {@code slot}. */
  int code(int slot) {
    return grouped[slot];
  }
}
