package org.kge4j.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.SparseGradient;

/**
 * A first-order optimizer bound to a fixed list of {@link org.kge4j.model.EmbeddingTable}s (the
 * counterpart of a {@code torch.optim.Optimizer} over a model's parameters). Each {@link
 * #step(List)} applies one update from gradients given in the same order as the tables.
 *
 * <p>Updates touch only the rows the gradients touched, unless {@link #updatesUntouchedRows()} says
 * otherwise (exact dense Adam). Not thread-safe.
 */
public interface Optimizer {

  /** The optimizer's name as the CLI spells it: {@code adam}, {@code sparseadam}, ... */
  String name();

  /** The learning rate. */
  double learningRate();

  /** Number of steps taken so far. */
  long steps();

  /**
   * Applies one update.
   *
   * @param gradients one per bound table, in the same order and shape
   * @throws IllegalArgumentException if the count or a shape does not match the tables
   */
  void step(List<SparseGradient> gradients);

  /**
   * Whether a step can change rows without gradient (PyTorch's dense Adam: momentum keeps moving
   * rows whose gradient is zero), so hard constraints must be re-applied to every row.
   */
  boolean updatesUntouchedRows();

  /**
   * Number of per-parameter state slots: one array shaped like each bound table per slot (Adam 2:
   * first and second moments; Adagrad 1: the squared-gradient sum; SGD 0).
   */
  int numSlots();

  /**
   * A copy of one row of one state slot of a bound table, for callers that keep the state of table
   * slices elsewhere (partitioned training stores it next to the slice's embeddings).
   *
   * @param table a table this optimizer is bound to (compared by identity)
   * @param slot in {@code [0, numSlots())}
   * @param row a row of {@code table}
   * @throws IllegalArgumentException if the table is not bound, or slot or row is out of range
   */
  float[] stateRow(EmbeddingTable table, int slot, int row);

  /**
   * Overwrites one row of one state slot of a bound table; the counterpart of {@link #stateRow}.
   *
   * @throws IllegalArgumentException if the table is not bound, slot or row is out of range, or
   *     {@code values} is not {@code table.width()} long
   */
  void setStateRow(EmbeddingTable table, int slot, int row, float[] values);

  /**
   * Sets the step count (the {@code t} of Adam's bias corrections), for state restored row by row
   * with {@link #setStateRow}.
   *
   * @throws IllegalArgumentException if {@code steps < 0}
   */
  void setSteps(long steps);

  /** Writes the step count and all per-parameter state (moments, accumulators). */
  void writeState(DataOutput out) throws IOException;

  /**
   * Restores what {@link #writeState} wrote.
   *
   * @throws IllegalArgumentException if the state belongs to another optimizer or other tables
   */
  void readState(DataInput in) throws IOException;
}
