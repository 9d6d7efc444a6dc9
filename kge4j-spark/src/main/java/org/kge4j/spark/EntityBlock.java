package org.kge4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Up to {@code blockSize} entity embeddings in ascending id order: the unit that scoring tasks
 * (top-k, rank counting) pair with a block of queries, as MLlib's ALS blocks its factors for {@code
 * recommendForAll}.
 *
 * @param ids entity ids, ascending
 * @param labels the entities' labels
 * @param vectors row-major vectors, {@code ids.length * width} floats
 * @param width floats per vector
 */
record EntityBlock(int[] ids, String[] labels, float[] vectors, int width) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Number of entities in the block. */
  int size() {
    return ids.length;
  }

  /** The vector of the {@code i}-th entity. */
  float[] vector(int i) {
    return Arrays.copyOfRange(vectors, i * width, (i + 1) * width);
  }

  /** The position of entity {@code id} in this block, or -1. */
  int indexOf(int id) {
    int i = Arrays.binarySearch(ids, id);
    return i >= 0 ? i : -1;
  }

  /** Blocks of an embedding table {@code (id, label, vector)}, one Spark partition's rows each. */
  static JavaRDD<EntityBlock> of(Dataset<Row> embeddings, int blockSize) {
    return embeddings
        .select("id", "label", "vector")
        .javaRDD()
        .mapPartitions(rows -> blocks(rows, blockSize));
  }

  /** Cuts the rows into blocks as they stream by; each block is sorted by id. */
  private static Iterator<EntityBlock> blocks(Iterator<Row> rows, int blockSize) {
    return RowBlocks.of(rows, blockSize, EntityBlock::sortedBlock);
  }

  private static EntityBlock sortedBlock(List<Row> part) {
    part.sort((a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
    int width = part.get(0).getList(2).size();
    int[] ids = new int[part.size()];
    String[] labels = new String[part.size()];
    float[] vectors = new float[part.size() * width];
    for (int i = 0; i < part.size(); i++) {
      ids[i] = part.get(i).getInt(0);
      labels[i] = part.get(i).getString(1);
      System.arraycopy(TrainedEmbeddings.vector(part.get(i), 2), 0, vectors, i * width, width);
    }
    return new EntityBlock(ids, labels, vectors, width);
  }
}
