package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddingTableTest {

  @Test
  void rowsAreSplitIntoPowerOfTwoBlocksThatNeverSplitARow() {
    // at most 20 floats per block with width 3: 6 -> 4 rows per block, 10 rows -> 3 blocks
    EmbeddingTable table = new EmbeddingTable("entity", 10, 3, 20);
    assertEquals(4, table.rowsPerBlock());
    assertEquals(3, table.numBlocks());
    assertEquals(4, table.rowsIn(0));
    assertEquals(2, table.rowsIn(2));
    assertEquals(8, table.firstRow(2));
    assertEquals(12, table.block(0).length);
    assertEquals(6, table.block(2).length);
    assertSame(table.block(1), table.blockOf(5));
    assertEquals(3, table.offset(5));
    assertEquals(3, table.offset(9));
    assertEquals(30, table.size());
  }

  @Test
  void rowAccessRoundTripsAcrossBlocks() throws IOException {
    EmbeddingTable table = new EmbeddingTable("entity", 9, 2, 4);
    Initializer.NORMAL.initialize(table, new SplittableRandom(1));
    float[] flat = table.toArray();
    for (int r = 0; r < 9; r++) {
      float[] row = table.row(r);
      assertArrayEquals(new float[] {flat[2 * r], flat[2 * r + 1]}, row);
      assertEquals(row[1], table.blockOf(r)[table.offset(r) + 1]);
    }
    table.setRow(7, new float[] {5f, -6f});
    float[] copy = new float[4];
    table.copyRow(7, copy, 1);
    assertArrayEquals(new float[] {0f, 5f, -6f, 0f}, copy);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    table.writeValues(new DataOutputStream(bytes));
    assertEquals(9 * 2 * 4, bytes.size());
    // another blocking of the same shape reads the same rows
    EmbeddingTable other = new EmbeddingTable("entity", 9, 2);
    other.readValues(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertArrayEquals(table.toArray(), other.toArray());
    EmbeddingTable third = table.zerosLike("copy");
    third.copyFrom(other);
    assertArrayEquals(table.toArray(), third.toArray());
    assertEquals(table.rowsPerBlock(), third.rowsPerBlock());
  }

  @Test
  void badIndicesAndShapesAreNamed() {
    EmbeddingTable table = new EmbeddingTable("relation", 3, 2);
    IllegalArgumentException row = assertThrows(IllegalArgumentException.class, () -> table.row(3));
    assertEquals("relation index must be in [0, 3), got 3", row.getMessage());
    IllegalArgumentException width =
        assertThrows(IllegalArgumentException.class, () -> table.setRow(0, new float[3]));
    assertEquals("relation row needs 2 values, got 3", width.getMessage());
    IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class,
            () -> table.copyFrom(new EmbeddingTable("entity", 4, 2)));
    assertEquals("cannot copy a 4 x 2 table into the 3 x 2 relation table", shape.getMessage());
  }
}
