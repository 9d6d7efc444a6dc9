package org.kge4j.hpo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.testing.TrainingFixtures.defaultSearchParameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kge4j.config.ConfigurationException;
import org.kge4j.config.PipelineConfig;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.NumericParameter;
import org.kge4j.hpo.PowerTwoParameter;
import org.kge4j.loss.DoubleMarginLoss;

class KgeSearchSpaceTest {

  private static Map<String, Object> range(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** A uniform float range on a linear scale. */
  private static Map<String, Object> floatRange(double low, double high) {
    return range("type", "float", "low", low, "high", high);
  }

  private static Map<String, HpoParameter> parameters(KgeSearchSpace space) {
    Map<String, HpoParameter> map = new LinkedHashMap<>();
    space.dimensions().forEach(d -> map.put(d.name(), d.parameter()));
    return map;
  }

  /** A pipeline map of {@code model} that keeps the order of the keys put next. */
  private static Map<String, Object> pipelineOf(String model) {
    Map<String, Object> pipeline = new LinkedHashMap<>();
    pipeline.put("model", model);
    return pipeline;
  }

  /** The error of a pipeline that gives no search space. */
  private static ConfigurationException refused(Map<String, ?> pipeline) {
    return assertThrows(ConfigurationException.class, () -> KgeSearchSpace.fromPipeline(pipeline));
  }

  /** Draws uniformly on each parameter's scale, as a random sampler would. */
  private static Function<HpoParameter, Object> uniform(SplittableRandom random) {
    return p -> p.sample(random);
  }

  @Test
  void anExplicitValueBeatsAUserRangeWhichBeatsTheDefaultRangeWhichBeatsTheConstructorDefault() {
    Map<String, Object> pipeline = pipelineOf("ComplEx");
    pipeline.put("model_kwargs", Map.of("embedding_dim", 32));
    pipeline.put(
        "model_kwargs_ranges",
        Map.of("embedding_dim", range("type", "int", "low", 8, "high", 64, "step", 8)));
    pipeline.put(
        "optimizer_kwargs_ranges",
        Map.of("lr", range("type", "float", "low", 0.005, "high", 0.05, "log", true)));
    pipeline.put("training_kwargs", Map.of("num_epochs", 5));
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline);

    assertEquals(ValueSource.EXPLICIT, space.sourceOf("model.embedding_dim"));
    assertEquals(ValueSource.USER_RANGE, space.sourceOf("optimizer.lr"));
    assertEquals(ValueSource.DEFAULT_RANGE, space.sourceOf("negative_sampler.num_negs_per_pos"));
    assertEquals(ValueSource.EXPLICIT, space.sourceOf("training.num_epochs"));
    assertEquals(ValueSource.CONSTRUCTOR_DEFAULT, space.sourceOf("negative_sampler.filtered"));

    Map<String, HpoParameter> p = parameters(space);
    assertEquals(
        defaultSearchParameters("model.embedding_dim", "training.num_epochs"),
        List.copyOf(p.keySet()));
    // the user's range, not PyKEEN's 1e-3..1e-1
    assertEquals(new FloatParameter("optimizer.lr", 0.005, 0.05, true), p.get("optimizer.lr"));
    // PyKEEN's defaults: num_negs_per_pos 1..100 log, batch_size 2^4..2^12, Lp weight 0.01..1 log
    assertEquals(
        new IntParameter("negative_sampler.num_negs_per_pos", 1, 100, 1, true),
        p.get("negative_sampler.num_negs_per_pos"));
    assertEquals(new PowerTwoParameter("training.batch_size", 4, 12), p.get("training.batch_size"));
    assertEquals(
        new FloatParameter("regularizer.weight", 0.01, 1.0, true), p.get("regularizer.weight"));
    assertEquals(
        new FloatParameter("loss.positive_margin", -1, 1, false), p.get("loss.positive_margin"));
    assertEquals(new FloatParameter("loss.offset", 0, 1, false), p.get("loss.offset"));
    assertEquals(5, space.maxEpochs());

    PipelineConfig config = space.configure(space.suggest(uniform(new SplittableRandom(1)), true));
    assertEquals(32, config.model().embeddingDim());
    assertEquals(5, config.training().numEpochs());
    assertFalse(config.negativeSampler().filtered());
    assertTrue(config.optimizer().lr() >= 0.005 && config.optimizer().lr() <= 0.05);
  }

  @Test
  void withoutTheExplicitNumEpochsItsDefaultRangeIsSearchedAndBoundsThePrunersResource() {
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(Map.of("model", "DistMult"));
    assertEquals(
        new IntParameter("training.num_epochs", 100, 1000, 100, false),
        parameters(space).get("training.num_epochs"));
    assertEquals(1000, space.maxEpochs());
  }

