package org.kge4j.loss;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.loss.kernel.LabelledTerm;
import org.kge4j.loss.kernel.MarginKernels;
import org.kge4j.loss.kernel.MarginTerms;
import org.kge4j.loss.kernel.NegativeTerm;
import org.kge4j.loss.kernel.PositiveTerm;
import org.kge4j.tensor.BoolTensor;
import org.kge4j.tensor.FloatTensor;
import org.kge4j.tensor.Shapes;

/**
 * PyKEEN's {@code DoubleMarginLoss}: a limit-based loss with separate absolute margins for positive
 * and negative scores [Sun et al., 2018]:
 *
 * <pre>
 *   L = w+ · R( t · h(λ − x) ) + w− · R( (1 − t) · g(λ̄ + x) )
 * </pre>
 *
 * with scores {@code x}, labels {@code t ∈ [0, 1]}, positive margin {@code λ}, negative margin
 * {@code λ̄}, {@code w+ = positive_negative_balance}, {@code w− = 1 − w+}, {@code R} the mean or
 * sum over the broadcast shape, and {@code h = g} the {@link MarginActivation}. Positives reach
 * zero loss at {@code x >= λ}, negatives at {@code x <= −λ̄}; between lies the natural decision
 * boundary.
 *
 * <p>sLCWA: dense {@code L = w+·R(h(λ − k)) + w−·R(g(λ̄ + k̄))} over {@code (B, 1)} positives and
 * {@code (B, K)} negatives, the positive term multiplied by {@code K} under {@code sum}; filtered,
 * the positives are repeated once per kept negative before the reduction.
 *
 * <p>Margins and weights are rounded to float32 before use, as PyTorch does with Python floats, so
 * values and gradients equal PyTorch autograd's. Deliberate differences from PyKEEN's code are the
 * rules R1–R8 (see the README), and the additions: sample weights, {@link #fromDistanceLimits}, and
 * a warning when the zero-loss zones overlap ({@code λ + λ̄ < 0}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DoubleMarginLoss extends PointwiseLoss {
  /** PyKEEN's {@code hpo_default}. */
  public static final HpoSpace HPO_DEFAULT =
      HpoSpace.of(
          new FloatParameter("positive_margin", -1, 1, false),
          new FloatParameter("offset", 0, 1, false),
          new FloatParameter("positive_negative_balance", 1.0e-3, 1.0 - 1.0e-3, false),
          new CategoricalParameter(
              "margin_activation", List.of("hard", "relu", "soft", "softplus")));

  /** The keyword names accepted by {@link #fromConfig}, as PyKEEN's constructor. */
  public static final Set<String> CONFIG_KEYS =
      Set.of(
          "positive_margin",
          "negative_margin",
          "offset",
          "positive_negative_balance",
          "margin_activation",
          "reduction");

  /** Lower bound of the denominator of a weighted mean, so all-zero weights give 0, not NaN. */
  static final double WEIGHT_EPSILON = 1e-12;

  private static final System.Logger LOG = System.getLogger(DoubleMarginLoss.class.getName());
  private static final Set<Margins> WARNED_OVERLAPS = ConcurrentHashMap.newKeySet();

  private final double positiveMargin;
  private final double negativeMargin;
  private final double positiveNegativeBalance;
  private final MarginTerms terms;

  private DoubleMarginLoss(
      Margins margins,
      double positiveNegativeBalance,
      MarginActivation marginActivation,
      Reduction reduction) {
    super(reduction);
    if (marginActivation == null) {
      throw new IllegalArgumentException("margin activation must not be null");
    }
    if (!Float.isFinite((float) margins.positive())
        || !Float.isFinite((float) margins.negative())) {
      throw new IllegalArgumentException(
          "margins must be representable as float32 (|margin| <= "
              + Float.MAX_VALUE
              + "), got "
              + margins);
    }
    this.positiveMargin = margins.positive();
    this.negativeMargin = margins.negative();
    this.positiveNegativeBalance = positiveNegativeBalance;
    this.terms =
        new MarginTerms(
            marginActivation,
            (float) positiveMargin,
            (float) negativeMargin,
            (float) positiveNegativeBalance,
            (float) (1.0 - positiveNegativeBalance));
    warnIfZonesOverlap(margins);
  }

  /** A builder with PyKEEN's defaults: margins (1.0, 0.0), balance 0.5, ReLU, mean. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the loss from PyKEEN's keyword arguments: {@code positive_margin}, {@code
   * negative_margin}, {@code offset}, {@code positive_negative_balance}, {@code margin_activation},
   * {@code reduction}. Absent keys take PyKEEN's defaults.
   *
   * @throws IllegalArgumentException for an unknown key (listing the valid ones), a value of the
   *     wrong type, or an invalid value
   */
  public static DoubleMarginLoss fromConfig(Map<String, ?> kwargs) {
    Builder builder = builder();
    if (kwargs == null) {
      return builder.build();
    }
    Set<String> unknown = new TreeSet<>(kwargs.keySet());
    unknown.removeAll(CONFIG_KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown DoubleMarginLoss keyword(s) "
              + unknown
              + "; valid keys are "
              + new TreeSet<>(CONFIG_KEYS));
    }
    builder.positiveMargin(number(kwargs, "positive_margin"));
    builder.negativeMargin(number(kwargs, "negative_margin"));
    builder.offset(number(kwargs, "offset"));
    if (kwargs.containsKey("positive_negative_balance")) {
      Double balance = number(kwargs, "positive_negative_balance");
      if (balance == null) {
        throw new IllegalArgumentException(
            "positive_negative_balance must be a number in (0, 1), got null");
      }
      builder.positiveNegativeBalance(balance);
    }
    option(
        kwargs,
        "margin_activation",
        MarginActivation.class,
        builder::marginActivation,
        builder::marginActivation,
        "a name or a MarginActivation");
    option(
        kwargs,
        "reduction",
        Reduction.class,
        builder::reduction,
        builder::reduction,
        "'mean' or 'sum'");
    return builder.build();
  }

  /**
   * Hands the keyword {@code key}, where given, to {@code byName} when it is a name (or null, the
   * default) and to {@code byValue} when it is already a {@code type}.
   *
   * @throws IllegalArgumentException for any other value, saying what is {@code allowed}
   */
  private static <T> void option(
      Map<String, ?> kwargs,
      String key,
      Class<T> type,
      Consumer<String> byName,
      Consumer<T> byValue,
      String allowed) {
    if (!kwargs.containsKey(key)) {
      return;
    }
    Object value = kwargs.get(key);
    if (value == null || value instanceof String) {
      byName.accept((String) value);
    } else if (type.isInstance(value)) {
      byValue.accept(type.cast(value));
    } else {
      throw new IllegalArgumentException(
          key + " must be " + allowed + ", got " + value.getClass().getSimpleName() + " " + value);
    }
  }

  private static Double number(Map<String, ?> kwargs, String key) {
    Object value = kwargs.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException(
          key
              + " must be a number or null, got "
              + value.getClass().getSimpleName()
              + " '"
              + value
              + "'");
    }
    return n.doubleValue();
  }

  /**
   * PyKEEN's {@code resolve_margin}: the pair {@code (λ, λ̄)} from exactly one of three
   * combinations, the other value being null:
   *
   * <ol>
   *   <li>{@code positiveMargin} and {@code negativeMargin}: as given, requiring {@code λ >= λ̄};
   *   <li>{@code negativeMargin} and {@code offset}: {@code λ = λ̄ + offset};
   *   <li>{@code positiveMargin} and {@code offset}: {@code λ̄ = λ − offset}.
   * </ol>
   *
   * All three null give the default {@code (1.0, 0.0)}. There is deliberately no precedence: any
   * other combination fails fast. The offset must be {@code >= 0} and every value finite (R6).
   *
   * @throws IllegalArgumentException for any other combination or invalid value
   */
  public static Margins resolveMargin(Double positiveMargin, Double negativeMargin, Double offset) {
    requireFiniteOrNull("positive_margin", positiveMargin);
    requireFiniteOrNull("negative_margin", negativeMargin);
    requireFiniteOrNull("offset", offset);
    Margins margins;
    if (positiveMargin == null && negativeMargin == null && offset == null) {
      margins = new Margins(1.0, 0.0);
    } else if (positiveMargin != null && negativeMargin != null && offset == null) {
      if (negativeMargin > positiveMargin) {
        throw new IllegalArgumentException(
            "positive_margin ("
                + positiveMargin
                + ") must not be smaller than negative_margin ("
                + negativeMargin
                + ")");
      }
      margins = new Margins(positiveMargin, negativeMargin);
    } else if (positiveMargin == null && negativeMargin != null && offset != null) {
      requireNonNegativeOffset(offset);
      margins = new Margins(negativeMargin + offset, negativeMargin);
    } else if (positiveMargin != null && negativeMargin == null && offset != null) {
      requireNonNegativeOffset(offset);
      margins = new Margins(positiveMargin, positiveMargin - offset);
    } else {
      throw new IllegalArgumentException(
          "invalid combination of margins: positive_margin="
              + positiveMargin
              + ", negative_margin="
              + negativeMargin
              + ", offset="
              + offset
              + "; give exactly one of"
              + " (positive_margin, negative_margin), (negative_margin, offset), (positive_margin, offset),"
              + " or none of them for the default (1.0, 0.0)");
    }
    if (!Double.isFinite(margins.positive()) || !Double.isFinite(margins.negative())) {
      throw new IllegalArgumentException(
          "margins must be finite, but positive_margin="
              + positiveMargin
              + ", negative_margin="
              + negativeMargin
              + ", offset="
              + offset
              + " resolve to "
              + margins);
    }
    return margins;
  }

  private static void requireFiniteOrNull(String name, Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite (rule R6), got " + value);
    }
  }

  private static void requireNonNegativeOffset(double offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, got " + offset);
    }
  }

  private static double requireBalance(double balance) {
    if (!(balance > 0.0 && balance < 1.0)) {
      throw new IllegalArgumentException(
          "positive_negative_balance must be in the open interval (0, 1) (rule R1), got "
              + balance);
    }
    return balance;
  }

  /**
   * The BootEA parameterisation for distance-based models (score = −distance, e.g. TransE, RotatE):
   * positives should lie within distance {@code γ1}, negatives beyond {@code γ2 > γ1}, negatives
   * weighted by {@code μ1}. The value is BootEA's objective divided by {@code 1 + μ1}:
   *
   * <pre>
   *   L = ( Σ [f − γ1]+ + μ1 · Σ [γ2 − f']+ ) / (1 + μ1)
   * </pre>
   *
   * i.e. {@code λ = −γ1}, {@code λ̄ = γ2}, balance {@code 1/(1 + μ1)}, ReLU, {@code sum}. The
   * {@code λ >= λ̄} rule of {@link #resolveMargin} does not apply: it is what makes distance models
   * unlearnable with PyKEEN's margins, whose zero-loss zones cannot be separated by scores {@code
   * <= 0}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= γ1 < γ2} and {@code μ1 > 0}, all finite
   */
  public static DoubleMarginLoss fromDistanceLimits(double gamma1, double gamma2, double mu1) {
    if (!Double.isFinite(gamma1)
        || !Double.isFinite(gamma2)
        || !(gamma1 >= 0)
        || !(gamma1 < gamma2)) {
      throw new IllegalArgumentException(
          "distance limits need finite 0 <= gamma1 < gamma2, got gamma1="
              + gamma1
              + ", gamma2="
              + gamma2);
    }
    if (!Double.isFinite(mu1) || !(mu1 > 0)) {
      throw new IllegalArgumentException(
          "mu1 (weight of the negative term) must be finite and > 0, got " + mu1);
    }
    return new DoubleMarginLoss(
        new Margins(-gamma1, gamma2),
        requireBalance(1.0 / (1.0 + mu1)),
        MarginActivation.RELU,
        Reduction.SUM);
  }

  private static void warnIfZonesOverlap(Margins margins) {
    if (margins.positive() + margins.negative() < 0 && WARNED_OVERLAPS.add(margins)) {
      LOG.log(
          System.Logger.Level.WARNING,
          () ->
              "DoubleMarginLoss zero-loss zones overlap: positives are"
                  + " satisfied at score >= "
                  + margins.positive()
                  + " and negatives at score <= "
                  + (-margins.negative())
                  + ", so a model can score every triple in between without loss."
                  + " Choose positive_margin + negative_margin > 0.");
    }
  }

  /** The positive margin {@code λ}. */
  public double positiveMargin() {
    return positiveMargin;
  }

  /** The negative margin {@code λ̄}. */
  public double negativeMargin() {
    return negativeMargin;
  }

  /** The weight of the positive term, {@code w+ = positive_negative_balance}. */
  public double positiveWeight() {
    return positiveNegativeBalance;
  }

  /** The weight of the negative term, {@code w− = 1 − positive_negative_balance}. */
  public double negativeWeight() {
    return 1.0 - positiveNegativeBalance;
  }

  /** The margin activation {@code h = g}. */
  public MarginActivation marginActivation() {
    return terms.activation();
  }

  /** The float32 constants the kernels use. */
  public MarginTerms terms() {
    return terms;
  }

  @Override
  public HpoSpace hpoDefault() {
    return HPO_DEFAULT;
  }

  @Override
  public LossOutput forward(FloatTensor predictions, FloatTensor labels) {
    return forward(predictions, labels, null);
  }

  /**
   * {@link #forward(FloatTensor, FloatTensor)} with sample weights {@code s} broadcastable to the
   * loss shape: {@code Σ s·ℓ / max(Σ s, 1e-12)} under {@code mean}, {@code Σ s·ℓ} under {@code
   * sum}.
   *
   * @param sampleWeights finite, non-negative; null for none
   */
  public LossOutput forward(
      FloatTensor predictions, FloatTensor labels, FloatTensor sampleWeights) {
    return pointwise(predictions, labels, sampleWeights, 1f, 0f);
  }

  @Override
  public LossOutput processLcwaScores(
      FloatTensor predictions, FloatTensor labels, Double labelSmoothing, Integer numEntities) {
    return processLcwaScores(predictions, labels, labelSmoothing, numEntities, null);
  }

  /**
   * {@link #processLcwaScores(FloatTensor, FloatTensor, Double, Integer)} with sample weights, as
   * in {@link #forward(FloatTensor, FloatTensor, FloatTensor)}.
   */
  public LossOutput processLcwaScores(
      FloatTensor predictions,
      FloatTensor labels,
      Double labelSmoothing,
      Integer numEntities,
      FloatTensor sampleWeights) {
    LabelSmoothing smoothing = LabelSmoothing.of(labelSmoothing, numEntities);
    return pointwise(predictions, labels, sampleWeights, smoothing.keep(), smoothing.spread());
  }

  private LossOutput pointwise(
      FloatTensor predictions,
      FloatTensor labels,
      FloatTensor sampleWeights,
      float smoothKeep,
      float smoothSpread) {
    requireTensor(predictions, "predictions");
    requireTensor(labels, "labels");
    int[] predictionShape = predictions.shape();
    int[] labelShape = labels.shape();
    int[] shape = Shapes.broadcast(predictionShape, labelShape);
    int size = Shapes.elementCount(shape);
    if (size == 0) {
      throw new IllegalArgumentException(
          "empty input: predictions "
              + Shapes.format(predictionShape)
              + " and labels "
              + Shapes.format(labelShape)
              + " broadcast to "
              + Shapes.format(shape)
              + ", which has no elements; the loss of nothing is undefined");
    }
    float[] x = expandTo(predictions, shape);
    float[] t = expandTo(labels, shape);
    float[] weights = null;
    double denominator = size;
    if (sampleWeights != null) {
      int[] weightShape = sampleWeights.shape();
      if (!Arrays.equals(Shapes.broadcast(weightShape, shape), shape)) {
        throw new IllegalArgumentException(
            "sample weights of shape "
                + Shapes.format(weightShape)
                + " must broadcast to the loss shape "
                + Shapes.format(shape)
                + " without enlarging it");
      }
      weights = expandTo(sampleWeights, shape);
      denominator = Math.max(sumOfWeights(weights, size, "sample weights"), WEIGHT_EPSILON);
    }
    boolean mean = reduction() == Reduction.MEAN;
    float[] gradient = new float[size];
    double sum =
        MarginKernels.sum(
            new LabelledTerm(terms, x, t, weights, smoothKeep, smoothSpread, gradient),
            mean ? (float) (1.0 / denominator) : 1f,
            0,
            size,
            "predictions");
    float[] predictionGradient =
        Arrays.equals(predictionShape, shape)
            ? gradient
            : Shapes.sumTo(gradient, shape, predictionShape);
    return new LossOutput(
        mean ? sum / denominator : sum, FloatTensor.of(predictionGradient, predictionShape));
  }

  private static float[] expandTo(FloatTensor tensor, int[] shape) {
    int[] own = tensor.shape();
    float[] data = tensor.toArray();
    return Arrays.equals(own, shape) ? data : Shapes.expand(data, own, shape);
  }

  @Override
  public SlcwaLossOutput processSlcwaScores(
      FloatTensor positiveScores,
      FloatTensor negativeScores,
      Double labelSmoothing,
      BoolTensor batchFilter,
      Integer numEntities) {
    return processSlcwaScores(
        positiveScores, negativeScores, labelSmoothing, batchFilter, numEntities, null);
  }

  /**
   * {@link #processSlcwaScores(FloatTensor, FloatTensor, Double, BoolTensor, Integer)} with one
   * sample weight {@code s_i} per positive triple ({@code (B,)} or {@code (B, 1)}), applied to its
   * positive term and to each of its negatives; a weighted mean divides by the total weight of the
   * terms.
   */
  public SlcwaLossOutput processSlcwaScores(
      FloatTensor positiveScores,
      FloatTensor negativeScores,
      Double labelSmoothing,
      BoolTensor batchFilter,
      Integer numEntities,
      FloatTensor sampleWeights) {
    rejectLabelSmoothing(labelSmoothing);
    requireTensor(positiveScores, "positive_scores");
    requireTensor(negativeScores, "negative_scores");
    int[] positiveShape = positiveScores.shape();
    int batchSize = positiveBatchSize(positiveShape);
    float[] weights = null;
    if (sampleWeights != null) {
      int[] weightShape = sampleWeights.shape();
      if (positiveBatchSizeOrMinusOne(weightShape) != batchSize) {
        throw new IllegalArgumentException(
            "sLCWA sample weights must be (B,) or (B, 1) with B = "
                + batchSize
                + " as positive_scores "
                + Shapes.format(positiveShape)
                + ", got "
                + Shapes.format(weightShape));
      }
      weights = sampleWeights.toArray();
    }
    int[] negativeShape = negativeScores.shape();
    if (batchFilter == null) {
      if (negativeShape.length != 2 || negativeShape[0] != batchSize) {
        throw new IllegalArgumentException(
            "without a batch_filter, negative_scores must be (B, K) with B = "
                + batchSize
                + " as positive_scores "
                + Shapes.format(positiveShape)
                + ", got "
                + Shapes.format(negativeShape)
                + " (rule R7)");
      }
      int numNegsPerPos = negativeShape[1];
      if (numNegsPerPos == 0) {
        throw new IllegalArgumentException(
            "negative_scores "
                + Shapes.format(negativeShape)
                + " has no negatives per positive (K = 0); the dense sLCWA loss needs K >= 1");
      }
      float[] positiveGradient = new float[batchSize];
      float[] negativeGradient = new float[batchSize * numNegsPerPos];
      double value =
          slcwa(
              positiveScores.toArray(),
              negativeScores.toArray(),
              null,
              weights,
              batchSize,
              numNegsPerPos,
              positiveGradient,
              negativeGradient);
      return new SlcwaLossOutput(
          value,
          FloatTensor.of(positiveGradient, positiveShape),
          FloatTensor.of(negativeGradient, negativeShape));
    }
    int[] filterShape = batchFilter.shape();
    if (filterShape.length != 2 || filterShape[0] != batchSize) {
      throw new IllegalArgumentException(
          "batch_filter must be (B, K) with B = "
              + batchSize
              + " as positive_scores "
              + Shapes.format(positiveShape)
              + ", got "
              + Shapes.format(filterShape)
              + " (rule R7)");
    }
    boolean[] keep = batchFilter.toArray();
    int kept = batchFilter.countTrue();
    if (negativeShape.length != 1 || negativeShape[0] != kept) {
      throw new IllegalArgumentException(
          "with a batch_filter, negative_scores must be the kept scores, shape"
              + " (nnz,) = ("
              + kept
              + ",) for the "
              + kept
              + " true entries of batch_filter, got "
              + Shapes.format(negativeShape)
              + " (rule R7)");
    }
    // Scatter the kept scores into the dense layout so that one code path serves both modes.
    float[] compact = negativeScores.toArray();
    float[] dense = new float[keep.length];
    for (int i = 0, j = 0; i < keep.length; i++) {
      if (keep[i]) {
        dense[i] = compact[j++];
      }
    }
    float[] positiveGradient = new float[batchSize];
    float[] denseGradient = new float[keep.length];
    double value =
        slcwa(
            positiveScores.toArray(),
            dense,
            keep,
            weights,
            batchSize,
            filterShape[1],
            positiveGradient,
            denseGradient);
    float[] negativeGradient = new float[kept];
    for (int i = 0, j = 0; i < keep.length; i++) {
      if (keep[i]) {
        negativeGradient[j++] = denseGradient[i];
      }
    }
    return new SlcwaLossOutput(
        value,
        FloatTensor.of(positiveGradient, positiveShape),
        FloatTensor.of(negativeGradient, negativeShape));
  }

  /**
   * The array LCWA entry point for training loops: the loss of {@code predictions[0, size)} against
   * {@code labels[0, size)} (same layout, no broadcasting), writing {@code ∂L/∂predictions} into
   * {@code gradientOut[0, size)}. It allocates nothing that grows with the input: only the kernel
   * call's argument record (a {@link LabelledTerm}, a few dozen bytes).
   *
   * @param sampleWeights per-element weights, or null
   * @return the loss value
   */
  public double processLcwaScoresInto(
      float[] predictions,
      float[] labels,
      float[] sampleWeights,
      int size,
      Double labelSmoothing,
      Integer numEntities,
      float[] gradientOut) {
    if (size <= 0) {
      throw new IllegalArgumentException("LCWA needs at least one score, got size " + size);
    }
    requireLength(predictions, size, "predictions");
    requireLength(labels, size, "labels");
    requireLength(gradientOut, size, "gradientOut");
    LabelSmoothing smoothing = LabelSmoothing.of(labelSmoothing, numEntities);
    double denominator = size;
    if (sampleWeights != null) {
      requireLength(sampleWeights, size, "sampleWeights");
      denominator = Math.max(sumOfWeights(sampleWeights, size, "sample weights"), WEIGHT_EPSILON);
    }
    boolean mean = reduction() == Reduction.MEAN;
    LabelledTerm term =
        new LabelledTerm(
            terms,
            predictions,
            labels,
            sampleWeights,
            smoothing.keep(),
            smoothing.spread(),
            gradientOut);
    double sum =
        MarginKernels.sum(term, mean ? (float) (1.0 / denominator) : 1f, 0, size, "predictions");
    return mean ? sum / denominator : sum;
  }

  /**
   * The array sLCWA entry point for training loops. Negatives are always laid out densely,
   * row-major {@code (B, K)}; a non-null {@code batchFilter} (same layout) selects the kept ones
   * and gives PyKEEN's filtered semantics over them (the gradient of a dropped negative is 0). It
   * allocates nothing that grows with the input: only the kernel calls' two argument records
   * ({@link PositiveTerm}, {@link NegativeTerm}: a few dozen bytes each).
   *
   * @param positiveScores {@code B} scores
   * @param negativeScores {@code B·K} scores
   * @param batchFilter {@code B·K} keep flags, or null for the dense loss
   * @param sampleWeights {@code B} weights, or null
   * @param positiveGradientOut receives {@code ∂L/∂positiveScores}
   * @param negativeGradientOut receives {@code ∂L/∂negativeScores}
   * @return the loss value
   */
  public double processSlcwaScoresInto(
      float[] positiveScores,
      float[] negativeScores,
      boolean[] batchFilter,
      float[] sampleWeights,
      int batchSize,
      int numNegsPerPos,
      float[] positiveGradientOut,
      float[] negativeGradientOut) {
    if (batchSize <= 0 || numNegsPerPos <= 0) {
      throw new IllegalArgumentException(
          "sLCWA needs batchSize >= 1 and numNegsPerPos >= 1, got batchSize "
              + batchSize
              + " and numNegsPerPos "
              + numNegsPerPos);
    }
    int negatives = Math.multiplyExact(batchSize, numNegsPerPos);
    requireLength(positiveScores, batchSize, "positiveScores");
    requireLength(negativeScores, negatives, "negativeScores");
    requireLength(positiveGradientOut, batchSize, "positiveGradientOut");
    requireLength(negativeGradientOut, negatives, "negativeGradientOut");
    if (batchFilter != null && batchFilter.length < negatives) {
      throw new IllegalArgumentException(
          "batchFilter needs at least " + negatives + " entries (B·K), got " + batchFilter.length);
    }
    if (sampleWeights != null) {
      requireLength(sampleWeights, batchSize, "sampleWeights");
    }
    return slcwa(
        positiveScores,
        negativeScores,
        batchFilter,
        sampleWeights,
        batchSize,
        numNegsPerPos,
        positiveGradientOut,
        negativeGradientOut);
  }

  private double slcwa(
      float[] positives,
      float[] negatives,
      boolean[] keep,
      float[] weights,
      int batchSize,
      int numNegsPerPos,
      float[] positiveGradient,
      float[] negativeGradient) {
    // Validates the weights once for both paths; the dense path also needs their total.
    double totalWeight =
        weights == null ? batchSize : sumOfWeights(weights, batchSize, "sample weights");
    return keep == null
        ? denseSlcwa(
            positives,
            negatives,
            weights,
            totalWeight,
            batchSize,
            numNegsPerPos,
            positiveGradient,
            negativeGradient)
        : filteredSlcwa(
            positives,
            negatives,
            keep,
            weights,
            batchSize,
            numNegsPerPos,
            positiveGradient,
            negativeGradient);
  }

  private double denseSlcwa(
      float[] positives,
      float[] negatives,
      float[] weights,
      double totalWeight,
      int batchSize,
      int numNegsPerPos,
      float[] positiveGradient,
      float[] negativeGradient) {
    boolean mean = reduction() == Reduction.MEAN;
    double positiveDenominator = Math.max(totalWeight, WEIGHT_EPSILON);
    double negativeDenominator = positiveDenominator * numNegsPerPos;
    double wp = terms.positiveWeight();
    double wn = terms.negativeWeight();
    // Under sum, PyKEEN multiplies the positive term by K (each positive stands for K pairs).
    double positiveScale = mean ? wp / positiveDenominator : wp * numNegsPerPos;
    double negativeScale = mean ? wn / negativeDenominator : wn;
    double positiveSum =
        MarginKernels.sum(
            new PositiveTerm(terms, positives, weights, positiveGradient),
            (float) positiveScale,
            0,
            batchSize,
            "positive_scores");
    double negativeSum =
        negativeSum(
            negatives, null, weights, batchSize, numNegsPerPos, negativeGradient, negativeScale);
    return positiveScale * positiveSum + negativeScale * negativeSum;
  }

  private double filteredSlcwa(
      float[] positives,
      float[] negatives,
      boolean[] keep,
      float[] weights,
      int batchSize,
      int numNegsPerPos,
      float[] positiveGradient,
      float[] negativeGradient) {
    // Each positive is repeated once per kept negative: multiplicity c_i = kept_i · s_i.
    double denominator = 0;
    for (int i = 0; i < batchSize; i++) {
      denominator += multiplicity(keep, weights, i, numNegsPerPos);
    }
    if (denominator == 0) {
      // Rule R2: nothing kept is a zero loss, not PyKEEN's NaN mean over an empty selection.
      Arrays.fill(positiveGradient, 0, batchSize, 0f);
      Arrays.fill(negativeGradient, 0, batchSize * numNegsPerPos, 0f);
      return 0.0;
    }
    boolean mean = reduction() == Reduction.MEAN;
    double positiveScale =
        mean
            ? terms.positiveWeight() / Math.max(denominator, WEIGHT_EPSILON)
            : terms.positiveWeight();
    double negativeScale =
        mean
            ? terms.negativeWeight() / Math.max(denominator, WEIGHT_EPSILON)
            : terms.negativeWeight();
    // One kernel call per positive, each with its own gradient scale: the same term throughout.
    PositiveTerm positiveTerm = new PositiveTerm(terms, positives, null, positiveGradient);
    double positiveSum = 0;
    for (int i = 0; i < batchSize; i++) {
      double c = multiplicity(keep, weights, i, numNegsPerPos);
      positiveSum +=
          c
              * MarginKernels.sum(
                  positiveTerm, (float) (positiveScale * c), i, i + 1, "positive_scores");
    }
    double negativeSum =
        negativeSum(
            negatives, keep, weights, batchSize, numNegsPerPos, negativeGradient, negativeScale);
    return positiveScale * positiveSum + negativeScale * negativeSum;
  }

  /**
   * The negative term's sum over all {@code batchSize · numNegsPerPos} negatives (those of {@code
   * keep}, all when null), unscaled: one kernel call without sample weights, else one call per
   * positive over its own negatives, each weighted by the positive's weight.
   */
  private double negativeSum(
      float[] negatives,
      boolean[] keep,
      float[] weights,
      int batchSize,
      int numNegsPerPos,
      float[] negativeGradient,
      double negativeScale) {
    NegativeTerm term = new NegativeTerm(terms, negatives, keep, negativeGradient);
    if (weights == null) {
      return MarginKernels.sum(
          term, (float) negativeScale, 0, batchSize * numNegsPerPos, "negative_scores");
    }
    double sum = 0;
    for (int i = 0; i < batchSize; i++) {
      sum +=
          weights[i]
              * MarginKernels.sum(
                  term,
                  (float) (negativeScale * weights[i]),
                  i * numNegsPerPos,
                  (i + 1) * numNegsPerPos,
                  "negative_scores");
    }
    return sum;
  }

  private static double multiplicity(boolean[] keep, float[] weights, int row, int numNegsPerPos) {
    int kept = 0;
    for (int j = row * numNegsPerPos, end = j + numNegsPerPos; j < end; j++) {
      if (keep[j]) {
        kept++;
      }
    }
    return weights == null ? kept : (double) kept * weights[row];
  }

  private static void rejectLabelSmoothing(Double labelSmoothing) {
    // PyKEEN tests truthiness: any non-zero value, NaN and negatives included, is refused.
    if (labelSmoothing != null && labelSmoothing != 0.0) {
      throw new UnsupportedLabelSmoothingException("DoubleMarginLoss", labelSmoothing);
    }
  }

  private static int positiveBatchSize(int[] shape) {
    int batchSize = positiveBatchSizeOrMinusOne(shape);
    if (batchSize < 0) {
      throw new IllegalArgumentException(
          "positive_scores must be (B,) or (B, 1) (rule R8), got " + Shapes.format(shape));
    }
    if (batchSize == 0) {
      throw new IllegalArgumentException(
          "positive_scores is empty (B = 0); an sLCWA batch needs a positive");
    }
    return batchSize;
  }

  private static int positiveBatchSizeOrMinusOne(int[] shape) {
    if (shape.length == 1) {
      return shape[0];
    }
    if (shape.length == 2 && shape[1] == 1) {
      return shape[0];
    }
    return -1;
  }

  private static double sumOfWeights(float[] weights, int size, String name) {
    double total = 0;
    for (int i = 0; i < size; i++) {
      float w = weights[i];
      if (!(w >= 0f) || w == Float.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            name + " must be finite and >= 0, got " + w + " at index " + i);
      }
      total += w;
    }
    return total;
  }

  private static void requireTensor(Object tensor, String name) {
    if (tensor == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  private static void requireLength(Object array, int needed, String name) {
    if (array == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    int length = java.lang.reflect.Array.getLength(array);
    if (length < needed) {
      throw new IllegalArgumentException(
          name + " needs at least " + needed + " elements, got " + length);
    }
  }

  @Override
  public String toString() {
    return "DoubleMarginLoss(positive_margin="
        + positiveMargin
        + ", negative_margin="
        + negativeMargin
        + ", positive_negative_balance="
        + positiveNegativeBalance
        + ", margin_activation="
        + terms.activation().name()
        + ", reduction="
        + reduction().pykeenName()
        + ")";
  }

  /**
   * Collects the constructor arguments of {@link DoubleMarginLoss}; defaults are PyKEEN's. Margins
   * are resolved by {@link DoubleMarginLoss#resolveMargin} when building; the balance is checked
   * first, as in PyKEEN.
   */
  public static final class Builder {
    private Double positiveMargin;
    private Double negativeMargin;
    private Double offset;
    private double positiveNegativeBalance = 0.5;
    private MarginActivation marginActivation = MarginActivation.RELU;
    private Reduction reduction = Reduction.MEAN;

    private Builder() {}

    /** The positive margin {@code λ}, or null. */
    public Builder positiveMargin(Double value) {
      this.positiveMargin = value;
      return this;
    }

    /** The negative margin {@code λ̄}, or null. */
    public Builder negativeMargin(Double value) {
      this.negativeMargin = value;
      return this;
    }

    /** The offset {@code λ − λ̄ >= 0}, or null. */
    public Builder offset(Double value) {
      this.offset = value;
      return this;
    }

    /** {@code w+} in (0, 1); {@code w− = 1 − w+}. */
    public Builder positiveNegativeBalance(double value) {
      this.positiveNegativeBalance = value;
      return this;
    }

    /** The activation by name (see {@link MarginActivation#of}); null means ReLU. */
    public Builder marginActivation(String name) {
      this.marginActivation = MarginActivation.of(name);
      return this;
    }

    /** The activation itself (a built-in one or a user implementation). */
    public Builder marginActivation(MarginActivation activation) {
      if (activation == null) {
        throw new IllegalArgumentException(
            "margin activation must not be null; pass a name or RELU");
      }
      this.marginActivation = activation;
      return this;
    }

    /** The reduction by name, {@code mean} or {@code sum} (case ignored). */
    public Builder reduction(String name) {
      this.reduction = Reduction.of(name);
      return this;
    }

    /** The reduction. */
    public Builder reduction(Reduction value) {
      if (value == null) {
        throw new IllegalArgumentException("reduction must be MEAN or SUM, got null");
      }
      this.reduction = value;
      return this;
    }

    /**
     * The loss.
     *
     * @throws IllegalArgumentException if the balance is outside (0, 1) or the margins are invalid
     */
    public DoubleMarginLoss build() {
      double balance = requireBalance(positiveNegativeBalance);
      return new DoubleMarginLoss(
          resolveMargin(positiveMargin, negativeMargin, offset),
          balance,
          marginActivation,
          reduction);
    }
  }
}
