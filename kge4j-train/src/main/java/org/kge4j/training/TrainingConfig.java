package org.kge4j.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.MarginActivation;
import org.kge4j.loss.Reduction;
import org.kge4j.loss.UnsupportedLabelSmoothingException;
import org.kge4j.model.Models;
import org.kge4j.optim.Optimizers;
import org.kge4j.sampling.NegativeSamplers;

/**
 * Everything that determines a training run: model, loop, sampling, optimizer, loss and validation.
 * Immutable; build with {@link #builder()}, whose defaults are listed on each setter. Two runs with
 * equal configurations on the same data give bit-identical models, whatever {@link #numThreads()}
 * is.
 *
 * <p>The loss is PyKEEN's {@code DoubleMarginLoss} configured either by margins ({@code
 * positiveMargin}, {@code negativeMargin}, {@code offset}, resolved by {@link
 * DoubleMarginLoss#resolveMargin}) or by BootEA distance limits ({@code positiveDistanceLimit} γ1,
 * {@code negativeDistanceLimit} γ2: {@link DoubleMarginLoss#fromDistanceLimits}{@code (γ1, γ2, μ1)}
 * with {@code μ1 = (1 - balance) / balance}, so the balance keeps its meaning as the positive
 * term's weight; ReLU and sum reduction), which distance models (TransE, RotatE) need to learn.
 *
 * @param model {@code transe}, {@code distmult}, {@code complex} or {@code rotate}
 * @param dim embedding dimension (complex dimension for ComplEx and RotatE), {@code >= 1}
 * @param scoringNorm TransE's norm, 1 or 2
 * @param regularizerWeight weight of the model's default regularizer; null = PyKEEN's default
 * @param loop sLCWA or LCWA
 * @param negativeSampler {@code basic} or {@code bernoulli} (sLCWA)
 * @param numNegsPerPos negatives per positive (sLCWA), {@code >= 1}
 * @param filterNegatives whether known positives are removed from the negatives (sLCWA)
 * @param epochs number of epochs, {@code >= 1}
 * @param batchSize positives (sLCWA) or (h, r)/(r, t) pairs (LCWA) per batch, {@code >= 1}
 * @param optimizer {@code adam}, {@code sparseadam}, {@code adagrad} or {@code sgd}
 * @param learningRate the optimizer's learning rate, {@code > 0}
 * @param seed seed of initialisation, shuffling and sampling
 * @param positiveMargin λ, or null
 * @param negativeMargin λ̄, or null
 * @param offset λ - λ̄, or null
 * @param positiveNegativeBalance weight of the positive term, in (0, 1)
 * @param marginActivation {@code relu} or {@code softplus}; null = ReLU
 * @param reduction {@code mean} or {@code sum}; null = mean (sum with distance limits)
 * @param positiveDistanceLimit γ1 of the distance-limit form, or null
 * @param negativeDistanceLimit γ2 of the distance-limit form, or null
 * @param labelSmoothing LCWA label smoothing in [0, 1), or null
 * @param validationFrequency evaluate on the validation split every this many epochs; 0 = never
 * @param earlyStoppingPatience stop after this many evaluations without improvement of {@code
 *     both.realistic.inverse_harmonic_mean_rank}; 0 = no early stopping
 * @param earlyStoppingRelativeDelta minimal relative improvement that counts, {@code >= 0}
 * @param numThreads worker threads, {@code >= 1}; does not change results
 */