  @Test
  void conditionalParametersFollowTheModelAndTheLoop() {
    KgeSearchSpace transe =
        KgeSearchSpace.fromPipeline(Map.of("model", "TransE", "training_loop", "lcwa"));
    Map<String, HpoParameter> p = parameters(transe);
    assertTrue(p.containsKey("model.scoring_fct_norm"));
    assertFalse(p.containsKey("regularizer.weight"), "TransE has no regularizer");
    assertFalse(p.containsKey("negative_sampler.num_negs_per_pos"), "LCWA has no sampler");
    // distance models search the distance-limit form: disjoint ranges, so γ1 < γ2 always holds
    assertEquals(
        new FloatParameter("loss.positive_distance_limit", 0, 4, false),
        p.get("loss.positive_distance_limit"));
    assertEquals(
        new FloatParameter("loss.negative_distance_limit", 5, 16, false),
        p.get("loss.negative_distance_limit"));
    assertFalse(p.containsKey("loss.positive_margin"));
    assertFalse(p.containsKey("loss.margin_activation"), "the distance form uses relu");
    PipelineConfig config =
        transe.configure(transe.suggest(uniform(new SplittableRandom(3)), true));
    assertTrue(config.loss().usesDistanceLimits());
    assertEquals(ValueSource.CONSTRUCTOR_DEFAULT, transe.sourceOf("regularizer.weight"));

    KgeSearchSpace complex = KgeSearchSpace.fromPipeline(Map.of("model", "ComplEx"));
    assertTrue(parameters(complex).containsKey("regularizer.weight"));
    assertFalse(parameters(complex).containsKey("model.scoring_fct_norm"));
  }

