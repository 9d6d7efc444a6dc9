package org.kge4j.hpo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.data.Datasets;
import org.kge4j.evaluation.RankBasedEvaluator;
import org.kge4j.hpo.study.StudyDirection;
import org.kge4j.model.Model;

class ObjectiveMetricTest {

  @Test
  void shortFormsResolveToBothSidesAndRealisticRanksAsInPyKeen() {
    assertEquals("both.realistic.inverse_harmonic_mean_rank", ObjectiveMetric.of("MRR").key());
    assertEquals(
        "both.realistic.inverse_harmonic_mean_rank",
        ObjectiveMetric.of("mean_reciprocal_rank").key());
    assertEquals("both.realistic.hits_at_10", ObjectiveMetric.of("hits@10").key());
    assertEquals("both.realistic.hits_at_3", ObjectiveMetric.of("hits_at_3").key());
    assertEquals("both.realistic.arithmetic_mean_rank", ObjectiveMetric.of("mr").key());
    assertEquals("tail.optimistic.hits_at_1", ObjectiveMetric.of("tail.optimistic.hits@1").key());
  }

  @Test
  void ranksAreMinimisedAndEverythingElseMaximised() {
    assertEquals(StudyDirection.MINIMIZE, ObjectiveMetric.of("mr").direction());
    assertEquals(StudyDirection.MINIMIZE, ObjectiveMetric.of("median_rank").direction());
    assertEquals(StudyDirection.MAXIMIZE, ObjectiveMetric.of("mrr").direction());
    assertEquals(
        StudyDirection.MAXIMIZE,
        ObjectiveMetric.of("adjusted_arithmetic_mean_rank_index").direction());
  }

  @Test
  void anUnknownMetricNamesTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ObjectiveMetric.of("hits@7"));
    assertEquals(
        "metric must be <side>.<rank type>.<metric> with side one of [head, tail, both], rank type"
            + " one of [optimistic, pessimistic, realistic] and metric one of"
            + " [arithmetic_mean_rank, inverse_harmonic_mean_rank, hits_at_1, hits_at_3, hits_at_5,"
            + " hits_at_10, median_rank, adjusted_arithmetic_mean_rank,"
            + " adjusted_arithmetic_mean_rank_index], or a short form (mrr, hits@10, mr, ...), got"
            + " 'both.realistic.hits_at_7'",
        e.getMessage());
  }

  @Test
  void theMetricNamesAreExactlyThoseTheEvaluatorProduces() {
    Dataset data = Datasets.embedded();
    PipelineConfig config = PipelineConfig.builder().model("DistMult").embeddingDim(4).build();
    Model model = config.createModel(data.numEntities(), data.numRelations());
    Set<String> produced =
        new TreeSet<>(
            RankBasedEvaluator.builder()
                .numThreads(1)
                .build()
                .evaluate(model, data.validation(), List.of(data.training()))
                .metrics()
                .keySet());
    Set<String> named = new TreeSet<>();
    for (String side : RankBasedEvaluator.SIDES) {
      for (String type : RankBasedEvaluator.RANK_TYPES) {
        for (String metric : ObjectiveMetric.METRICS) {
          named.add(side + "." + type + "." + metric);
        }
        named.add(side + "." + type + ".count");
      }
    }
    assertEquals(named, produced);
  }
}
