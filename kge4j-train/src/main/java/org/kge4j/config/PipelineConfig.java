package org.kge4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.loss.UnsupportedLabelSmoothingException;
import org.kge4j.model.Initializer;
import org.kge4j.model.LpRegularizer;
import org.kge4j.model.Model;
import org.kge4j.sampling.NegativeSamplers;

/**
 * Everything that determines a training run, component by component as PyKEEN's pipeline JSON
 * describes it. CLI options, {@code --config} files, HPO samples and library code all build this
 * one object, and it converts to and from the nested map of a runnable {@code pipeline_config.json}
 * ({@link #toPipelineMap()}, {@link #fromPipelineMap}):
 *
 * <pre>{@code
 * {"metadata": {...},
 *  "pipeline": {
 *    "dataset": "umls",
 *    "model": "ComplEx", "model_kwargs": {"embedding_dim": 64, "entity_initializer": "normal",
 *                                         "relation_initializer": "normal"},
 *    "loss": "DoubleMarginLoss", "loss_kwargs": {"positive_negative_balance": 0.5,
 *                                                "margin_activation": "softplus", "reduction": "mean"},
 *    "regularizer": "LpRegularizer", "regularizer_kwargs": {"weight": 0.01},
 *    "optimizer": "Adam", "optimizer_kwargs": {"lr": 0.01},
 *    "training_loop": "sLCWA",
 *    "training_kwargs": {"num_epochs": 100, "batch_size": 512},
 *    "negative_sampler": "basic", "negative_sampler_kwargs": {"num_negs_per_pos": 32, "filtered": false},
 *    "stopper": "early", "stopper_kwargs": {"frequency": 10, "patience": 2, "relative_delta": 0.01,
 *                                           "metric": "both.realistic.inverse_harmonic_mean_rank"},
 *    "random_seed": 42}}
 * }</pre>
 *
 * Each component validates its own keyword arguments and declares its default search space ({@code
 * hpoDefault()}); this class checks what involves several of them:
 *
 * <ul>
 *   <li>a {@code regularizer} only for models that have one (DistMult, ComplEx), absent = the
 *       model's PyKEEN default;
 *   <li>a {@code negative_sampler} only with sLCWA (as PyKEEN: "Can not specify negative sampler
 *       with LCWA"), absent = {@code basic};
 *   <li>{@code label_smoothing} only with LCWA;
 *   <li>the distance-limit loss only for distance models (TransE, RotatE);
 *   <li>sLCWA holds a batch's negatives in one Java array: {@code 3 × batch_size ×
 *       num_negs_per_pos} must not exceed {@link #MAX_ARRAY_LENGTH}.
 * </ul>
 *
 * Absent keys take PyKEEN's defaults ({@code loss} DoubleMarginLoss, {@code optimizer} Adam, {@code
 * training_loop} sLCWA, {@code stopper} nop, and each component's), except {@code dataset} (default
 * {@code embedded}) and {@code random_seed} (default 42). The thread count is not part of a
 * configuration: results do not depend on it. Immutable; equal configurations on the same data
 * train bit-identical models.
 *
 * @param dataset the dataset
 * @param model the model
 * @param loss the loss
 * @param regularizer the model's regularizer; null exactly for models without one
 * @param optimizer the optimizer
 * @param trainingLoop the training loop
 * @param negativeSampler the negative sampler; null exactly for LCWA
 * @param training epochs, batch size, label smoothing
 * @param stopper validation and early stopping
 * @param evaluator the evaluator of validation and test: full or sampled ranking
 * @param randomSeed seed of initialisation, shuffling and sampling
 */
