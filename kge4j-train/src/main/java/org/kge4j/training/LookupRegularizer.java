package org.kge4j.training;

import org.kge4j.linalg.DenseKernel;
import org.kge4j.model.LpRegularizer;

/**
 * PyKEEN's {@link LpRegularizer} on embedding look-ups, gathered per row so that a row's owner can
 * add it in the same pass as the row's other gradients. Each scoring call looks up a set of rows of
 * a table; de-duplicated ({@code forward_unique}), its {@code n} distinct rows each get the share
 * {@code weight / (n·sqrt(d))} of the call, and a row's coefficient {@code c} is the sum of its
 * shares over the calls of a batch. The regularizer's term is then {@code Σ_rows c·||x||_2} and its
 * gradient {@code c·x/||x||_2} (zero for a zero row) — the same as adding each call's mean norm
 * over {@code sqrt(d)}, with every norm computed once.
 *
 * <p>Not thread-safe for look-ups (the loops record them in batch order); {@link #apply} only reads
 * the coefficients and may run on several threads for disjoint rows.
 */
final class LookupRegularizer {

  private final LpRegularizer regularizer;
  private final double scale;
  private final Table entities;
  private final Table relations;

  /** The shares of one table. */
  private static final class Table {
    final boolean active;
    final double[] coefficient;
    final int[] stamp;
    final int[] distinct;
    final int[] used;
    int numUsed;
    int currentStamp;

    Table(boolean active, int numRows) {
      this.active = active;
      this.coefficient = new double[active ? numRows : 0];
      this.stamp = new int[active ? numRows : 0];
      this.distinct = new int[active ? numRows : 0];
      this.used = new int[active ? numRows : 0];
    }
  }

  /**
   * @param complexDims {@code d} of the normalisation: the model's dimension
   */
  LookupRegularizer(LpRegularizer regularizer, int numEntities, int numRelations, int complexDims) {
    this.regularizer = regularizer;
    this.scale = regularizer.weight() / Math.sqrt(complexDims);
    this.entities = new Table(regularizer.active() && regularizer.entities(), numEntities);
    this.relations = new Table(regularizer.active() && regularizer.relations(), numRelations);
  }

  /** The regularizer applied. */
  LpRegularizer regularizer() {
    return regularizer;
  }

  /** Forgets the shares of the last batch. */
  void clear() {
    for (Table table : new Table[] {entities, relations}) {
      for (int i = 0; i < table.numUsed; i++) {
        table.coefficient[table.used[i]] = 0.0;
      }
      table.numUsed = 0;
    }
  }

  /**
   * One scoring call's look-ups: the distinct values of {@code ids[offset + i·stride]} for the
   * {@code count} entries whose {@code keep} is true (all when null).
   */
  void lookup(boolean entityTable, int[] ids, int offset, int stride, int count, boolean[] keep) {
    Table table = entityTable ? entities : relations;
    if (!table.active) {
      return;
    }
    table.currentStamp++;
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (keep != null && !keep[i]) {
        continue;
      }
      int id = ids[offset + i * stride];
      if (table.stamp[id] != table.currentStamp) {
        table.stamp[id] = table.currentStamp;
        table.distinct[n++] = id;
      }
    }
    share(table, n);
  }

  /** A call that looks up every entity (1-N scoring). */
  void lookupAllEntities() {
    if (!entities.active) {
      return;
    }
    int n = entities.coefficient.length;
    for (int id = 0; id < n; id++) {
      entities.distinct[id] = id;
    }
    share(entities, n);
  }

  private void share(Table table, int n) {
    if (n == 0) {
      return;
    }
    double share = scale / n;
    for (int i = 0; i < n; i++) {
      int id = table.distinct[i];
      if (table.coefficient[id] == 0.0) {
        table.used[table.numUsed++] = id;
      }
      table.coefficient[id] += share;
    }
  }

  /** Number of relation rows with a share, in the order of their first look-up. */
  int numRelationsUsed() {
    return relations.numUsed;
  }

  /** The {@code i}-th relation row with a share. */
  int relationUsed(int i) {
    return relations.used[i];
  }

  /**
   * Adds the gradient of row {@code row}'s term, {@code c·x/||x||}, into {@code gradient} and
   * returns the term {@code c·||x||}; 0 for a row without share.
   */
  double apply(
      boolean entityTable,
      int row,
      DenseKernel kernel,
      float[] x,
      int xOffset,
      float[] gradient,
      int gradientOffset,
      int width) {
    Table table = entityTable ? entities : relations;
    if (!table.active) {
      return 0.0;
    }
    double c = table.coefficient[row];
    if (c == 0.0) {
      return 0.0;
    }
    float squared = kernel.dot(x, xOffset, x, xOffset, width);
    double norm = Float.isInfinite(squared) ? doubleNorm(x, xOffset, width) : Math.sqrt(squared);
    if (norm > 0.0) {
      kernel.axpy((float) (c / norm), x, xOffset, gradient, gradientOffset, width);
    }
    return c * norm;
  }

  /** The norm summed in double, for rows whose squares overflow a float (diverging training). */
  private static double doubleNorm(float[] x, int offset, int width) {
    double sum = 0.0;
    for (int k = offset; k < offset + width; k++) {
      sum += (double) x[k] * x[k];
    }
    return Math.sqrt(sum);
  }
}
