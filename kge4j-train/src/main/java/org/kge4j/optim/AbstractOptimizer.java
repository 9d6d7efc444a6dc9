package org.kge4j.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.model.SparseGradient;

/**
 * Shared bookkeeping: the bound tables, the step counter, {@code slots} state arrays per table
 * shaped like the table, and their serialisation.
 */
abstract class AbstractOptimizer implements Optimizer {

  private final String name;
  final List<EmbeddingTable> tables;
  final double learningRate;

  /**
   * {@code state[table][slot]}: one table per bound table and state slot, shaped and blocked like
   * the bound table, so that a row's state sits at the row's offset in the same block index.
   */
  final EmbeddingTable[][] state;

  long steps;

  /**
   * Binds the optimizer called {@code name} ({@link #name()}) to {@code tables}, with {@code slots}
   * zero state tables per table.
   */
  AbstractOptimizer(String name, List<EmbeddingTable> tables, double learningRate, int slots) {
    this.name = name;
    Objects.requireNonNull(tables, "tables");
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("an optimizer needs at least one table, got none");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be finite and > 0, got " + learningRate);
    }
    this.tables = List.copyOf(tables);
    this.learningRate = learningRate;
    this.state = new EmbeddingTable[tables.size()][slots];
    for (int i = 0; i < tables.size(); i++) {
      for (int s = 0; s < slots; s++) {
        state[i][s] = tables.get(i).zerosLike(tables.get(i).name() + " state " + s);
      }
    }
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public boolean updatesUntouchedRows() {
    return false;
  }

  @Override
  public int numSlots() {
    return state[0].length;
  }

  @Override
  public float[] stateRow(EmbeddingTable table, int slot, int row) {
    EmbeddingTable values = slotOf(table, slot);
    table.checkRow(row);
    return values.row(row);
  }

  @Override
  public void setStateRow(EmbeddingTable table, int slot, int row, float[] values) {
    EmbeddingTable target = slotOf(table, slot);
    table.checkRow(row);
    if (values.length != table.width()) {
      throw new IllegalArgumentException(
          table.name() + " state row needs " + table.width() + " values, got " + values.length);
    }
    target.setRow(row, values);
  }

  @Override
  public void setSteps(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + value);
    }
    steps = value;
  }

  /** The state table of {@code slot} of the bound {@code table}. */
  private EmbeddingTable slotOf(EmbeddingTable table, int slot) {
    int index = -1;
    for (int i = 0; i < tables.size(); i++) {
      if (tables.get(i) == table) {
        index = i;
      }
    }
    if (index < 0) {
      throw new IllegalArgumentException(
          name() + " is not bound to the table " + table + "; bound: " + tables);
    }
    if (slot < 0 || slot >= numSlots()) {
      throw new IllegalArgumentException(
          name() + " state slot must be in [0, " + numSlots() + "), got " + slot);
    }
    return state[index][slot];
  }

  @Override
  public final void step(List<SparseGradient> gradients) {
    if (gradients.size() != tables.size()) {
      throw new IllegalArgumentException(
          name()
              + " is bound to "
              + tables.size()
              + " tables, got "
              + gradients.size()
              + " gradients");
    }
    for (int i = 0; i < tables.size(); i++) {
      EmbeddingTable table = tables.get(i);
      SparseGradient g = gradients.get(i);
      if (g.numRows() != table.numRows() || g.width() != table.width()) {
        throw new IllegalArgumentException(
            "gradient "
                + i
                + " is "
                + g.numRows()
                + " x "
                + g.width()
                + " but the "
                + table.name()
                + " table is "
                + table.numRows()
                + " x "
                + table.width());
      }
    }
    steps++;
    for (int i = 0; i < tables.size(); i++) {
      update(i, tables.get(i), gradients.get(i));
    }
  }

  /** Applies step {@link #steps} to table {@code index}. */
  abstract void update(int index, EmbeddingTable table, SparseGradient gradient);

  /**
   * The update of one touched row, whose parameters {@code x} and gradient {@code g} start at
   * {@code offset} of their blocks (a state table's block of the row has the same offset).
   */
  @FunctionalInterface
  interface RowUpdate {
    void apply(int row, float[] x, float[] g, int offset);
  }

  /**
   * Applies {@code update} to every row of {@code table} that {@code gradient} touched: the
   * touched-rows-only update of SGD, Adagrad and SparseAdam, exact because a row without gradient
   * keeps its value and state.
   */
  static void forEachTouchedRow(EmbeddingTable table, SparseGradient gradient, RowUpdate update) {
    gradient.forEachTouchedRow(
        row ->
            update.apply(
                row, table.blockOf(row), gradient.values().blockOf(row), table.offset(row)));
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    out.writeUTF(name());
    out.writeLong(steps);
    out.writeInt(state.length);
    out.writeInt(state.length == 0 ? 0 : state[0].length);
    for (EmbeddingTable[] slots : state) {
      for (EmbeddingTable values : slots) {
        out.writeLong(values.size());
        values.writeValues(out);
      }
    }
  }

  @Override
  public void readState(DataInput in) throws IOException {
    String stored = in.readUTF();
    if (!stored.equals(name())) {
      throw new IllegalArgumentException(
          "optimizer state belongs to " + stored + ", cannot restore it into " + name());
    }
    long storedSteps = in.readLong();
    int numTables = in.readInt();
    int numSlots = in.readInt();
    if (numTables != state.length || numSlots != state[0].length) {
      throw new IllegalArgumentException(
          name()
              + " state has "
              + numTables
              + " tables x "
              + numSlots
              + " slots, expected "
              + state.length
              + " x "
              + state[0].length);
    }
    for (EmbeddingTable[] slots : state) {
      for (EmbeddingTable values : slots) {
        long length = in.readLong();
        if (length != values.size()) {
          throw new IllegalArgumentException(
              name() + " state array has " + length + " values, expected " + values.size());
        }
        values.readValues(in);
      }
    }
    steps = storedSteps;
  }

  @Override
  public String toString() {
    return name() + "[lr=" + learningRate + ", steps=" + steps + "]";
  }
}
