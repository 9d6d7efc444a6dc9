package org.kge4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/**
 * Cuts a partition's rows into consecutive groups of at most {@code blockSize} as they stream by,
 * so that a block of entities or queries never holds more than one group in memory.
 */
final class RowBlocks {

  private RowBlocks() {}

  /**
   * The blocks {@code build} makes of each group of up to {@code blockSize} rows, in row order;
   * every group but the last is full.
   */
  static <T> Iterator<T> of(Iterator<Row> rows, int blockSize, Function<List<Row>, T> build) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public T next() {
        List<Row> part = new ArrayList<>(blockSize);
        while (rows.hasNext() && part.size() < blockSize) {
          part.add(rows.next());
        }
        return build.apply(part);
      }
    };
  }
}
