package org.kge4j.model;

import java.util.stream.IntStream;
import org.kge4j.linalg.DenseKernel;
import org.kge4j.linalg.StridedMatrix;

/**
 * The entity table re-laid for the block kernel: transposed into panels of {@link #PANEL} entities,
 * panel {@code p} holding {@code B(r, j) = entity(p·PANEL + j)[r]} row-major ({@code width × PANEL}
 * floats, the last panel zero-padded). Scoring a block of queries against a panel is then one
 * {@link DenseKernel#accumulate} whose {@code B} is contiguous, so it streams through L1 while the
 * queries' register tiles stay put (the packing of a GEMM's {@code B} operand).
 *
 * <p>Packing costs one pass over the table; evaluation packs once, LCWA training once per batch
 * (the parameters change with every step), both negligible against the {@code width}-fold work of
 * scoring. Panels are read-only once built and safe to share between threads.
 */
public final class EntityPanels {

  /** Entities per panel: a multiple of every vector length. */
  public static final int PANEL = 64;

  /** Floats of panels per array, so that no array exceeds 2^26 floats (plus {@link #LEAD}). */
  private static final int MAX_ARRAY_FLOATS = 1 << 26;

  /**
   * Floats before the first panel of each array. A float array's elements start 16 bytes after the
   * array (with compressed class pointers, the default), and under G1 (the JVM's default collector)
   * an array of at least half a heap region (regions are 1–32 MiB, by heap size) is humongous and
   * starts a region, so its element 12 starts a 64-byte cache line. From there every row of every
   * panel ({@code PANEL} floats = 256 bytes) starts a line too, and the kernel's vector loads of
   * {@code B} never straddle two lines: a straddling load costs two L1 accesses, and with every
   * load of a panel straddling, FB15k-237's evaluation ran 8–13 % slower on an AVX-512 Intel Xeon.
   * Elsewhere (a small table, another collector) the start is wherever the array lands, as without
   * the lead.
   */
  static final int LEAD = 12;

  /** Values of each entity row packed at a time: one 64-byte line of floats. */
  private static final int PACK_STRIP = 16;

  private final EmbeddingTable entities;
  private final int width;
  private final int numPanels;
  private final int panelsPerArray;
  private final float[][] arrays;

  /** Packs the current values of {@code entities}. */
  public EntityPanels(EmbeddingTable entities) {
    this(entities, MAX_ARRAY_FLOATS);
  }

  /** Packs with at most {@code maxArrayFloats} floats of panels per array (tests many arrays). */
  EntityPanels(EmbeddingTable entities, int maxArrayFloats) {
    this.entities = entities;
    this.width = entities.width();
    this.numPanels = (entities.numRows() + PANEL - 1) / PANEL;
    this.panelsPerArray = Math.max(1, maxArrayFloats / (width * PANEL));
    int numArrays = (numPanels + panelsPerArray - 1) / panelsPerArray;
    this.arrays = new float[numArrays][];
    for (int a = 0; a < numArrays; a++) {
      int panels = Math.min(panelsPerArray, numPanels - a * panelsPerArray);
      arrays[a] = new float[LEAD + panels * width * PANEL];
    }
    refresh();
  }

  /** Re-packs the table's current values (after the parameters changed). */
  public void refresh() {
    int chunks = Math.max(1, Math.min(numPanels, 64));
    IntStream range = IntStream.range(0, chunks);
    (chunks > 1 && (long) numPanels * width * PANEL > (1 << 18) ? range.parallel() : range)
        .forEach(
            c -> {
              int from = (int) ((long) c * numPanels / chunks);
              int to = (int) ((long) (c + 1) * numPanels / chunks);
              for (int p = from; p < to; p++) {
                pack(p);
              }
            });
  }

  private void pack(int p) {
    float[] panel = array(p);
    int base = offset(p);
    int first = p * PANEL;
    int count = Math.min(PANEL, entities.numRows() - first);
    // in strips of PACK_STRIP values per row, so that the strip's reads (a line of each entity) and
    // writes (PACK_STRIP rows of the panel) stay in L1; a whole row at a time wrote to 256 lines
    // per entity and evicted them before the next entity came back (8 % of an LCWA step)
    for (int r0 = 0; r0 < width; r0 += PACK_STRIP) {
      int r1 = Math.min(width, r0 + PACK_STRIP);
      for (int j = 0; j < count; j++) {
        float[] block = entities.blockOf(first + j);
        int offset = entities.offset(first + j);
        for (int r = r0; r < r1; r++) {
          panel[base + r * PANEL + j] = block[offset + r];
        }
      }
    }
  }

  /** Number of panels; the last may be partly padding. */
  public int numPanels() {
    return numPanels;
  }

  /** Number of real entities in panel {@code p}. */
  public int columns(int p) {
    return Math.min(PANEL, entities.numRows() - p * PANEL);
  }

  /** The array that holds panel {@code p}. */
  public float[] array(int p) {
    return arrays[p / panelsPerArray];
  }

  /** Where panel {@code p} starts in {@link #array(int)}. */
  public int offset(int p) {
    return LEAD + (p % panelsPerArray) * width * PANEL;
  }

  /** Floats per entity row. */
  public int width() {
    return width;
  }

  /** Number of entities. */
  public int numEntities() {
    return entities.numRows();
  }

  /**
   * Scores {@code numQueries} queries (rows of {@code queries} from {@code queryOffset}, {@code
   * width} floats apart) against the entities of panels {@code [fromPanel, toPanel)}: {@code
   * out[outOffset + i·outStride + (e − fromPanel·PANEL)] = interaction(query i, entity e)}, every
   * value the exact chain of the interaction's block operation. Columns of padding entities are
   * written only where every row has room for whole panels ({@code outStride ≥ (toPanel −
   * fromPanel)·PANEL}): there the last panel runs in the kernel's full register tiles instead of
   * its one-column remainder loop (5 % of an FB15k-237 evaluation, whose last panel holds 41
   * entities); elsewhere {@code outStride} may be the number of real entities.
   */
  public void score(
      DenseKernel kernel,
      Interaction interaction,
      float[] queries,
      int queryOffset,
      int numQueries,
      int fromPanel,
      int toPanel,
      float[] out,
      int outOffset,
      int outStride) {
    boolean wholePanels = (long) (toPanel - fromPanel) * PANEL <= outStride;
    StridedMatrix queryRows = StridedMatrix.rowMajor(queries, queryOffset, width);
    for (int p = fromPanel; p < toPanel; p++) {
      int columns = wholePanels ? PANEL : columns(p);
      int column0 = outOffset + (p - fromPanel) * PANEL;
      for (int i = 0; i < numQueries; i++) {
        java.util.Arrays.fill(out, column0 + i * outStride, column0 + i * outStride + columns, 0f);
      }
      kernel.accumulate(
          interaction.blockOp(),
          numQueries,
          columns,
          width,
          queryRows,
          StridedMatrix.rowMajor(array(p), offset(p), PANEL),
          StridedMatrix.rowMajor(out, column0, outStride));
      if (interaction != Interaction.DOT) {
        for (int i = 0; i < numQueries; i++) {
          interaction.finish(kernel, out, column0 + i * outStride, columns);
        }
      }
    }
  }
}
