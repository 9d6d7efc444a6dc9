package org.kge4j.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.config.ConfigAssertions.refused;
import static org.kge4j.testing.TrainingFixtures.defaultSearchParameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.PowerTwoParameter;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.MarginActivation;
import org.kge4j.loss.Reduction;
import org.kge4j.loss.UnsupportedLabelSmoothingException;
import org.kge4j.model.Initializer;
import org.kge4j.model.Model;
import org.kge4j.model.Models;

class PipelineConfigTest {

  private static Map<String, Object> document(Object... keyValues) {
    Map<String, Object> pipeline = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      pipeline.put((String) keyValues[i], keyValues[i + 1]);
    }
    return Map.of("pipeline", pipeline);
  }

  private static PipelineConfig parse(Object... keyValues) {
    return PipelineConfig.fromPipelineMap(document(keyValues));
  }

  @Test
  void absentKeysTakePykeensDefaults() {
    PipelineConfig config = parse("model", "DistMult");
    assertEquals("embedded", config.dataset().name());
    assertEquals(
        new ModelConfig(
            "DistMult", 50, null, Initializer.XAVIER_UNIFORM, Initializer.XAVIER_NORMAL_NORM),
        config.model());
    DoubleMarginLoss loss = config.loss().build();
    assertEquals(1.0, loss.positiveMargin());
    assertEquals(0.0, loss.negativeMargin());
    assertEquals(0.5, loss.positiveWeight());
    assertEquals(MarginActivation.RELU, loss.marginActivation());
    assertEquals(Reduction.MEAN, loss.reduction());
    assertEquals(new RegularizerConfig("LpRegularizer", 0.1), config.regularizer());
    assertEquals(new OptimizerConfig("Adam", 0.001), config.optimizer());
    assertEquals(LoopKind.SLCWA, config.trainingLoop());
    assertEquals(new NegativeSamplerConfig("basic", 1, false), config.negativeSampler());
    assertEquals(new TrainingKwargs(5, 256, null), config.training());
    assertEquals(StopperConfig.none(), config.stopper());
    assertEquals(42L, config.randomSeed());
    assertEquals(config, PipelineConfig.builder().model("distmult").build());
    // the model's own defaults: ComplEx 200 with normal initializers and weight 0.01, TransE none
    PipelineConfig complex = parse("model", "ComplEx", "optimizer", "Adagrad");
    assertEquals(200, complex.model().embeddingDim());
    assertEquals(Initializer.NORMAL, complex.model().entityInitializer());
    assertEquals(0.01, complex.regularizer().weight());
    assertEquals(0.01, complex.optimizer().lr(), "PyTorch's Adagrad default");
    PipelineConfig transe = parse("model", "TransE", "training_loop", "LCWA");
    assertNull(transe.regularizer());
    assertNull(transe.negativeSampler());
    assertEquals(1, transe.model().scoringFctNorm());
    assertEquals(Initializer.XAVIER_UNIFORM_NORM, transe.model().relationInitializer());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "model, ComplEx, ComplEx",
    "model, complex, ComplEx",
    "model, ROTATE, RotatE",
    "model, trans_e, TransE",
    "loss, DoubleMarginLoss, DoubleMarginLoss",
    "loss, double_margin, DoubleMarginLoss",
    "loss, doublemargin, DoubleMarginLoss",
    "optimizer, adam, Adam",
    "optimizer, sparse_adam, SparseAdam",
    "optimizer, sgd, SGD",
    "training_loop, slcwa, sLCWA",
    "training_loop, SLCWATrainingLoop, sLCWA",
    "training_loop, lcwa, LCWA",
    "negative_sampler, BernoulliNegativeSampler, bernoulli",
    "negative_sampler, Basic, basic",
    "stopper, EarlyStopper, early",
    "stopper, NopStopper, nop",
  })
  void namesResolveLikePykeensClassResolver(String key, String given, String canonical) {
    Map<String, Object> pipeline = new LinkedHashMap<>();
    pipeline.put("model", "TransE");
    pipeline.put(key, given);
    if (key.equals("training_loop") && canonical.equals("LCWA")) {
      pipeline.put("model", "DistMult");
    }
    Map<?, ?> written =
        (Map<?, ?>)
            PipelineConfig.fromPipelineMap(Map.of("pipeline", pipeline))
                .toPipelineMap()
                .get("pipeline");
    assertEquals(canonical, written.get(key));
  }

  @Test
  void regularizerNamesResolveAndUnknownNamesListTheChoices() {
    assertEquals(
        "LpRegularizer", parse("model", "ComplEx", "regularizer", "lp").regularizer().name());
    ConfigurationException e = refused(() -> parse("model", "TransR"));
    assertEquals("model", e.key());
    assertEquals(
        "model must be one of TransE, DistMult, ComplEx, RotatE (case and punctuation ignored),"
            + " got 'TransR'",
        e.getMessage());
    ConfigurationException loss = refused(() -> parse("model", "TransE", "loss", "SoftplusLoss"));
    assertEquals(
        "loss must be one of DoubleMarginLoss (case and punctuation ignored), got 'SoftplusLoss'",
        loss.getMessage());
  }

  /** One rule per row: the key the error names, and its exact message. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "model_kwargs.embedding_dim|model_kwargs.embedding_dim must be >= 1, got 0"
            + "|model=DistMult;model_kwargs.embedding_dim=0",
        // (2^31 - 1 - 8) / 4 floats = 536870909 per row, halved for complex rows
        "model_kwargs.embedding_dim|model_kwargs.embedding_dim must be <= 268435454 for ComplEx (a"
            + " row of 2 x embedding_dim floats must fit four times into one Java array), got"
            + " 2000000000|model=ComplEx;model_kwargs.embedding_dim=2000000000",
        "model_kwargs.embedding_dim|model_kwargs.embedding_dim must be an integer, got 64.5"
            + "|model=ComplEx;model_kwargs.embedding_dim=64.5",
        "model_kwargs.scoring_fct_norm|model_kwargs.scoring_fct_norm must be 1 or 2, got 3"
            + "|model=TransE;model_kwargs.scoring_fct_norm=3",
        "model_kwargs.scoring_fct_norm|model_kwargs.scoring_fct_norm is not supported by ComplEx;"
            + " supported: embedding_dim, entity_initializer, relation_initializer"
            + "|model=ComplEx;model_kwargs.scoring_fct_norm=2",
        "model_kwargs.entity_initializer|model_kwargs.entity_initializer must be one of normal,"
            + " uniform, xavier_uniform, xavier_normal, xavier_uniform_norm, xavier_normal_norm,"
            + " uniform_norm, normal_norm, init_phases, got 'glorot'"
            + "|model=ComplEx;model_kwargs.entity_initializer='glorot'",
        "model_kwargs.relation_initializer|model_kwargs.relation_initializer init_phases needs"
            + " complex rows (an even width), got width 5 (TransE with embedding_dim 5)"
            + "|model=TransE;model_kwargs.embedding_dim=5;model_kwargs.relation_initializer='init_phases'",
        "loss_kwargs.positive_negative_balance|loss_kwargs.positive_negative_balance must be in"
            + " the open interval (0, 1), got 1.0|model=DistMult;loss_kwargs.positive_negative_balance=1",
        "loss_kwargs.margin_activation|loss_kwargs.margin_activation must be one of hard, relu,"
            + " soft, softplus, got 'tanh'|model=DistMult;loss_kwargs.margin_activation='tanh'",
        "loss_kwargs.reduction|loss_kwargs.reduction must be mean or sum, got 'max'"
            + "|model=DistMult;loss_kwargs.reduction='max'",
        "loss_kwargs.negative_distance_limit|loss_kwargs.negative_distance_limit is needed with"
            + " loss_kwargs.positive_distance_limit (the distance-limit form takes both γ1 and γ2),"
            + " got none|model=TransE;loss_kwargs.positive_distance_limit=1",
        "loss_kwargs.offset|loss_kwargs.offset cannot be combined with the distance limits, which"
            + " set the margins to λ = −γ1, λ̄ = γ2; got offset 0.5"
            + "|model=TransE;loss_kwargs.positive_distance_limit=1;"
            + "loss_kwargs.negative_distance_limit=2;loss_kwargs.offset=0.5",
        "loss_kwargs.margin_activation|loss_kwargs.margin_activation must be relu with the"
            + " distance limits, got softplus|model=TransE;loss_kwargs.positive_distance_limit=1;"
            + "loss_kwargs.negative_distance_limit=2;loss_kwargs.margin_activation='soft'",
        "loss_kwargs.reduction|loss_kwargs.reduction must be sum with the distance limits, got"
            + " mean|model=TransE;loss_kwargs.positive_distance_limit=1;"
            + "loss_kwargs.negative_distance_limit=2;loss_kwargs.reduction='mean'",
        "loss_kwargs.positive_distance_limit|loss_kwargs.positive_distance_limit and"
            + " loss_kwargs.negative_distance_limit must be finite with 0 <= γ1 < γ2, got γ1 = 2.0,"
            + " γ2 = 1.0|model=RotatE;loss_kwargs.positive_distance_limit=2;"
            + "loss_kwargs.negative_distance_limit=1",
        "loss_kwargs.positive_distance_limit|loss_kwargs.positive_distance_limit: the"
            + " distance-limit form is for the distance models TransE and RotatE (scores <= 0),"
            + " got DistMult; give margins instead|model=DistMult;"
            + "loss_kwargs.positive_distance_limit=1;loss_kwargs.negative_distance_limit=2",
        "regularizer_kwargs.weight|regularizer_kwargs.weight must be a finite number >= 0, got"
            + " -1.0|model=DistMult;regularizer_kwargs.weight=-1",
        "regularizer|regularizer is not supported by TransE, which has no regularizer (as in"
            + " PyKEEN), got 'LpRegularizer'|model=TransE;regularizer='LpRegularizer'",
        "regularizer_kwargs|regularizer_kwargs is not supported by RotatE, which has no"
            + " regularizer (as in PyKEEN), got {weight=0.1}|model=RotatE;regularizer_kwargs.weight=0.1",
        "optimizer_kwargs.lr|optimizer_kwargs.lr must be a finite number > 0, got 0.0"
            + "|model=DistMult;optimizer_kwargs.lr=0",
        "negative_sampler_kwargs.num_negs_per_pos|negative_sampler_kwargs.num_negs_per_pos must be"
            + " >= 1, got 0|model=DistMult;negative_sampler_kwargs.num_negs_per_pos=0",
        "negative_sampler_kwargs.filtered|negative_sampler_kwargs.filtered must be true or false,"
            + " got 'yes'|model=DistMult;negative_sampler_kwargs.filtered='yes'",
        // 3 x 256 x 100000000 int values; 2147483639 / 768 = 2796202 negatives at most
        "negative_sampler_kwargs.num_negs_per_pos|negative_sampler_kwargs.num_negs_per_pos x"
            + " training_kwargs.batch_size x 3 must be <= 2147483639 (sLCWA holds a batch's negative"
            + " triples in one Java array), got 100000000 x 256 x 3 = 76800000000; with batch_size"
            + " 256, num_negs_per_pos can be at most 2796202"
            + "|model=DistMult;negative_sampler_kwargs.num_negs_per_pos=100000000",
        "negative_sampler|negative_sampler is only used by the sLCWA training loop (LCWA scores"
            + " every entity), got 'basic' with LCWA"
            + "|model=DistMult;training_loop='LCWA';negative_sampler='basic'",
        "training_kwargs.num_epochs|training_kwargs.num_epochs must be >= 1, got 0"
            + "|model=DistMult;training_kwargs.num_epochs=0",
        "training_kwargs.batch_size|training_kwargs.batch_size must be >= 1, got -3"
            + "|model=DistMult;training_kwargs.batch_size=-3",
        "training_kwargs.label_smoothing|training_kwargs.label_smoothing must be in [0, 1), got 1.0"
            + "|model=DistMult;training_loop='LCWA';training_kwargs.label_smoothing=1",
        "stopper_kwargs.frequency|stopper_kwargs.frequency must be >= 1, got 0"
            + "|model=DistMult;stopper='early';stopper_kwargs.frequency=0",
        "stopper_kwargs.patience|stopper_kwargs.patience must be >= 1, got 0"
            + "|model=DistMult;stopper='early';stopper_kwargs.patience=0",
        "stopper_kwargs.relative_delta|stopper_kwargs.relative_delta must be a finite number >= 0,"
            + " got -0.5|model=DistMult;stopper='early';stopper_kwargs.relative_delta=-0.5",
        "stopper_kwargs.metric|stopper_kwargs.metric must be"
            + " both.realistic.inverse_harmonic_mean_rank (the filtered MRR; also"
            + " inverse_harmonic_mean_rank or mrr), got 'hits_at_k'"
            + "|model=DistMult;stopper='early';stopper_kwargs.metric='hits_at_k'",
        "stopper_kwargs.patience|stopper_kwargs.patience is not supported by nop; supported:"
            + " frequency|model=DistMult;stopper_kwargs.patience=2",
        "pipeline.random_seed|pipeline.random_seed must be an integer, got 'x'"
            + "|model=DistMult;random_seed='x'",
        "dataset|dataset must name a dataset or a directory, got ' '|model=DistMult;dataset=' '",
      })
  void everyRuleNamesKeyValueAndLimit(String key, String message, String settings) {
    ConfigurationException e =
        refused(() -> PipelineConfig.fromPipelineMap(Map.of("pipeline", settings(settings))));
    assertEquals(message, e.getMessage());
    assertEquals(key, e.key());
  }

  /** {@code a=1;b_kwargs.c='x'}: top-level keys and kwargs, numbers or quoted strings. */
  private static Map<String, Object> settings(String spec) {
    Map<String, Object> pipeline = new LinkedHashMap<>();
    for (String entry : spec.split(";")) {
      String[] kv = entry.split("=", 2);
      Object value = value(kv[1]);
      int dot = kv[0].indexOf('.');
      if (dot < 0) {
        pipeline.put(kv[0], value);
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> section =
            (Map<String, Object>)
                pipeline.computeIfAbsent(kv[0].substring(0, dot), k -> new LinkedHashMap<>());
        section.put(kv[0].substring(dot + 1), value);
      }
    }
    return pipeline;
  }

  /**
   * {@code 'x'} and other words are strings, then booleans, integers, doubles as JSON reads them.
   */
  private static Object value(String raw) {
    if (raw.startsWith("'")) {
      return raw.substring(1, raw.length() - 1);
    }
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.valueOf(raw);
    }
    try {
      long l = Long.parseLong(raw);
      return l == (int) l ? (Object) (int) l : (Object) l;
    } catch (NumberFormatException notAnInteger) {
      try {
        return Double.valueOf(raw);
      } catch (NumberFormatException notANumber) {
        return raw;
      }
    }
  }

  @Test
  void lossCombinationsAreReportedByTheLoss() {
    ConfigurationException e =
        refused(
            () ->
                PipelineConfig.builder()
                    .model("DistMult")
                    .positiveMargin(0.0)
                    .negativeMargin(1.0)
                    .build());
    assertEquals("loss_kwargs", e.key());
    assertTrue(e.getMessage().startsWith("loss_kwargs: "), e.getMessage());
    assertTrue(e.getMessage().contains("0.0") && e.getMessage().contains("1.0"), e.getMessage());
  }

  @Test
  void labelSmoothingIsAnLcwaOption() {
    assertThrows(
        UnsupportedLabelSmoothingException.class,
        () -> PipelineConfig.builder().model("DistMult").labelSmoothing(0.1).build());
    PipelineConfig lcwa =
        PipelineConfig.builder().model("DistMult").trainingLoop("lcwa").labelSmoothing(0.1).build();
    assertEquals(0.1, lcwa.training().labelSmoothing());
    // 0 is no smoothing, also for sLCWA
    assertNull(
        PipelineConfig.builder()
            .model("DistMult")
            .labelSmoothing(0.0)
            .build()
            .training()
            .labelSmoothing());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "model=DistMult;result_tracker=wandb|pipeline.result_tracker is not supported by kge4j;"
            + " supported: dataset, dataset_kwargs, model, model_kwargs, loss, loss_kwargs,"
            + " regularizer, regularizer_kwargs, optimizer, optimizer_kwargs, training_loop,"
            + " training_loop_kwargs, training_kwargs, negative_sampler, negative_sampler_kwargs,"
            + " stopper, stopper_kwargs, evaluator, evaluator_kwargs, random_seed",
        "model=DistMult;model_kwargs.dropout=0.1|model_kwargs.dropout is not supported by"
            + " DistMult; supported: embedding_dim, entity_initializer, relation_initializer",
        "model=DistMult;loss_kwargs.margin=1|loss_kwargs.margin is not supported by"
            + " DoubleMarginLoss; supported: positive_margin, negative_margin, offset,"
            + " positive_negative_balance, margin_activation, reduction, positive_distance_limit,"
            + " negative_distance_limit",
        "model=DistMult;training_loop_kwargs.automatic_memory_optimization=true"
            + "|training_loop_kwargs.automatic_memory_optimization is not supported by sLCWA;"
            + " supported: none",
        "model=DistMult;dataset=nations;dataset_kwargs.eager=true"
            + "|dataset_kwargs.eager is not supported by dataset nations;"
            + " supported: create_inverse_triples",
        "model=DistMult;dataset=nations;dataset_kwargs.create_inverse_triples=true"
            + "|dataset_kwargs.create_inverse_triples trains with the LCWA loop (head prediction"
            + " becomes tail prediction with the inverse relation), got training_loop sLCWA",
        "model=DistMult;optimizer_kwargs.lr=0.1;optimizer_kwargs.weight_decay=0"
            + "|optimizer_kwargs.weight_decay is not supported by Adam; supported: lr",
        "model=DistMult;model_kwargs=5|model_kwargs must be an object of keyword arguments, got 5",
      })
  void unknownKeysNameTheKeyAndWhatIsSupported(String settings, String message) {
    ConfigurationException e =
        refused(() -> PipelineConfig.fromPipelineMap(Map.of("pipeline", settings(settings))));
    assertEquals(message, e.getMessage());
  }

  @Test
  void theDocumentHoldsMetadataAndPipelineOnly() {
    ConfigurationException optuna =
        refused(
            () ->
                PipelineConfig.fromPipelineMap(
                    Map.of("optuna", Map.of(), "pipeline", Map.of("model", "DistMult"))));
    assertEquals(
        "optuna is not supported at the top level; supported: metadata, pipeline",
        optuna.getMessage());
    ConfigurationException missing =
        refused(() -> PipelineConfig.fromPipelineMap(Map.of("metadata", Map.of("title", "x"))));
    assertEquals(
        "pipeline is missing: a configuration is {\"pipeline\": {...}}", missing.getMessage());
    ConfigurationException model =
        refused(() -> PipelineConfig.fromPipelineMap(Map.of("pipeline", Map.of())));
    assertEquals("model is missing; one of TransE, DistMult, ComplEx, RotatE", model.getMessage());
  }

  @Test
  void serialisesToExactlyThePipelineJson() {
    PipelineConfig config =
        PipelineConfig.builder()
            .dataset("umls")
            .model("complex")
            .embeddingDim(64)
            .entityInitializer(Initializer.XAVIER_NORMAL)
            .marginActivation("soft")
            .positiveMargin(1.0)
            .offset(0.5)
            .regularizerWeight(0.02)
            .optimizer("adam")
            .learningRate(0.01)
            .numEpochs(100)
            .batchSize(512)
            .numNegsPerPos(32)
            .earlyStopping(10, 2)
            .randomSeed(1)
            .build();
    Map<String, Object> pipeline = new LinkedHashMap<>();
    pipeline.put("dataset", "umls");
    pipeline.put("model", "ComplEx");
    pipeline.put(
        "model_kwargs",
        ordered(
            "embedding_dim", 64,
            "entity_initializer", "xavier_normal",
            "relation_initializer", "normal"));
    pipeline.put("loss", "DoubleMarginLoss");
    pipeline.put(
        "loss_kwargs",
        ordered(
            "positive_margin", 1.0,
            "offset", 0.5,
            "positive_negative_balance", 0.5,
            "margin_activation", "softplus",
            "reduction", "mean"));
    pipeline.put("regularizer", "LpRegularizer");
    pipeline.put("regularizer_kwargs", ordered("weight", 0.02));
    pipeline.put("optimizer", "Adam");
    pipeline.put("optimizer_kwargs", ordered("lr", 0.01));
    pipeline.put("training_loop", "sLCWA");
    pipeline.put("training_kwargs", ordered("num_epochs", 100, "batch_size", 512));
    pipeline.put("negative_sampler", "basic");
    pipeline.put("negative_sampler_kwargs", ordered("num_negs_per_pos", 32, "filtered", false));
    pipeline.put("stopper", "early");
    pipeline.put(
        "stopper_kwargs",
        ordered(
            "frequency",
            10,
            "patience",
            2,
            "relative_delta",
            0.01,
            "metric",
            "both.realistic.inverse_harmonic_mean_rank"));
    pipeline.put("random_seed", 1L);
    Map<String, Object> expected = ordered("metadata", ordered("title", "t"), "pipeline", pipeline);
    Map<String, Object> actual = config.toPipelineMap(Map.of("title", "t"));
    assertEquals(expected, actual);
    assertEquals(
        List.copyOf(pipeline.keySet()),
        List.copyOf(((Map<?, ?>) actual.get("pipeline")).keySet()),
        "keys in PyKEEN's order");
    for (Map.Entry<String, Object> entry : pipeline.entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> kwargs) {
        assertEquals(
            List.copyOf(kwargs.keySet()),
            List.copyOf(
                ((Map<?, ?>) ((Map<?, ?>) actual.get("pipeline")).get(entry.getKey())).keySet()),
            entry.getKey());
      }
    }
    assertEquals(config, PipelineConfig.fromPipelineMap(actual));
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void everyFormRoundTripsThroughItsMap() {
    List<PipelineConfig> configs =
        List.of(
            PipelineConfig.builder().model("TransE").build(),
            PipelineConfig.builder()
                .model("TransE")
                .scoringFctNorm(2)
                .distanceLimits(4, 8)
                .positiveNegativeBalance(0.25)
                .negativeSampler("bernoulli")
                .filtered(true)
                .numNegsPerPos(7)
                .build(),
            PipelineConfig.builder()
                .model("RotatE")
                .trainingLoop("LCWA")
                .labelSmoothing(0.1)
                .relationInitializer(Initializer.INIT_PHASES)
                .validationFrequency(3)
                .optimizer("SGD")
                .build(),
            PipelineConfig.builder()
                .model("DistMult")
                .negativeMargin(-0.5)
                .offset(1.0)
                .reduction("SUM")
                .regularizerWeight(0.0)
                .optimizer("sparseadam")
                .randomSeed(Long.MIN_VALUE)
                .dataset("/data/my graph")
                .build());
    for (PipelineConfig config : configs) {
      Map<String, Object> map = config.toPipelineMap();
      assertEquals(config, PipelineConfig.fromPipelineMap(map), map::toString);
      assertEquals(config, config.toBuilder().build());
    }
    assertEquals(
        7L,
        configs.get(0).toBuilder().randomSeed(7).build().randomSeed(),
        "toBuilder starts from the configuration and changes what is set");
  }

  @Test
  void theBuildersModelIsTheSeededModelOfModelsCreate() {
    PipelineConfig config =
        PipelineConfig.builder().model("ComplEx").embeddingDim(4).randomSeed(9).build();
    Model built = config.createModel(5, 2);
    Model direct = Models.create("complex", 5, 2, 4, 1, null, new SplittableRandom(9));
    for (int e = 0; e < 5; e++) {
      assertArrayEquals(direct.entityEmbeddings().row(e), built.entityEmbeddings().row(e));
    }
    for (int r = 0; r < 2; r++) {
      assertArrayEquals(direct.relationEmbeddings().row(r), built.relationEmbeddings().row(r));
    }
    assertEquals(direct.regularizer(), built.regularizer());
  }

  @Test
  void theSearchSpaceHoldsOnlyWhatTheComponentsUse() {
    HpoSpace complex = PipelineConfig.builder().model("ComplEx").build().hpoDefault();
    assertEquals(defaultSearchParameters(), List.copyOf(complex.parameters().keySet()));
    assertEquals(
        new IntParameter("model.embedding_dim", 16, 256, 16, false),
        complex.parameters().get("model.embedding_dim"));
    assertEquals(
        new FloatParameter("regularizer.weight", 0.01, 1.0, true),
        complex.parameters().get("regularizer.weight"));
    assertEquals(
        new FloatParameter("optimizer.lr", 0.001, 0.1, true),
        complex.parameters().get("optimizer.lr"));
    assertEquals(
        new IntParameter("negative_sampler.num_negs_per_pos", 1, 100, 1, true),
        complex.parameters().get("negative_sampler.num_negs_per_pos"));
    assertEquals(
        new IntParameter("training.num_epochs", 100, 1000, 100, false),
        complex.parameters().get("training.num_epochs"));
    assertEquals(
        new PowerTwoParameter("training.batch_size", 4, 12),
        complex.parameters().get("training.batch_size"));
    assertEquals(
        new CategoricalParameter(
            "loss.margin_activation", List.of("hard", "relu", "soft", "softplus")),
        complex.parameters().get("loss.margin_activation"));

    HpoSpace transe =
        PipelineConfig.builder()
            .model("TransE")
            .distanceLimits(1, 6)
            .trainingLoop("LCWA")
            .build()
            .hpoDefault();
    assertEquals(
        List.of(
            "model.embedding_dim",
            "model.scoring_fct_norm",
            "loss.positive_distance_limit",
            "loss.negative_distance_limit",
            "loss.positive_negative_balance",
            "optimizer.lr",
            "training.num_epochs",
            "training.batch_size"),
        List.copyOf(transe.parameters().keySet()),
        "no regularizer, no sampler under LCWA, distance limits instead of margins");
    assertEquals(
        new IntParameter("model.embedding_dim", 32, 1024, 16, false),
        PipelineConfig.builder()
            .model("RotatE")
            .build()
            .hpoDefault()
            .parameters()
            .get("model.embedding_dim"),
        "PyKEEN's RotatE range");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ComplEx, sLCWA, margins",
    "DistMult, LCWA, margins",
    "TransE, sLCWA, limits",
    "RotatE, LCWA, limits",
    "TransE, LCWA, margins"
  })
  void twoHundredSamplesOfTheDefaultSpaceBuildValidConfigurations(
      String model, String loop, String form) {
    PipelineConfig.Builder builder = PipelineConfig.builder().model(model).trainingLoop(loop);
    if (form.equals("limits")) {
      builder.distanceLimits(1, 6);
    }
    PipelineConfig base = builder.build();
    for (Map<String, Object> sample : base.hpoDefault().sample(1330L, 200)) {
      PipelineConfig config = base.withParameters(sample);
      Map<?, ?> pipeline = (Map<?, ?>) config.toPipelineMap().get("pipeline");
      sample.forEach(
          (name, value) -> {
            String[] parts = name.split("\\.", 2);
            String section = parts[0].equals("training") ? "training_kwargs" : parts[0] + "_kwargs";
            Object actual = ((Map<?, ?>) pipeline.get(section)).get(parts[1]);
            Object expected =
                value.equals("hard") ? "relu" : value.equals("soft") ? "softplus" : value;
            assertEquals(expected, actual, name + " of " + sample);
          });
      assertEquals(config, PipelineConfig.fromPipelineMap(config.toPipelineMap()));
    }
  }

  @Test
  void sampledMarginsReplaceTheBasesMarginsAsOneUnit() {
    PipelineConfig base =
        PipelineConfig.builder()
            .model("DistMult")
            .positiveMargin(2.0)
            .negativeMargin(1.0)
            .marginActivation("softplus")
            .build();
    PipelineConfig sampled =
        base.withParameters(Map.of("loss.positive_margin", 0.5, "loss.offset", 0.25));
    assertEquals(0.5, sampled.loss().positiveMargin());
    assertNull(sampled.loss().negativeMargin());
    assertEquals(0.25, sampled.loss().offset());
    assertEquals("softplus", sampled.loss().marginActivation(), "the rest of the loss stays");
    // a sample in the other form drops the form-specific activation and reduction of the base
    PipelineConfig limits =
        PipelineConfig.builder()
            .model("TransE")
            .build()
            .withParameters(
                Map.of("loss.positive_distance_limit", 1.0, "loss.negative_distance_limit", 3.0));
    assertEquals("sum", limits.loss().reduction());
    ConfigurationException e = refused(() -> base.withParameters(Map.of("lr", 0.1)));
    assertEquals(
        "lr is not a parameter name; expected <component>.<key> with component one of loss, model,"
            + " negative_sampler, optimizer, regularizer, stopper, training",
        e.getMessage());
  }

  @Test
  void theReadmeExampleBuildsWhatItSays() {
    PipelineConfig config =
        PipelineConfig.builder()
            .dataset("umls")
            .model("ComplEx")
            .embeddingDim(64)
            .trainingLoop("sLCWA")
            .numNegsPerPos(32)
            .batchSize(512)
            .numEpochs(100)
            .optimizer("Adam")
            .learningRate(0.01)
            .randomSeed(1)
            .marginActivation("softplus")
            .earlyStopping(10, 2)
            .build();
    assertEquals(new StopperConfig("early", 10, 2, 0.01, StopperConfig.METRIC), config.stopper());
    assertEquals(new NegativeSamplerConfig("basic", 32, false), config.negativeSampler());
    assertEquals(new TrainingKwargs(100, 512, null), config.training());
    assertEquals(config, PipelineConfig.fromPipelineMap(config.toPipelineMap()));
    HpoSpace space = config.hpoDefault();
    PipelineConfig trial = config.withParameters(space.sample(new SplittableRandom(7)));
    assertEquals(config.model().name(), trial.model().name());
    assertEquals(config.dataset(), trial.dataset());
  }
}
