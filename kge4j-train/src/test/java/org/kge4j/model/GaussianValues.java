package org.kge4j.model;

import java.util.SplittableRandom;

/** Standard-normal test data: entity tables and flat query blocks drawn from one random source. */
public final class GaussianValues {

  private GaussianValues() {}

  /** A {@code numRows × width} table of N(0, 1) values, drawn row by row. */
  public static EmbeddingTable table(SplittableRandom random, int numRows, int width) {
    EmbeddingTable table = new EmbeddingTable("entity", numRows, width);
    for (int row = 0; row < numRows; row++) {
      table.setRow(row, floats(random, width));
    }
    return table;
  }

  /** {@code n} N(0, 1) values. */
  public static float[] floats(SplittableRandom random, int n) {
    float[] values = new float[n];
    for (int k = 0; k < n; k++) {
      values[k] = (float) random.nextGaussian();
    }
    return values;
  }
}