public record PipelineConfig(
    DatasetConfig dataset,
    ModelConfig model,
    LossConfig loss,
    RegularizerConfig regularizer,
    OptimizerConfig optimizer,
    LoopKind trainingLoop,
    NegativeSamplerConfig negativeSampler,
    TrainingKwargs training,
    StopperConfig stopper,
    EvaluatorConfig evaluator,
    long randomSeed) {

  /** The largest Java array length this code relies on. */
  public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  /** The keys {@link #fromPipelineMap} accepts inside {@code "pipeline"}. */
  public static final List<String> PIPELINE_KEYS =
      List.of(
          "dataset",
          "dataset_kwargs",
          "model",
          "model_kwargs",
          "loss",
          "loss_kwargs",
          "regularizer",
          "regularizer_kwargs",
          "optimizer",
          "optimizer_kwargs",
          "training_loop",
          "training_loop_kwargs",
          "training_kwargs",
          "negative_sampler",
          "negative_sampler_kwargs",
          "stopper",
          "stopper_kwargs",
          "evaluator",
          "evaluator_kwargs",
          "random_seed");

  /** The component prefixes of {@link #hpoDefault()} and {@link #withParameters}, with sections. */
  private static final Map<String, String> PREFIXES =
      Map.of(
          "model", "model_kwargs",
          "loss", "loss_kwargs",
          "regularizer", "regularizer_kwargs",
          "optimizer", "optimizer_kwargs",
          "negative_sampler", "negative_sampler_kwargs",
          "training", "training_kwargs",
          "stopper", "stopper_kwargs");

  /**
   * Checks the rules that involve several components.
   *
   * @throws ConfigurationException naming the key, the value and what is allowed; {@link
   *     UnsupportedLabelSmoothingException} for label smoothing with sLCWA
   */
  public PipelineConfig {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(trainingLoop, "trainingLoop");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(stopper, "stopper");
    Objects.requireNonNull(evaluator, "evaluator");
    LpRegularizer modelRegularizer = model.defaultRegularizer();
    if (modelRegularizer == null && regularizer != null) {
      throw new ConfigurationException(
          "regularizer",
          "regularizer "
              + regularizer.name()
              + " is not supported by "
              + model.name()
              + ", which has no regularizer (as in PyKEEN); remove regularizer and"
              + " regularizer_kwargs");
    }
    if (modelRegularizer != null && regularizer == null) {
      throw new ConfigurationException(
          "regularizer",
          "regularizer must be LpRegularizer for "
              + model.name()
              + " (its PyKEEN default, weight "
              + modelRegularizer.weight()
              + "; weight 0 disables it), got none");
    }
    if (trainingLoop == LoopKind.SLCWA && negativeSampler == null) {
      throw new ConfigurationException(
          "negative_sampler",
          "negative_sampler must be one of " + NegativeSamplers.names() + " with sLCWA, got none");
    }
    if (trainingLoop == LoopKind.LCWA && negativeSampler != null) {
      throw new ConfigurationException(
          "negative_sampler",
          "negative_sampler is only used by the sLCWA training loop (LCWA scores every entity),"
              + " got "
              + negativeSampler.name()
              + " with LCWA");
    }
    if (dataset.createInverseTriples() && trainingLoop == LoopKind.SLCWA) {
      throw new ConfigurationException(
          "dataset_kwargs.create_inverse_triples",
          "dataset_kwargs.create_inverse_triples trains with the LCWA loop (head prediction"
              + " becomes tail prediction with the inverse relation), got training_loop sLCWA");
    }
    if (training.labelSmoothing() != null && trainingLoop == LoopKind.SLCWA) {
      throw new UnsupportedLabelSmoothingException("DoubleMarginLoss", training.labelSmoothing());
    }
    if (loss.usesDistanceLimits() && !model.isDistanceModel()) {
      throw new ConfigurationException(
          "loss_kwargs.positive_distance_limit",
          "loss_kwargs.positive_distance_limit: the distance-limit form is for the distance models"
              + " TransE and RotatE (scores <= 0), got "
              + model.name()
              + "; give margins instead");
    }
    if (negativeSampler != null) {
      long values = 3L * training.batchSize() * negativeSampler.numNegsPerPos();
      if (values > MAX_ARRAY_LENGTH) {
        throw new ConfigurationException(
            "negative_sampler_kwargs.num_negs_per_pos",
            "negative_sampler_kwargs.num_negs_per_pos x training_kwargs.batch_size x 3 must be <= "
                + MAX_ARRAY_LENGTH
                + " (sLCWA holds a batch's negative triples in one Java array), got "
                + negativeSampler.numNegsPerPos()
                + " x "
                + training.batchSize()
                + " x 3 = "
                + values
                + "; with batch_size "
                + training.batchSize()
                + ", num_negs_per_pos can be at most "
                + MAX_ARRAY_LENGTH / (3L * training.batchSize()));
      }
    }
  }

  /** A builder; {@link Builder#model} must be called. */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>());
  }

  /** A builder starting from this configuration's pipeline map. */
  public Builder toBuilder() {
    return new Builder(deepCopy(toPipeline()));
  }

  /**
   * The configuration of a pipeline document {@code {"metadata": {...}, "pipeline": {...}}}, as
   * PyKEEN's {@code pipeline_from_config} reads it; {@code metadata} is optional and not read.
   * Component names resolve as PyKEEN's class resolvers (case and punctuation ignored); absent keys
   * take the defaults listed on the class and the components.
   *
   * @throws ConfigurationException for an unsupported key (naming it and the supported ones), a
   *     value of the wrong type or an invalid value
   */
  public static PipelineConfig fromPipelineMap(Map<String, ?> document) {
    Objects.requireNonNull(document, "document");
    for (String key : document.keySet()) {
      if (!key.equals("metadata") && !key.equals("pipeline")) {
        throw new ConfigurationException(
            key, key + " is not supported at the top level; supported: metadata, pipeline");
      }
    }
    Kwargs.section(document, "metadata");
    if (!document.containsKey("pipeline")) {
      throw new ConfigurationException(
          "pipeline", "pipeline is missing: a configuration is {\"pipeline\": {...}}");
    }
    return fromPipeline(Kwargs.section(document, "pipeline"));
  }

  private static PipelineConfig fromPipeline(Map<String, ?> pipeline) {
    Kwargs top = Kwargs.of("pipeline", pipeline, "kge4j", PIPELINE_KEYS);
    String datasetName = top.string("dataset");
    DatasetConfig dataset =
        DatasetConfig.fromKwargs(
            datasetName == null ? "embedded" : datasetName,
            Kwargs.section(pipeline, "dataset_kwargs"));
    String modelName = top.string("model");
    if (modelName == null) {
      throw new ConfigurationException(
          "model", "model is missing; one of " + String.join(", ", ModelConfig.NAMES));
    }
    ModelConfig model = ModelConfig.fromKwargs(modelName, Kwargs.section(pipeline, "model_kwargs"));
    String lossName = top.string("loss");
    LossConfig loss =
        LossConfig.fromKwargs(
            lossName == null ? "DoubleMarginLoss" : lossName,
            Kwargs.section(pipeline, "loss_kwargs"));
    RegularizerConfig regularizer = regularizer(model, top, pipeline);
    String optimizerName = top.string("optimizer");
    OptimizerConfig optimizer =
        OptimizerConfig.fromKwargs(
            optimizerName == null ? "Adam" : optimizerName,
            Kwargs.section(pipeline, "optimizer_kwargs"));
    String loopName = top.string("training_loop");
    LoopKind loop = loopName == null ? LoopKind.SLCWA : LoopKind.of(loopName);
    Kwargs.of(
        "training_loop_kwargs",
        Kwargs.section(pipeline, "training_loop_kwargs"),
        loop.pykeenName(),
        List.of());
    NegativeSamplerConfig sampler = null;
    String samplerName = top.string("negative_sampler");
    Map<String, ?> samplerKwargs = Kwargs.section(pipeline, "negative_sampler_kwargs");
    if (loop == LoopKind.SLCWA) {
      sampler =
          NegativeSamplerConfig.fromKwargs(
              samplerName == null ? "basic" : samplerName, samplerKwargs);
    } else if (samplerName != null || !samplerKwargs.isEmpty()) {
      throw new ConfigurationException(
          samplerName != null ? "negative_sampler" : "negative_sampler_kwargs",
          (samplerName != null ? "negative_sampler" : "negative_sampler_kwargs")
              + " is only used by the sLCWA training loop (LCWA scores every entity), got "
              + (samplerName != null ? Kwargs.describe(samplerName) : samplerKwargs)
              + " with LCWA");
    }
    TrainingKwargs training =
        TrainingKwargs.fromKwargs(Kwargs.section(pipeline, "training_kwargs"));
    String stopperName = top.string("stopper");
    StopperConfig stopper =
        StopperConfig.fromKwargs(
            stopperName == null ? "nop" : stopperName, Kwargs.section(pipeline, "stopper_kwargs"));
    EvaluatorConfig evaluator =
        EvaluatorConfig.fromKwargs(
            top.string("evaluator"), Kwargs.section(pipeline, "evaluator_kwargs"));
    Long seed = top.longInteger("random_seed");
    return new PipelineConfig(
        dataset,
        model,
        loss,
        regularizer,
        optimizer,
        loop,
        sampler,
        training,
        stopper,
        evaluator,
        seed == null ? 42L : seed);
  }

  private static RegularizerConfig regularizer(
      ModelConfig model, Kwargs top, Map<String, ?> pipeline) {
    String name = top.string("regularizer");
    Map<String, ?> kwargs = Kwargs.section(pipeline, "regularizer_kwargs");
    LpRegularizer modelDefault = model.defaultRegularizer();
    if (modelDefault == null) {
      if (name != null || !kwargs.isEmpty()) {
        String key = name != null ? "regularizer" : "regularizer_kwargs";
        throw new ConfigurationException(
            key,
            key
                + " is not supported by "
                + model.name()
                + ", which has no regularizer (as in PyKEEN), got "
                + (name != null ? Kwargs.describe(name) : kwargs));
      }
      return null;
    }
    return RegularizerConfig.fromKwargs(
        name == null ? "LpRegularizer" : name, kwargs, modelDefault.weight());
  }

  /**
   * The pipeline document with empty metadata: {@code {"metadata": {}, "pipeline": {...}}}.
   *
   * @see #toPipelineMap(Map)
   */
  public Map<String, Object> toPipelineMap() {
    return toPipelineMap(Map.of());
  }

  /**
   * The pipeline document {@code {"metadata": metadata, "pipeline": {...}}}: a runnable {@code
   * pipeline_config.json} once written as JSON. The pipeline map holds every key this configuration
   * depends on, in the order of {@link #PIPELINE_KEYS} ({@code regularizer} only for models with
   * one, {@code negative_sampler} only for sLCWA, {@code dataset_kwargs} only when the dataset has
   * any ({@link DatasetConfig#kwargs()}), {@code training_loop_kwargs} never, as they are empty);
   * values are strings, Integers, Longs ({@code random_seed}), Doubles, Booleans, lists and nested
   * maps. {@code fromPipelineMap(toPipelineMap())} equals this configuration.
   *
   * @param metadata e.g. {@code title} and {@code kge4j_version}; not read back
   */
  public Map<String, Object> toPipelineMap(Map<String, ?> metadata) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("metadata", new LinkedHashMap<>(metadata));
    document.put("pipeline", toPipeline());
    return document;
  }

  private Map<String, Object> toPipeline() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("dataset", dataset.name());
    Map<String, Object> datasetKwargs = dataset.kwargs();
    if (!datasetKwargs.isEmpty()) {
      map.put("dataset_kwargs", datasetKwargs);
    }
    putComponent(map, "model", model);
    putComponent(map, "loss", loss);
    putComponent(map, "regularizer", regularizer);
    putComponent(map, "optimizer", optimizer);
    map.put("training_loop", trainingLoop.pykeenName());
    map.put("training_kwargs", training.kwargs());
    putComponent(map, "negative_sampler", negativeSampler);
    putComponent(map, "stopper", stopper);
    if (evaluator.sampled()) {
      // full ranking is the default and stays implicit, as in PyKEEN's own configurations
      map.put("evaluator", evaluator.pykeenName());
      map.put("evaluator_kwargs", evaluator.kwargs());
    }
    map.put("random_seed", randomSeed);
    return map;
  }

  /**
   * Puts {@code key} and {@code key_kwargs} of {@code component}; nothing for an absent one (no
   * regularizer, no negative sampler with LCWA), as in PyKEEN's configurations.
   */
  private static void putComponent(Map<String, Object> map, String key, ComponentConfig component) {
    if (component != null) {
      map.put(key, component.name());
      map.put(key + "_kwargs", component.kwargs());
    }
  }

  /**
   * This configuration on another dataset component, e.g. the one {@link DatasetConfig#resolve()}
   * returns with a graph file's SHA-256.
   *
   * @throws ConfigurationException if the dataset does not fit the other components (inverse
   *     triples with sLCWA)
   */
  public PipelineConfig withDataset(DatasetConfig value) {
    return new PipelineConfig(
        value,
        model,
        loss,
        regularizer,
        optimizer,
        trainingLoop,
        negativeSampler,
        training,
        stopper,
        evaluator,
        randomSeed);
  }

  /**
   * The default search space of this configuration's components, under PyKEEN's prefixed names:
   * {@code model.embedding_dim} (and {@code model.scoring_fct_norm} for TransE), the loss's ({@code
   * loss.positive_margin}, {@code loss.offset}, {@code loss.positive_negative_balance}, {@code
   * loss.margin_activation}; for the distance-limit form {@code loss.positive_distance_limit},
   * {@code loss.negative_distance_limit}, {@code loss.positive_negative_balance}), {@code
   * regularizer.weight} only with a regularizer, {@code optimizer.lr}, {@code
   * negative_sampler.num_negs_per_pos} only with sLCWA, {@code training.num_epochs} and {@code
   * training.batch_size}. Every sample gives a valid configuration through {@link #withParameters}.
   */
  public HpoSpace hpoDefault() {
    List<HpoSpace> spaces = new ArrayList<>();
    addSpace(spaces, "model", model);
    addSpace(spaces, "loss", loss);
    addSpace(spaces, "regularizer", regularizer);
    addSpace(spaces, "optimizer", optimizer);
    addSpace(spaces, "negative_sampler", negativeSampler);
    spaces.add(training.hpoDefault().prefixed("training."));
    addSpace(spaces, "stopper", stopper);
    return HpoSpace.concat(spaces.toArray(HpoSpace[]::new));
  }

  /** Adds {@code component}'s default space under {@code key.}; nothing for an absent one. */
  private static void addSpace(List<HpoSpace> spaces, String key, ComponentConfig component) {
    if (component != null) {
      spaces.add(component.hpoDefault().prefixed(key + "."));
    }
  }

  /**
   * This configuration with the given keyword arguments replaced, named as in {@link #hpoDefault()}
   * ({@code <component>.<key>}, e.g. {@code optimizer.lr}): the way an HPO sample becomes a
   * configuration. Loss margins replace each other as one unit ({@link LossConfig#overlay}).
   *
   * @throws ConfigurationException for an unknown prefix or key, or an invalid result
   */
  public PipelineConfig withParameters(Map<String, ?> parameters) {
    Map<String, Object> pipeline = toPipeline();
    Map<String, Map<String, Object>> bySection = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : parameters.entrySet()) {
      String name = entry.getKey();
      int dot = name.indexOf('.');
      String section = dot < 0 ? null : PREFIXES.get(name.substring(0, dot));
      if (section == null) {
        throw new ConfigurationException(
            name,
            name
                + " is not a parameter name; expected <component>.<key> with component one of "
                + String.join(", ", new java.util.TreeSet<>(PREFIXES.keySet())));
      }
      bySection
          .computeIfAbsent(section, s -> new LinkedHashMap<>())
          .put(name.substring(dot + 1), entry.getValue());
    }
    bySection.forEach(
        (section, values) -> {
          Map<String, ?> base = Kwargs.section(pipeline, section);
          pipeline.put(
              section,
              section.equals("loss_kwargs")
                  ? LossConfig.overlay(base, values)
                  : overlay(base, values));
        });
    return fromPipeline(pipeline);
  }

  private static Map<String, Object> overlay(Map<String, ?> base, Map<String, ?> values) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    values.forEach((key, value) -> Kwargs.putOrRemove(merged, key, value));
    return merged;
  }

  /** A randomly initialised model of this configuration, seeded by {@link #randomSeed()}. */
  public Model createModel(int numEntities, int numRelations) {
    return model.create(
        numEntities,
        numRelations,
        regularizer == null ? null : regularizer.weight(),
        dataset.createInverseTriples(),
        new SplittableRandom(randomSeed));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            copy.put(key, value instanceof Map<?, ?> m ? deepCopy((Map<String, ?>) m) : value));
    return copy;
  }

  /**
   * Builds a {@link PipelineConfig} fluently for library code: each setter writes the key of the
   * pipeline map it names, and {@link #build()} reads that map with {@link #fromPipelineMap}, so
   * defaults, validation and error messages are those of a {@code pipeline_config.json}. A null
   * value removes the key (its default applies).
   *
   * <pre>{@code
   * PipelineConfig config = PipelineConfig.builder()
   *     .dataset("umls").model("ComplEx").embeddingDim(64)
   *     .trainingLoop("sLCWA").numNegsPerPos(32).batchSize(512).numEpochs(100)
   *     .optimizer("Adam").learningRate(0.01).marginActivation("softplus")
   *     .earlyStopping(10, 2).randomSeed(1)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final Map<String, Object> pipeline;

    private Builder(Map<String, Object> pipeline) {
      this.pipeline = pipeline;
    }

    /** Sets a top-level key ({@code model}, {@code loss}, {@code random_seed}, ...). */
    public Builder set(String key, Object value) {
      Kwargs.putOrRemove(pipeline, key, value);
      return this;
    }

    /** Sets {@code key} of the section {@code section} ({@code model_kwargs}, ...). */
    @SuppressWarnings("unchecked")
    public Builder kwarg(String section, String key, Object value) {
      Object current = pipeline.get(section);
      Map<String, Object> kwargs =
          current instanceof Map<?, ?> m
              ? new LinkedHashMap<>((Map<String, Object>) m)
              : new LinkedHashMap<>();
      Kwargs.putOrRemove(kwargs, key, value);
      pipeline.put(section, kwargs);
      return this;
    }

    /** {@code dataset}: a name or directory; default {@code embedded}. */
    public Builder dataset(String value) {
      return set("dataset", value);
    }

    /** {@code dataset_kwargs.create_inverse_triples}: a model with every relation's inverse. */
    public Builder createInverseTriples(boolean value) {
      return kwarg("dataset_kwargs", "create_inverse_triples", value);
    }

    /** {@code model}: TransE, DistMult, ComplEx or RotatE (any case); required. */
    public Builder model(String value) {
      return set("model", value);
    }

    /** {@code model_kwargs.embedding_dim}; default PyKEEN's (50 or 200). */
    public Builder embeddingDim(int value) {
      return kwarg("model_kwargs", "embedding_dim", value);
    }

    /** {@code model_kwargs.scoring_fct_norm} (TransE): 1 or 2; default 1. */
    public Builder scoringFctNorm(int value) {
      return kwarg("model_kwargs", "scoring_fct_norm", value);
    }

    /** {@code model_kwargs.entity_initializer}; default the model's PyKEEN initializer. */
    public Builder entityInitializer(Initializer value) {
      return kwarg("model_kwargs", "entity_initializer", value == null ? null : value.id());
    }

    /** {@code model_kwargs.relation_initializer}; default the model's PyKEEN initializer. */
    public Builder relationInitializer(Initializer value) {
      return kwarg("model_kwargs", "relation_initializer", value == null ? null : value.id());
    }

    /** {@code loss_kwargs.positive_margin} λ; default by PyKEEN's resolve_margin. */
    public Builder positiveMargin(Double value) {
      return kwarg("loss_kwargs", "positive_margin", value);
    }

    /** {@code loss_kwargs.negative_margin} λ̄. */
    public Builder negativeMargin(Double value) {
      return kwarg("loss_kwargs", "negative_margin", value);
    }

    /** {@code loss_kwargs.offset} λ − λ̄. */
    public Builder offset(Double value) {
      return kwarg("loss_kwargs", "offset", value);
    }

    /** {@code loss_kwargs.positive_negative_balance}; default 0.5. */
    public Builder positiveNegativeBalance(double value) {
      return kwarg("loss_kwargs", "positive_negative_balance", value);
    }

    /** {@code loss_kwargs.margin_activation}: relu (hard) or softplus (soft); default relu. */
    public Builder marginActivation(String value) {
      return kwarg("loss_kwargs", "margin_activation", value);
    }

    /** {@code loss_kwargs.reduction}: mean or sum; default mean (sum with distance limits). */
    public Builder reduction(String value) {
      return kwarg("loss_kwargs", "reduction", value);
    }

    /** The BootEA distance-limit form: {@code loss_kwargs.positive/negative_distance_limit}. */
    public Builder distanceLimits(double gamma1, double gamma2) {
      kwarg("loss_kwargs", "positive_distance_limit", gamma1);
      return kwarg("loss_kwargs", "negative_distance_limit", gamma2);
    }

    /** {@code regularizer_kwargs.weight}; default the model's PyKEEN weight; 0 disables it. */
    public Builder regularizerWeight(Double value) {
      return kwarg("regularizer_kwargs", "weight", value);
    }

    /** {@code optimizer}: Adam, SparseAdam, Adagrad or SGD (any case); default Adam. */
    public Builder optimizer(String value) {
      return set("optimizer", value);
    }

    /** {@code optimizer_kwargs.lr}; default PyTorch's. */
    public Builder learningRate(double value) {
      return kwarg("optimizer_kwargs", "lr", value);
    }

    /** {@code training_loop}: sLCWA or LCWA (any case); default sLCWA. */
    public Builder trainingLoop(String value) {
      return set("training_loop", value);
    }

    /** {@code training_loop}. */
    public Builder trainingLoop(LoopKind value) {
      return set("training_loop", value.pykeenName());
    }

    /** {@code negative_sampler}: basic, bernoulli or shared; default basic (sLCWA only). */
    public Builder negativeSampler(String value) {
      return set("negative_sampler", value);
    }

    /** {@code negative_sampler_kwargs.num_negs_per_pos}; default 1. */
    public Builder numNegsPerPos(int value) {
      return kwarg("negative_sampler_kwargs", "num_negs_per_pos", value);
    }

    /** {@code negative_sampler_kwargs.filtered}; default false. */
    public Builder filtered(boolean value) {
      return kwarg("negative_sampler_kwargs", "filtered", value);
    }

    /** {@code training_kwargs.num_epochs}; default 5. */
    public Builder numEpochs(int value) {
      return kwarg("training_kwargs", "num_epochs", value);
    }

    /** {@code training_kwargs.batch_size}; default 256. */
    public Builder batchSize(int value) {
      return kwarg("training_kwargs", "batch_size", value);
    }

    /** {@code training_kwargs.label_smoothing} (LCWA); default none. */
    public Builder labelSmoothing(Double value) {
      return kwarg("training_kwargs", "label_smoothing", value);
    }

    /**
     * Ranks validation and test triples against {@code numNegatives} sampled entities ({@code
     * SampledRankBasedEvaluator}); 0 restores full ranking.
     */
    public Builder sampledEvaluation(int numNegatives) {
      if (numNegatives == 0) {
        return component("evaluator", null);
      }
      return component("evaluator", "SampledRankBasedEvaluator")
          .kwarg("evaluator_kwargs", "num_negatives", numNegatives);
    }

    /** Validation every {@code frequency} epochs without stopping: the {@code nop} stopper. */
    public Builder validationFrequency(int frequency) {
      return component("stopper", "nop").kwarg("stopper_kwargs", "frequency", frequency);
    }

    /**
     * PyKEEN's early stopper evaluating every {@code frequency} epochs with {@code patience}
     * (relative delta 0.01, the filtered MRR).
     */
    public Builder earlyStopping(int frequency, int patience) {
      return component("stopper", "early")
          .kwarg("stopper_kwargs", "frequency", frequency)
          .kwarg("stopper_kwargs", "patience", patience);
    }

    /**
     * Sets the component {@code key} ({@code stopper}, ...) to {@code name}, or removes it when
     * null, and drops the previous component's {@code <key>_kwargs}, which need not fit the new
     * one.
     */
    private Builder component(String key, String name) {
      set(key, name);
      pipeline.remove(key + "_kwargs");
      return this;
    }

    /** {@code random_seed}; default 42. */
    public Builder randomSeed(long value) {
      return set("random_seed", value);
    }

    /**
     * The configuration of the pipeline map built so far.
     *
     * @throws ConfigurationException as {@link #fromPipelineMap}
     */
    public PipelineConfig build() {
      return fromPipeline(pipeline);
    }
  }
}
