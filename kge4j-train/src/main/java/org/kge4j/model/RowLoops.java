package org.kge4j.model;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The one loop behind the per-row passes over tables and touched gradient rows: items {@code
 * 0..count-1} in chunks, the chunks spread across the common fork-join pool when there are several.
 * Only for per-row work that reads and writes nothing but its own row, so the split cannot change
 * the result.
 */
final class RowLoops {

  private RowLoops() {}

  /** Runs {@code action} for {@code 0..count-1}, {@code rowsPerChunk} items per parallel task. */
  static void forEach(int count, int rowsPerChunk, IntConsumer action) {
    int chunks = (count + rowsPerChunk - 1) / rowsPerChunk;
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 ? range.parallel() : range)
        .forEach(
            c -> {
              int end = Math.min(count, (c + 1) * rowsPerChunk);
              for (int i = c * rowsPerChunk; i < end; i++) {
                action.accept(i);
              }
            });
  }
}