public record TrainingConfig(
    String model,
    int dim,
    int scoringNorm,
    Double regularizerWeight,
    LoopKind loop,
    String negativeSampler,
    int numNegsPerPos,
    boolean filterNegatives,
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    long seed,
    Double positiveMargin,
    Double negativeMargin,
    Double offset,
    double positiveNegativeBalance,
    String marginActivation,
    String reduction,
    Double positiveDistanceLimit,
    Double negativeDistanceLimit,
    Double labelSmoothing,
    int validationFrequency,
    int earlyStoppingPatience,
    double earlyStoppingRelativeDelta,
    int numThreads) {

  /** The metric early stopping watches (PyKEEN's name). */
  public static final String EARLY_STOPPING_METRIC = "both.realistic.inverse_harmonic_mean_rank";

  /**
   * Validates every option.
   *
   * @throws IllegalArgumentException naming the first invalid option, its value and what is
   *     allowed; {@link UnsupportedLabelSmoothingException} for label smoothing with sLCWA
   */
  public TrainingConfig {
    Objects.requireNonNull(loop, "loop");
    model = choice("model", model, Models.NAMES);
    optimizer = choice("optimizer", optimizer, Optimizers.NAMES);
    negativeSampler = choice("negative sampler", negativeSampler, NegativeSamplers.names());
    atLeast("dim", dim, 1);
    if (scoringNorm != 1 && scoringNorm != 2) {
      throw new IllegalArgumentException("scoring norm must be 1 or 2, got " + scoringNorm);
    }
    if (regularizerWeight != null
        && (!(regularizerWeight >= 0) || Double.isInfinite(regularizerWeight))) {
      throw new IllegalArgumentException(
          "regularizer weight must be finite and >= 0, got " + regularizerWeight);
    }
    atLeast("negatives per positive", numNegsPerPos, 1);
    atLeast("epochs", epochs, 1);
    atLeast("batch size", batchSize, 1);
    atLeast("threads", numThreads, 1);
    atLeast("validation frequency", validationFrequency, 0);
    atLeast("early stopping patience", earlyStoppingPatience, 0);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be finite and > 0, got " + learningRate);
    }
    if (!(earlyStoppingRelativeDelta >= 0) || Double.isInfinite(earlyStoppingRelativeDelta)) {
      throw new IllegalArgumentException(
          "early stopping relative delta must be finite and >= 0,"
              + " got "
              + earlyStoppingRelativeDelta);
    }
    if (earlyStoppingPatience > 0 && validationFrequency == 0) {
      throw new IllegalArgumentException(
          "early stopping (patience "
              + earlyStoppingPatience
              + ") needs a validation frequency >= 1, got 0");
    }
    if ((positiveDistanceLimit == null) != (negativeDistanceLimit == null)) {
      throw new IllegalArgumentException(
          "distance limits need both gamma1 and gamma2, got "
              + positiveDistanceLimit
              + " and "
              + negativeDistanceLimit);
    }
    if (positiveDistanceLimit != null) {
      if (positiveMargin != null || negativeMargin != null || offset != null) {
        throw new IllegalArgumentException(
            "give either distance limits or margins, got distance"
                + " limits "
                + positiveDistanceLimit
                + ","
                + negativeDistanceLimit
                + " and positive margin "
                + positiveMargin
                + ", negative margin "
                + negativeMargin
                + ", offset "
                + offset);
      }
      if (marginActivation != null
          && MarginActivation.of(marginActivation) != MarginActivation.RELU) {
        throw new IllegalArgumentException(
            "distance limits use the relu activation, got " + marginActivation);
      }
      if (reduction != null && Reduction.of(reduction) != Reduction.SUM) {
        throw new IllegalArgumentException(
            "distance limits use the sum reduction, got " + reduction);
      }
    }
    if (labelSmoothing != null && labelSmoothing != 0.0 && loop == LoopKind.SLCWA) {
      throw new UnsupportedLabelSmoothingException("DoubleMarginLoss", labelSmoothing);
    }
    // builds the loss once so that every invalid loss option fails here, not mid-training
    buildLoss(
        positiveMargin,
        negativeMargin,
        offset,
        positiveNegativeBalance,
        marginActivation,
        reduction,
        positiveDistanceLimit,
        negativeDistanceLimit);
    if (labelSmoothing != null && !(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException(
          "label smoothing must be in [0, 1), got " + labelSmoothing);
    }
  }

  /** A builder with the defaults documented on its setters. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The configured loss. */
  public DoubleMarginLoss loss() {
    return buildLoss(
        positiveMargin,
        negativeMargin,
        offset,
        positiveNegativeBalance,
        marginActivation,
        reduction,
        positiveDistanceLimit,
        negativeDistanceLimit);
  }

  /** Whether the loss uses the BootEA distance-limit form. */
  public boolean usesDistanceLimits() {
    return positiveDistanceLimit != null;
  }

  private static DoubleMarginLoss buildLoss(
      Double positiveMargin,
      Double negativeMargin,
      Double offset,
      double balance,
      String activation,
      String reduction,
      Double gamma1,
      Double gamma2) {
    if (gamma1 != null) {
      if (!(balance > 0 && balance < 1)) {
        throw new IllegalArgumentException(
            "positive_negative_balance must be in the open interval (0, 1), got " + balance);
      }
      return DoubleMarginLoss.fromDistanceLimits(gamma1, gamma2, (1 - balance) / balance);
    }
    DoubleMarginLoss.Builder builder =
        DoubleMarginLoss.builder()
            .positiveMargin(positiveMargin)
            .negativeMargin(negativeMargin)
            .offset(offset)
            .positiveNegativeBalance(balance);
    if (activation != null) {
      builder.marginActivation(activation);
    }
    if (reduction != null) {
      builder.reduction(reduction);
    }
    return builder.build();
  }

  /**
   * The configuration under PyKEEN-style keys (snake case), for results files and checkpoints;
   * values are strings, numbers, booleans or null.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("model", model);
    map.put("embedding_dim", dim);
    map.put("scoring_fct_norm", scoringNorm);
    map.put("regularizer_weight", regularizerWeight);
    map.put("training_loop", loop.id());
    map.put("negative_sampler", negativeSampler);
    map.put("num_negs_per_pos", numNegsPerPos);
    map.put("filter_negatives", filterNegatives);
    map.put("num_epochs", epochs);
    map.put("batch_size", batchSize);
    map.put("optimizer", optimizer);
    map.put("lr", learningRate);
    map.put("random_seed", seed);
    map.put("positive_margin", positiveMargin);
    map.put("negative_margin", negativeMargin);
    map.put("offset", offset);
    map.put("positive_negative_balance", positiveNegativeBalance);
    map.put("margin_activation", marginActivation);
    map.put("reduction", reduction);
    map.put("distance_limit_positive", positiveDistanceLimit);
    map.put("distance_limit_negative", negativeDistanceLimit);
    map.put("label_smoothing", labelSmoothing);
    map.put("validation_frequency", validationFrequency);
    map.put("early_stopping_patience", earlyStoppingPatience);
    map.put("early_stopping_relative_delta", earlyStoppingRelativeDelta);
    map.put("num_threads", numThreads);
    return Collections.unmodifiableMap(map);
  }

  /**
   * Rebuilds a configuration from {@link #toMap()}'s keys with values given as strings ({@code
   * "null"} for null), as a checkpoint stores them.
   *
   * @throws IllegalArgumentException for a missing key, an unparsable or invalid value
   */
  public static TrainingConfig fromStrings(Map<String, String> values) {
    Parser p = new Parser(values);
    return new TrainingConfig(
        p.string("model"),
        p.integer("embedding_dim"),
        p.integer("scoring_fct_norm"),
        p.nullableDouble("regularizer_weight"),
        LoopKind.of(p.string("training_loop")),
        p.string("negative_sampler"),
        p.integer("num_negs_per_pos"),
        Boolean.parseBoolean(p.string("filter_negatives")),
        p.integer("num_epochs"),
        p.integer("batch_size"),
        p.string("optimizer"),
        p.number("lr"),
        Long.parseLong(p.string("random_seed")),
        p.nullableDouble("positive_margin"),
        p.nullableDouble("negative_margin"),
        p.nullableDouble("offset"),
        p.number("positive_negative_balance"),
        p.nullableString("margin_activation"),
        p.nullableString("reduction"),
        p.nullableDouble("distance_limit_positive"),
        p.nullableDouble("distance_limit_negative"),
        p.nullableDouble("label_smoothing"),
        p.integer("validation_frequency"),
        p.integer("early_stopping_patience"),
        p.number("early_stopping_relative_delta"),
        p.integer("num_threads"));
  }

  private static final class Parser {
    private final Map<String, String> values;

    Parser(Map<String, String> values) {
      this.values = values;
    }

    String nullableString(String key) {
      if (!values.containsKey(key)) {
        throw new IllegalArgumentException("configuration lacks the key " + key);
      }
      String value = values.get(key);
      return value == null || value.equals("null") ? null : value;
    }

    String string(String key) {
      String value = nullableString(key);
      if (value == null) {
        throw new IllegalArgumentException("configuration key " + key + " must not be null");
      }
      return value;
    }

    int integer(String key) {
      String value = string(key);
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "configuration key " + key + " must be an integer, got " + value, e);
      }
    }

    double number(String key) {
      Double value = nullableDouble(key);
      if (value == null) {
        throw new IllegalArgumentException("configuration key " + key + " must not be null");
      }
      return value;
    }

    Double nullableDouble(String key) {
      String value = nullableString(key);
      try {
        return value == null ? null : Double.valueOf(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "configuration key " + key + " must be a number, got " + value, e);
      }
    }
  }

  private static String choice(String what, String value, java.util.List<String> allowed) {
    String key = value == null ? null : value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(key)) {
      throw new IllegalArgumentException(what + " must be one of " + allowed + ", got " + value);
    }
    return key;
  }

  private static void atLeast(String what, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
    }
  }

  /** Builds a {@link TrainingConfig}; every setter documents its default. */
  public static final class Builder {
    private String model = "distmult";
    private int dim = 64;
    private int scoringNorm = 1;
    private Double regularizerWeight;
    private LoopKind loop = LoopKind.SLCWA;
    private String negativeSampler = "basic";
    private int numNegsPerPos = 32;
    private boolean filterNegatives;
    private int epochs = 100;
    private int batchSize = 512;
    private String optimizer = "adam";
    private double learningRate = 0.01;
    private long seed = 42;
    private Double positiveMargin;
    private Double negativeMargin;
    private Double offset;
    private double positiveNegativeBalance = 0.5;
    private String marginActivation;
    private String reduction;
    private Double positiveDistanceLimit;
    private Double negativeDistanceLimit;
    private Double labelSmoothing;
    private int validationFrequency;
    private int earlyStoppingPatience;
    private double earlyStoppingRelativeDelta = 0.01;
    private int numThreads = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    private Builder(TrainingConfig c) {
      model = c.model;
      dim = c.dim;
      scoringNorm = c.scoringNorm;
      regularizerWeight = c.regularizerWeight;
      loop = c.loop;
      negativeSampler = c.negativeSampler;
      numNegsPerPos = c.numNegsPerPos;
      filterNegatives = c.filterNegatives;
      epochs = c.epochs;
      batchSize = c.batchSize;
      optimizer = c.optimizer;
      learningRate = c.learningRate;
      seed = c.seed;
      positiveMargin = c.positiveMargin;
      negativeMargin = c.negativeMargin;
      offset = c.offset;
      positiveNegativeBalance = c.positiveNegativeBalance;
      marginActivation = c.marginActivation;
      reduction = c.reduction;
      positiveDistanceLimit = c.positiveDistanceLimit;
      negativeDistanceLimit = c.negativeDistanceLimit;
      labelSmoothing = c.labelSmoothing;
      validationFrequency = c.validationFrequency;
      earlyStoppingPatience = c.earlyStoppingPatience;
      earlyStoppingRelativeDelta = c.earlyStoppingRelativeDelta;
      numThreads = c.numThreads;
    }

    /** Model name; default {@code distmult}. */
    public Builder model(String value) {
      model = value;
      return this;
    }

    /** Embedding dimension; default 64. */
    public Builder dim(int value) {
      dim = value;
      return this;
    }

    /** TransE's norm, 1 or 2; default 1 (PyKEEN's). */
    public Builder scoringNorm(int value) {
      scoringNorm = value;
      return this;
    }

    /** Weight of the model's default regularizer; default null = PyKEEN's weight. */
    public Builder regularizerWeight(Double value) {
      regularizerWeight = value;
      return this;
    }

    /** Training loop; default sLCWA. */
    public Builder loop(LoopKind value) {
      loop = value;
      return this;
    }

    /** Training loop by name, {@code slcwa} or {@code lcwa}. */
    public Builder loop(String value) {
      loop = LoopKind.of(value);
      return this;
    }

    /** Negative sampler, {@code basic} or {@code bernoulli}; default {@code basic}. */
    public Builder negativeSampler(String value) {
      negativeSampler = value;
      return this;
    }

    /** Negatives per positive; default 32. */
    public Builder numNegsPerPos(int value) {
      numNegsPerPos = value;
      return this;
    }

    /** Whether to filter false negatives; default false. */
    public Builder filterNegatives(boolean value) {
      filterNegatives = value;
      return this;
    }

    /** Number of epochs; default 100. */
    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    /** Batch size; default 512. */
    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    /** Optimizer name; default {@code adam}. */
    public Builder optimizer(String value) {
      optimizer = value;
      return this;
    }

    /** Learning rate; default 0.01. */
    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    /** Random seed; default 42. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Positive margin λ; default null (PyKEEN's resolution: 1.0 when all margins are null). */
    public Builder positiveMargin(Double value) {
      positiveMargin = value;
      return this;
    }

    /** Negative margin λ̄; default null (0.0 when all margins are null). */
    public Builder negativeMargin(Double value) {
      negativeMargin = value;
      return this;
    }

    /** Offset λ - λ̄; default null. */
    public Builder offset(Double value) {
      offset = value;
      return this;
    }

    /** Positive-negative balance; default 0.5. */
    public Builder positiveNegativeBalance(double value) {
      positiveNegativeBalance = value;
      return this;
    }

    /** Margin activation, {@code relu} or {@code softplus}; default null = ReLU. */
    public Builder marginActivation(String value) {
      marginActivation = value;
      return this;
    }

    /** Reduction, {@code mean} or {@code sum}; default null = mean (sum with distance limits). */
    public Builder reduction(String value) {
      reduction = value;
      return this;
    }

    /** BootEA distance limits γ1 &lt; γ2 instead of margins; default none. */
    public Builder distanceLimits(Double gamma1, Double gamma2) {
      positiveDistanceLimit = gamma1;
      negativeDistanceLimit = gamma2;
      return this;
    }

    /** LCWA label smoothing; default null (none). */
    public Builder labelSmoothing(Double value) {
      labelSmoothing = value;
      return this;
    }

    /** Validate every this many epochs; default 0 = never. */
    public Builder validationFrequency(int value) {
      validationFrequency = value;
      return this;
    }

    /** Early stopping patience in evaluations; default 0 = off. */
    public Builder earlyStoppingPatience(int value) {
      earlyStoppingPatience = value;
      return this;
    }

    /** Minimal relative improvement for early stopping; default 0.01 (PyKEEN's). */
    public Builder earlyStoppingRelativeDelta(double value) {
      earlyStoppingRelativeDelta = value;
      return this;
    }

    /** Worker threads; default the number of available processors. */
    public Builder numThreads(int value) {
      numThreads = value;
      return this;
    }

    /**
     * Builds and validates the configuration.
     *
     * @throws IllegalArgumentException for the first invalid option
     */
    public TrainingConfig build() {
      return new TrainingConfig(
          model,
          dim,
          scoringNorm,
          regularizerWeight,
          loop,
          negativeSampler,
          numNegsPerPos,
          filterNegatives,
          epochs,
          batchSize,
          optimizer,
          learningRate,
          seed,
          positiveMargin,
          negativeMargin,
          offset,
          positiveNegativeBalance,
          marginActivation,
          reduction,
          positiveDistanceLimit,
          negativeDistanceLimit,
          labelSmoothing,
          validationFrequency,
          earlyStoppingPatience,
          earlyStoppingRelativeDelta,
          numThreads);
    }
  }
}
