package org.kge4j.cli;

import static org.kge4j.cli.PipelineMaps.deepCopy;
import static org.kge4j.cli.PipelineMaps.mutableSection;
import static org.kge4j.cli.PipelineMaps.putKwarg;
import static org.kge4j.cli.PipelineMaps.section;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kge4j.config.ConfigurationException;
import org.kge4j.config.LoopKind;
import org.kge4j.config.LossConfig;
import org.kge4j.config.PipelineConfig;
import org.kge4j.model.Initializer;
import org.kge4j.model.Models;
import org.kge4j.optim.Optimizers;
import org.kge4j.sampling.NegativeSamplers;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code kge4j train} that make up a {@link PipelineConfig}, and how they build one.
 * Without {@code --config} every option applies, with its default when not given; with {@code
 * --config FILE} the file's pipeline is the base and only the options given on the command line
 * replace its values. Either way the options become keys of the pipeline map ({@code --dim} is
 * {@code model_kwargs.embedding_dim}, ...), which {@link PipelineConfig#fromPipelineMap} reads, so
 * a {@code pipeline_config.json} and a command line with the same values give the same
 * configuration. An invalid value is reported on the option that set it, or on {@code --config}
 * when it came from the file.
 */
final class ConfigurationOptions {

  /** Options that make up the configuration; a resumed run takes them from its checkpoint. */
  static final List<String> NAMES =
      List.of(
          "--config",
          "--model",
          "--dim",
          "--scoring-norm",
          "--initializer",
          "--relation-initializer",
          "--regularizer-weight",
          "--loop",
          "--sampler",
          "--negatives",
          "--filter-negatives",
          "--epochs",
          "--batch-size",
          "--optimizer",
          "--lr",
          "--seed",
          "--positive-margin",
          "--negative-margin",
          "--offset",
          "--balance",
          "--activation",
          "--reduction",
          "--distance-limits",
          "--label-smoothing",
          "--early-stopping",
          "--patience",
          "--eval-frequency",
          "--eval-candidates");

  /** The option that sets each key of the pipeline map, to report a bad value on it. */
  private static final Map<String, String> OPTION_OF_KEY =
      Map.ofEntries(
          Map.entry("dataset", "--dataset"),
          Map.entry("dataset_kwargs.split", "--split"),
          Map.entry("dataset_kwargs.split_seed", "--split-seed"),
          Map.entry("dataset_kwargs.keep_literals", "--keep-literals"),
          Map.entry("dataset_kwargs.columns", "--columns"),
          Map.entry("dataset_kwargs.delimiter", "--delimiter"),
          Map.entry("model", "--model"),
          Map.entry("model_kwargs.embedding_dim", "--dim"),
          Map.entry("model_kwargs.scoring_fct_norm", "--scoring-norm"),
          Map.entry("model_kwargs.entity_initializer", "--initializer"),
          Map.entry("model_kwargs.relation_initializer", "--relation-initializer"),
          Map.entry("regularizer", "--regularizer-weight"),
          Map.entry("regularizer_kwargs", "--regularizer-weight"),
          Map.entry("regularizer_kwargs.weight", "--regularizer-weight"),
          Map.entry("training_loop", "--loop"),
          Map.entry("negative_sampler", "--sampler"),
          Map.entry("negative_sampler_kwargs.num_negs_per_pos", "--negatives"),
          Map.entry("training_kwargs.num_epochs", "--epochs"),
          Map.entry("training_kwargs.batch_size", "--batch-size"),
          Map.entry("training_kwargs.label_smoothing", "--label-smoothing"),
          Map.entry("optimizer", "--optimizer"),
          Map.entry("optimizer_kwargs.lr", "--lr"),
          Map.entry("random_seed", "--seed"),
          Map.entry("loss_kwargs.positive_margin", "--positive-margin"),
          Map.entry("loss_kwargs.negative_margin", "--negative-margin"),
          Map.entry("loss_kwargs.offset", "--offset"),
          Map.entry("loss_kwargs.positive_negative_balance", "--balance"),
          Map.entry("loss_kwargs.margin_activation", "--activation"),
          Map.entry("loss_kwargs.reduction", "--reduction"),
          Map.entry("loss_kwargs.positive_distance_limit", "--distance-limits"),
          Map.entry("loss_kwargs.negative_distance_limit", "--distance-limits"),
          Map.entry("stopper_kwargs.frequency", "--eval-frequency"),
          Map.entry("stopper_kwargs.patience", "--patience"),
          Map.entry("evaluator", "--eval-candidates"),
          Map.entry("evaluator_kwargs.num_negatives", "--eval-candidates"));

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A pipeline_config.json ({\"metadata\": {...}, \"pipeline\": {...}} as PyKEEN writes it,"
              + " e.g. a run's own pipeline_config.json): its values replace the defaults below,"
              + " and options given on the command line replace the file's.")
  Path config;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      defaultValue = "complex",
      description = "transe, distmult, complex or rotate.")
  String model;

  @Option(
      names = "--dim",
      paramLabel = "N",
      defaultValue = "64",
      description = "Embedding dimension (complex dimension for ComplEx and RotatE), >= 1.")
  int dim;

  @Option(
      names = "--scoring-norm",
      paramLabel = "P",
      defaultValue = "1",
      description = "TransE's norm, 1 or 2.")
  int scoringNorm;

  @Option(
      names = "--initializer",
      paramLabel = "NAME",
      description =
          "Initializer of both embedding tables: normal, uniform, xavier_uniform, xavier_normal,"
              + " xavier_uniform_norm, xavier_normal_norm, uniform_norm, normal_norm, init_phases."
              + " Default: the model's PyKEEN initializers.")
  String initializer;

  @Option(
      names = "--relation-initializer",
      paramLabel = "NAME",
      description = "Initializer of the relation table only (replaces --initializer there).")
  String relationInitializer;

  @Option(
      names = "--regularizer-weight",
      paramLabel = "W",
      description =
          "Weight of the model's default Lp regularizer, >= 0 (0 disables it). "
              + "Default: PyKEEN's (DistMult 0.1, ComplEx 0.01, none for TransE and RotatE).")
  Double regularizerWeight;

  @Option(
      names = "--loop",
      paramLabel = "LOOP",
      defaultValue = "slcwa",
      description = "Training loop: slcwa (negative sampling) or lcwa (1-N scoring).")
  String loop;

  @Option(
      names = "--sampler",
      paramLabel = "NAME",
      defaultValue = "basic",
      description =
          "Negative sampler (sLCWA): basic, bernoulli, or shared (one draw of negatives per chunk"
              + " of 64 positives, scored as a matrix product: faster, not PyKEEN's).")
  String sampler;

  @Option(
      names = "--negatives",
      paramLabel = "K",
      defaultValue = "32",
      description = "Negatives per positive (sLCWA), >= 1.")
  int negatives;

  @Option(
      names = "--filter-negatives",
      description = "Remove sampled negatives that are known training triples (sLCWA).")
  boolean filterNegatives;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "30",
      description = "Number of epochs, >= 1.")
  int epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "B",
      defaultValue = "256",
      description = "Positives (sLCWA) or (h, r) / (r, t) rows (LCWA) per batch, >= 1.")
  int batchSize;

  @Option(
      names = "--optimizer",
      paramLabel = "NAME",
      defaultValue = "adam",
      description = "adam, sparseadam, adagrad or sgd.")
  String optimizer;

  @Option(
      names = "--lr",
      paramLabel = "LR",
      defaultValue = "0.1",
      description = "Learning rate, > 0.")
  double learningRate;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed of initialisation, shuffling and sampling.")
  long seed;

  @Option(
      names = "--positive-margin",
      paramLabel = "λ",
      description =
          "DoubleMarginLoss positive margin: positives reach zero loss at score >= λ. "
              + "Default: PyKEEN's resolution (1.0 when no margin is given).")
  Double positiveMargin;

  @Option(
      names = "--negative-margin",
      paramLabel = "λ̄",
      description =
          "Negative margin: negatives reach zero loss at score <= -λ̄. Default: 0.0 "
              + "when no margin is given.")
  Double negativeMargin;

  @Option(
      names = "--offset",
      paramLabel = "λ-λ̄",
      description =
          "Offset between the margins, with exactly one of them (PyKEEN's resolve_margin).")
  Double offset;

  @Option(
      names = "--balance",
      paramLabel = "B",
      defaultValue = "0.5",
      description = "positive_negative_balance: weight of the positive term, in (0, 1).")
  double balance;

  @Option(
      names = "--activation",
      paramLabel = "NAME",
      description = "Margin activation: relu (hard) or softplus (soft). Default: relu (PyKEEN's).")
  String activation;

  @Option(
      names = "--reduction",
      paramLabel = "NAME",
      description = "mean or sum. Default: mean (sum with --distance-limits).")
  String reduction;

  @Option(
      names = "--label-smoothing",
      paramLabel = "ε",
      description = "LCWA label smoothing, in [0, 1) (not supported by sLCWA).")
  Double labelSmoothing;

  @Option(
      names = "--distance-limits",
      paramLabel = "γ1,γ2",
      split = ",",
      hideParamSyntax = true,
      description =
          "BootEA form for distance models (TransE, RotatE): positives' distance <= γ1, "
              + "negatives' distance >= γ2, 0 <= γ1 < γ2 (DoubleMarginLoss.fromDistanceLimits with "
              + "μ1 = (1 - balance) / balance, relu, sum). Replaces the margins.")
  List<Double> distanceLimits;

  @Option(
      names = "--early-stopping",
      description = "Stop when the validation MRR has not improved for --patience evaluations.")
  boolean earlyStopping;

  @Option(
      names = "--patience",
      paramLabel = "N",
      defaultValue = "2",
      description = "Evaluations without improvement before early stopping, >= 1.")
  int patience;

  @Option(
      names = "--eval-frequency",
      paramLabel = "N",
      description =
          "Evaluate on the validation split every N epochs (0 = never). "
              + "Default: epochs / 10, at least 1.")
  Integer evalFrequency;

  @Option(
      names = "--eval-candidates",
      paramLabel = "N",
      description =
          "Rank validation and test triples against N uniformly drawn entities instead of all"
              + " (PyTorch-BigGraph's protocol for huge graphs; PyKEEN's SampledRankBasedEvaluator);"
              + " reported under sampled.* metric names. 0 = all entities (default).")
  Integer evalCandidates;

  private CommandLine commandLine;
  private OptionChecks checks;
  private PipelineConfig fileConfig;
  private boolean recommendedBase;

  /**
   * Datasets with a recommended configuration (chosen on their validation split, see the README's
   * "Quality and speed"): without {@code --config} it is the base that the options replace, because
   * PyKEEN's defaults (N(0, 1) initialisation, one negative, 5 epochs) learn almost nothing on
   * graphs of this size. The files are docs/examples/DATASET-complex-slcwa.json, packaged here.
   */
  static final List<String> RECOMMENDED = List.of("fb15k237", "wn18rr");

  /** The dataset of the {@code --config} file, if one is given. */
  Optional<String> configFileDataset(OptionChecks optionChecks) {
    return config == null
        ? Optional.empty()
        : Optional.of(fileConfig(optionChecks).dataset().name());
  }

  /**
   * The configuration of these options (over {@code --config}'s file, if given) on {@code
   * datasetSource} with the {@code dataset_kwargs} given on the command line ({@link
   * GraphFileMixin}). A dataset other than the file's starts from its own defaults, keeping only
   * {@code create_inverse_triples}: the file's other keyword arguments (a graph file's split and
   * SHA-256) describe the file's dataset.
   *
   * @param datasetSource the dataset, absolute when it is a path ({@link RunInfo#location})
   * @throws CommandLine.ParameterException naming the option (or {@code --config}) with a bad value
   */
  PipelineConfig configuration(
      CommandLine line,
      OptionChecks optionChecks,
      String datasetSource,
      Map<String, Object> datasetKwargs) {
    this.commandLine = line;
    this.checks = optionChecks;
    checkValues();
    if (config == null && RECOMMENDED.contains(datasetSource)) {
      fileConfig = recommended(datasetSource);
      recommendedBase = true;
      note(
          "training on "
              + datasetSource
              + " starts from its recommended configuration (docs/examples/"
              + datasetSource
              + "-complex-slcwa.json); the options given replace its values");
    }
    Map<String, Object> pipeline =
        !hasBase()
            ? new LinkedHashMap<>()
            : deepCopy(section(fileConfig(checks).toPipelineMap(), "pipeline"));
    Object fileDataset = pipeline.get("dataset");
    if (fileDataset == null || !RunInfo.location((String) fileDataset).equals(datasetSource)) {
      Object inverse = section(pipeline, "dataset_kwargs").get("create_inverse_triples");
      pipeline.remove("dataset_kwargs");
      if (inverse != null) {
        putKwarg(pipeline, "dataset_kwargs", "create_inverse_triples", inverse);
      }
    }
    pipeline.put("dataset", datasetSource);
    datasetKwargs.forEach((key, value) -> putKwarg(pipeline, "dataset_kwargs", key, value));
    modelOptions(pipeline);
    LoopKind loopKind = loopOptions(pipeline);
    if (given("--epochs")) {
      putKwarg(pipeline, "training_kwargs", "num_epochs", epochs);
    }
    if (given("--batch-size")) {
      putKwarg(pipeline, "training_kwargs", "batch_size", batchSize);
    }
    if (labelSmoothing != null) {
      if (labelSmoothing != 0 && loopKind == LoopKind.SLCWA) {
        throw checks.invalid(
            "--label-smoothing",
            "is only supported with --loop lcwa (PyKEEN's "
                + "DoubleMarginLoss has no sLCWA label smoothing), got "
                + labelSmoothing
                + " with slcwa");
      }
      putKwarg(pipeline, "training_kwargs", "label_smoothing", labelSmoothing);
    }
    if (given("--optimizer")) {
      pipeline.put("optimizer", optimizer);
    }
    if (given("--lr")) {
      putKwarg(pipeline, "optimizer_kwargs", "lr", learningRate);
    }
    if (given("--seed")) {
      pipeline.put("random_seed", seed);
    }
    pipeline.put(
        "loss_kwargs", LossConfig.overlay(section(pipeline, "loss_kwargs"), lossOptions()));
    stopperOptions(pipeline);
    evaluatorOptions(pipeline);
    try {
      return PipelineConfig.fromPipelineMap(Map.of("pipeline", pipeline));
    } catch (ConfigurationException e) {
      String option = OPTION_OF_KEY.get(e.key());
      if (option != null && given(option)) {
        throw checks.invalid(option, e.getMessage());
      }
      throw invalidCombination(e);
    } catch (IllegalArgumentException e) {
      throw invalidCombination(e);
    }
  }

  /** What is left are combinations (e.g. margins with λ < λ̄): still a usage error. */
  private CommandLine.ParameterException invalidCombination(IllegalArgumentException e) {
    if (config != null) {
      return checks.invalid("--config", config + ": " + e.getMessage());
    }
    return new CommandLine.ParameterException(commandLine, "Invalid options: " + e.getMessage(), e);
  }

  /** Each value on its own, with the option's name. */
  private void checkValues() {
    checks.choice("--model", model, Models.NAMES);
    checks.atLeast("--dim", dim, 1);
    if (scoringNorm != 1 && scoringNorm != 2) {
      throw checks.invalid("--scoring-norm", "must be 1 or 2, got " + scoringNorm);
    }
    if (initializer != null) {
      checks.choice("--initializer", initializer, Initializer.NAMES);
    }
    if (relationInitializer != null) {
      checks.choice("--relation-initializer", relationInitializer, Initializer.NAMES);
    }
    checks.nonNegative("--regularizer-weight", regularizerWeight);
    checks.choice("--loop", loop, List.of("slcwa", "lcwa"));
    checks.choice("--sampler", sampler, NegativeSamplers.names());
    checks.atLeast("--negatives", negatives, 1);
    checks.atLeast("--epochs", epochs, 1);
    checks.atLeast("--batch-size", batchSize, 1);
    checks.choice("--optimizer", optimizer, Optimizers.NAMES);
    checks.positive("--lr", learningRate);
    checks.finite("--positive-margin", positiveMargin);
    checks.finite("--negative-margin", negativeMargin);
    checks.finite("--offset", offset);
    checks.openInterval("--balance", balance, 0, 1);
    if (activation != null) {
      checks.choice("--activation", activation, List.of("relu", "hard", "softplus", "soft"));
    }
    if (reduction != null) {
      checks.choice("--reduction", reduction, List.of("mean", "sum"));
    }
    checks.halfOpen("--label-smoothing", labelSmoothing, 0, 1);
    checks.atLeast("--patience", patience, 1);
    if (evalFrequency != null) {
      checks.atLeast("--eval-frequency", evalFrequency, 0);
    }
  }

  private void modelOptions(Map<String, Object> pipeline) {
    if (given("--model")) {
      if (hasBase() && !model.equalsIgnoreCase(modelKey(pipeline))) {
        // another model than the file's starts from its own PyKEEN defaults; the size stays
        Object dimension = section(pipeline, "model_kwargs").get("embedding_dim");
        pipeline.put("model_kwargs", new LinkedHashMap<>(Map.of("embedding_dim", dimension)));
        pipeline.remove("regularizer");
        pipeline.remove("regularizer_kwargs");
      }
      pipeline.put("model", model);
    }
    if (given("--dim")) {
      putKwarg(pipeline, "model_kwargs", "embedding_dim", dim);
    }
    boolean transe = "transe".equalsIgnoreCase(String.valueOf(pipeline.get("model")));
    if (given("--scoring-norm")) {
      if (transe) {
        putKwarg(pipeline, "model_kwargs", "scoring_fct_norm", scoringNorm);
      } else if (matched("--scoring-norm")) {
        note("--scoring-norm only applies to --model transe");
      }
    }
    if (initializer != null) {
      putKwarg(pipeline, "model_kwargs", "entity_initializer", initializer);
      putKwarg(pipeline, "model_kwargs", "relation_initializer", initializer);
    }
    if (relationInitializer != null) {
      putKwarg(pipeline, "model_kwargs", "relation_initializer", relationInitializer);
    }
    // TransE and RotatE have no regularizer: weight 0 says just that.
    if (regularizerWeight != null
        && (regularizerWeight != 0 || !List.of("transe", "rotate").contains(modelKey(pipeline)))) {
      putKwarg(pipeline, "regularizer_kwargs", "weight", regularizerWeight);
    }
  }

  private static String modelKey(Map<String, Object> pipeline) {
    return String.valueOf(pipeline.get("model")).toLowerCase(Locale.ROOT);
  }

  private LoopKind loopOptions(Map<String, Object> pipeline) {
    if (given("--loop")) {
      pipeline.put("training_loop", loop);
    }
    LoopKind loopKind =
        LoopKind.of(String.valueOf(pipeline.getOrDefault("training_loop", "sLCWA")));
    if (loopKind == LoopKind.LCWA) {
      // a file's sampler does not survive --loop lcwa; given sampling options are noted, not used
      pipeline.remove("negative_sampler");
      pipeline.remove("negative_sampler_kwargs");
      for (String sampling : List.of("--negatives", "--sampler", "--filter-negatives")) {
        if (matched(sampling)) {
          note(sampling + " only applies to --loop slcwa; lcwa scores every entity");
        }
      }
      return loopKind;
    }
    if (given("--sampler")) {
      pipeline.put("negative_sampler", sampler);
    }
    if (given("--negatives")) {
      putKwarg(pipeline, "negative_sampler_kwargs", "num_negs_per_pos", negatives);
    }
    if (given("--filter-negatives")) {
      putKwarg(pipeline, "negative_sampler_kwargs", "filtered", filterNegatives);
    }
    return loopKind;
  }

  /**
   * The loss options given, as {@code loss_kwargs}; margins and distance limits exclude each other.
   */
  private Map<String, Object> lossOptions() {
    Map<String, Object> loss = new LinkedHashMap<>();
    if (distanceLimits != null) {
      distanceLimits(loss);
    }
    if (positiveMargin != null) {
      loss.put("positive_margin", positiveMargin);
    }
    if (negativeMargin != null) {
      loss.put("negative_margin", negativeMargin);
    }
    if (offset != null) {
      loss.put("offset", offset);
    }
    if (given("--balance")) {
      loss.put("positive_negative_balance", balance);
    }
    if (activation != null) {
      loss.put("margin_activation", activation);
    }
    if (reduction != null) {
      loss.put("reduction", reduction);
    }
    return loss;
  }

  /** The BootEA form: checks γ1, γ2 and that no margin option competes with them. */
  private void distanceLimits(Map<String, Object> loss) {
    if (distanceLimits.size() != 2) {
      throw checks.invalid(
          "--distance-limits",
          "expected two numbers γ1,γ2 with 0 <= γ1 < γ2, got "
              + distanceLimits.size()
              + " value(s) "
              + distanceLimits);
    }
    double gamma1 = distanceLimits.get(0);
    double gamma2 = distanceLimits.get(1);
    if (!(gamma1 >= 0 && gamma2 > gamma1) || Double.isInfinite(gamma2)) {
      throw checks.invalid(
          "--distance-limits",
          "expected finite 0 <= γ1 < γ2, got γ1 = " + gamma1 + ", γ2 = " + gamma2);
    }
    for (String margin : List.of("--positive-margin", "--negative-margin", "--offset")) {
      if (matched(margin)) {
        throw checks.invalid(
            margin,
            "cannot be combined with --distance-limits, which sets "
                + "the margins to λ = -γ1, λ̄ = γ2");
      }
    }
    if (activation != null
        && !List.of("relu", "hard").contains(activation.toLowerCase(Locale.ROOT))) {
      throw checks.invalid("--activation", "--distance-limits uses relu, got '" + activation + "'");
    }
    if (reduction != null && !reduction.equalsIgnoreCase("sum")) {
      throw checks.invalid("--reduction", "--distance-limits uses sum, got '" + reduction + "'");
    }
    loss.put("positive_distance_limit", gamma1);
    loss.put("negative_distance_limit", gamma2);
  }

  /**
   * The evaluator: sampled ranking with {@code --eval-candidates N > 0}, else the file's or full.
   */
  private void evaluatorOptions(Map<String, Object> pipeline) {
    if (evalCandidates == null) {
      return;
    }
    checks.atLeast("--eval-candidates", evalCandidates, 0);
    pipeline.remove("evaluator");
    pipeline.remove("evaluator_kwargs");
    if (evalCandidates > 0) {
      pipeline.put("evaluator", "SampledRankBasedEvaluator");
      pipeline.put(
          "evaluator_kwargs", new LinkedHashMap<>(Map.of("num_negatives", evalCandidates)));
    }
  }

  /**
   * The stopper: {@code early} with {@code --early-stopping}, else {@code nop}; both validate every
   * {@code --eval-frequency} epochs (default: epochs / 10, at least 1). Over a file, only what is
   * given changes.
   */
  private void stopperOptions(Map<String, Object> pipeline) {
    int effectiveEpochs =
        ((Number) section(pipeline, "training_kwargs").getOrDefault("num_epochs", 5)).intValue();
    int defaultFrequency = Math.max(1, effectiveEpochs / 10);
    if (!hasBase()) {
      int frequency = evalFrequency == null ? defaultFrequency : evalFrequency;
      if (earlyStopping && frequency == 0) {
        throw checks.invalid("--eval-frequency", "must be >= 1 with --early-stopping, got 0");
      }
      pipeline.put("stopper", earlyStopping ? "early" : "nop");
      Map<String, Object> kwargs = new LinkedHashMap<>();
      kwargs.put("frequency", frequency);
      if (earlyStopping) {
        kwargs.put("patience", patience);
      }
      pipeline.put("stopper_kwargs", kwargs);
      return;
    }
    Map<String, Object> kwargs = mutableSection(pipeline, "stopper_kwargs");
    if (earlyStopping && !"early".equals(pipeline.get("stopper"))) {
      int fileFrequency = ((Number) kwargs.getOrDefault("frequency", 0)).intValue();
      pipeline.put("stopper", "early");
      kwargs.put("frequency", fileFrequency > 0 ? fileFrequency : defaultFrequency);
      kwargs.put("patience", patience);
    }
    if (matched("--eval-frequency")) {
      kwargs.put("frequency", evalFrequency);
      if (evalFrequency == 0 && !earlyStopping && "early".equals(pipeline.get("stopper"))) {
        // no validation: nothing to stop early on, as without a base pipeline
        pipeline.put("stopper", "nop");
        kwargs.keySet().retainAll(List.of("frequency"));
      }
    }
    if (matched("--patience") && "early".equals(pipeline.get("stopper"))) {
      kwargs.put("patience", patience);
    }
    pipeline.put("stopper_kwargs", kwargs);
  }

  /** The {@code --config} file's configuration, read once. */
  private PipelineConfig fileConfig(OptionChecks optionChecks) {
    if (fileConfig != null) {
      return fileConfig;
    }
    Map<String, Object> document = optionChecks.jsonObject("--config", config);
    try {
      fileConfig = PipelineConfig.fromPipelineMap(document);
    } catch (IllegalArgumentException e) {
      throw optionChecks.invalid("--config", config + ": " + e.getMessage());
    }
    return fileConfig;
  }

  /** Whether {@code option} was typed on the command line. */
  boolean matched(String option) {
    return commandLine.getParseResult().hasMatchedOption(option);
  }

  /** Whether {@code option} sets its key: always without a base pipeline, else when typed. */
  private boolean given(String option) {
    return !hasBase() || matched(option);
  }

  /** Whether a pipeline is the base: the {@code --config} file or a dataset's recommended one. */
  private boolean hasBase() {
    return config != null || recommendedBase;
  }

  /** The packaged recommended configuration of a dataset in {@link #RECOMMENDED}. */
  private static PipelineConfig recommended(String dataset) {
    String resource = "recommended/" + dataset + "-complex-slcwa.json";
    try (var in = ConfigurationOptions.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("kge4j is packaged without " + resource);
      }
      return PipelineConfig.fromPipelineMap(OutputFiles.json().readValue(in, MAP));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void note(String message) {
    commandLine.getErr().println("kge4j: note: " + message);
  }
}
