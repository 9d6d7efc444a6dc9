package org.kge4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.model.Model;
import org.kge4j.training.Pipeline;
import org.kge4j.training.TrainingResult;

/**
 * With one partition, Spark training runs kge4j-train's loop over the one bucket with the
 * single-machine draws and state: the model must equal single-machine kge4j's bit for bit.
 */
class OnePartitionTest {

  @Test
  void oneGivesTheSingleMachineModelBitForBit(@TempDir Path dir) {
    Dataset nations = SparkTests.dataset("nations");
    KgeEstimator slcwa =
        new KgeEstimator()
            .setModel("distmult")
            .setDim(16)
            .setEpochs(3)
            .setBatchSize(128)
            .setNumNegsPerPos(4)
            .setSeed(11)
            .setStoragePath(dir.resolve("slcwa").toString());
    KgeEstimator lcwa =
        new KgeEstimator()
            .setModel("complex")
            .setDim(8)
            .setLoop("lcwa")
            .setOptimizer("adagrad")
            .setMarginActivation("softplus")
            .setEpochs(2)
            .setBatchSize(64)
            .setSeed(5)
            .setStoragePath(dir.resolve("lcwa").toString());
    for (KgeEstimator estimator : List.of(slcwa, lcwa)) {
      KgeModel spark = estimator.fit(SparkTests.split("nations", "train.txt"));
      PipelineConfig config = estimator.trainingConfig();
      TrainingResult single =
          Pipeline.builder(config, nations).evaluateTest(false).build().run().training();
      Model expected = single.model();
      List<Row> entities = spark.entityEmbeddings().orderBy("id").collectAsList();
      assertEquals(nations.numEntities(), entities.size());
      for (Row row : entities) {
        int id = row.getInt(0);
        assertEquals(nations.training().entityLabel(id), row.getString(1), "label of " + id);
        assertArrayEquals(
            expected.entityEmbeddings().row(id),
            TrainedEmbeddings.vector(row, 2),
            config.trainingLoop() + " entity " + id);
      }
      for (Row row : spark.relationEmbeddings().orderBy("id").collectAsList()) {
        int id = row.getInt(0);
        assertEquals(nations.training().relationLabel(id), row.getString(1));
        assertArrayEquals(
            expected.relationEmbeddings().row(id),
            TrainedEmbeddings.vector(row, 2),
            config.trainingLoop() + " relation " + id);
      }
      assertEquals(single.losses(), spark.summary().epochLosses());
    }
  }
}