  /** A float range for a parameter the model or its components lack, refused with the reason. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          RotatE  | regularizer_kwargs_ranges | weight  | 0.1 | 1.0 | regularizer_kwargs_ranges.weight cannot be searched with RotatE, which has no regularizer (as in PyKEEN)
          ComplEx | model_kwargs_ranges       | dropout | 0.0 | 0.5 | model_kwargs_ranges.dropout: model_kwargs.dropout is not supported by ComplEx; supported: embedding_dim, entity_initializer, relation_initializer
          """)
  void aRangeOfAParameterTheModelLacksIsRefused(
      String model, String rangesKey, String name, double low, double high, String message) {
    assertEquals(
        message,
        refused(Map.of("model", model, rangesKey, Map.of(name, floatRange(low, high))))
            .getMessage());
  }

  @Test
  void rangesForAComponentTheConfigurationLacksAreRefused() {
    ConfigurationException sampler =
        refused(
            Map.of(
                "model", "DistMult",
                "training_loop", "lcwa",
                "negative_sampler_kwargs_ranges",
                    Map.of("num_negs_per_pos", range("type", "int", "low", 1, "high", 4))));
    assertEquals(
        "negative_sampler_kwargs_ranges.num_negs_per_pos cannot be searched with the LCWA training"
            + " loop, which scores every entity",
        sampler.getMessage());
    ConfigurationException distance =
        refused(
            Map.of(
                "model",
                "ComplEx",
                "loss_kwargs_ranges",
                Map.of(
                    "positive_distance_limit",
                    floatRange(0.0, 1.0),
                    "negative_distance_limit",
                    floatRange(2.0, 3.0))));
    assertTrue(
        distance.getMessage().startsWith("no configuration of the search space is valid"),
        distance.getMessage());
    assertTrue(
        distance.getMessage().contains("distance-limit form is for the distance models"),
        distance.getMessage());
  }

  @Test
  void unsupportedKeysNameTheKeyAndWhatIsSupported() {
    ConfigurationException top = refused(Map.of("model", "ComplEx", "epochs", 5));
    assertEquals("epochs", top.key());
    assertTrue(
        top.getMessage()
            .startsWith("epochs is not supported in an HPO pipeline; supported: dataset,"));
    assertTrue(top.getMessage().contains("model_kwargs_ranges"), top.getMessage());
  }

  @Test
  void anyUserMarginKeyReplacesTheDefaultMarginRangesAsOneUnit() {
    Map<String, Object> pipeline = pipelineOf("DistMult");
    pipeline.put("loss_kwargs", Map.of("positive_margin", 0.5));
    pipeline.put("loss_kwargs_ranges", Map.of("offset", floatRange(0.0, 0.4)));
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline);
    Map<String, HpoParameter> p = parameters(space);
    assertFalse(p.containsKey("loss.positive_margin"));
    assertEquals(new FloatParameter("loss.offset", 0.0, 0.4, false), p.get("loss.offset"));
    assertEquals(ValueSource.EXPLICIT, space.sourceOf("loss.positive_margin"));
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 20; i++) {
      Map<String, Object> kwargs = space.suggest(uniform(random), true);
      double offset = (Double) kwargs.get("loss.offset");
      DoubleMarginLoss loss = space.configure(kwargs).loss().build();
      assertEquals(0.5, loss.positiveMargin(), 1e-6, "the explicit positive margin");
      assertEquals(0.5 - offset, loss.negativeMargin(), 1e-6, "negative = positive − offset");
    }
    ConfigurationException three =
        refused(
            Map.of(
                "model", "DistMult",
                "loss_kwargs", Map.of("negative_margin", 0.0),
                "loss_kwargs_ranges",
                    Map.of(
                        "positive_margin", floatRange(0.0, 1.0),
                        "offset", floatRange(0.0, 1.0))));
    // the ranges came in a Map.of, whose order is unspecified
    assertTrue(
        three.getMessage().startsWith("loss margins: negative_margin (explicit), ")
            && three.getMessage().contains("positive_margin (range)")
            && three.getMessage().contains("offset (range)")
            && three
                .getMessage()
                .contains(
                    " are no combination that DoubleMarginLoss.resolve_margin accepts; give exactly"
                        + " one of (positive_margin, negative_margin), (positive_margin, offset),"),
        three.getMessage());
  }

  private static KgeSearchSpace marginRanges(double[] positive, double[] negative) {
    Map<String, Object> pipeline = pipelineOf("DistMult");
    // the upper member first: the space must still draw the lower one first
    Map<String, Object> ranges = new LinkedHashMap<>();
    ranges.put("positive_margin", floatRange(positive[0], positive[1]));
    ranges.put("negative_margin", floatRange(negative[0], negative[1]));
    pipeline.put("loss_kwargs_ranges", ranges);
    return KgeSearchSpace.fromPipeline(pipeline);
  }

  @Test
  void searchedMarginPairsAreDrawnInOrderSoEverySampleIsValid() {
    KgeSearchSpace space = marginRanges(new double[] {-1, 1}, new double[] {0, 2});
    List<String> names = space.dimensions().stream().map(SearchDimension::name).toList();
    assertTrue(names.indexOf("loss.negative_margin") < names.indexOf("loss.positive_margin"));
    SplittableRandom random = new SplittableRandom(11);
    int cut = 0;
    for (int i = 0; i < 200; i++) {
      Map<String, Object> kwargs = space.suggest(uniform(random), true);
      double positive = (Double) kwargs.get("loss.positive_margin");
      double negative = (Double) kwargs.get("loss.negative_margin");
      assertTrue(negative <= positive, negative + " <= " + positive);
      assertTrue(negative >= 0 && negative <= 1, "negative cut at the positive range's top");
      assertTrue(positive >= -1 && positive <= 1);
      space.configure(kwargs); // never throws
      cut += positive < 0 ? 1 : 0;
    }
    assertEquals(0, cut, "positive >= negative >= 0");
  }

  @Test
  void withoutOrderingAnUnorderedPointIsAnInvalidConfiguration() {
    KgeSearchSpace space = marginRanges(new double[] {-1, 1}, new double[] {0, 2});
    // every parameter at the bottom of its range: positive −1, negative 0
    Map<String, Object> low =
        space.suggest(
            p ->
                p instanceof NumericParameter n
                    ? n.fromUnit(0)
                    : ((CategoricalParameter) p).choices().get(0),
            false);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> space.configure(low));
    assertEquals(
        "loss_kwargs: positive_margin (-1.0) must not be smaller than negative_margin (0.0)",
        e.getMessage());
  }

  @Test
  void marginRangesWithoutAnOrderedPairAreRefusedAndAnExplicitSideCutsTheOther() {
    ConfigurationException none =
        assertThrows(
            ConfigurationException.class,
            () -> marginRanges(new double[] {-1, 0}, new double[] {0.5, 1}));
    assertEquals(
        "loss_kwargs_ranges.negative_margin [0.5, 1.0] and positive_margin [-1.0, 0.0] admit no"
            + " pair with negative_margin <= positive_margin",
        none.getMessage());

    Map<String, Object> pipeline = pipelineOf("DistMult");
    pipeline.put("loss_kwargs", Map.of("positive_margin", 0.5));
    pipeline.put("loss_kwargs_ranges", Map.of("negative_margin", floatRange(0.0, 1.0)));
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline);
    assertEquals(
        new FloatParameter("loss.negative_margin", 0.0, 0.5, false),
        parameters(space).get("loss.negative_margin"));
  }

  @Test
  void storedParametersConfigureAsTheSampleDid() {
    Map<String, Object> pipeline = pipelineOf("ComplEx");
    pipeline.put(
        "model_kwargs_ranges",
        Map.of("embedding_dim", range("type", "categorical", "choices", List.of(16, 32))));
    KgeSearchSpace space = KgeSearchSpace.fromPipeline(pipeline);
    assertEquals(
        new CategoricalParameter("model.embedding_dim", List.of("16", "32")),
        parameters(space).get("model.embedding_dim"));
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("model.embedding_dim", "32");
    stored.put("optimizer.lr", 0.02);
    Map<String, Object> kwargs = space.kwargsOf(stored);
    assertEquals(32, kwargs.get("model.embedding_dim"));
    assertEquals(32, space.configure(kwargs).model().embeddingDim());
    IllegalArgumentException other =
        assertThrows(IllegalArgumentException.class, () -> space.kwargsOf(Map.of("model.dim", 3)));
    assertTrue(other.getMessage().startsWith("parameter model.dim is not searched by this space"));
  }
}
