package org.kge4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import java.util.Objects;
import java.util.OptionalInt;
import org.kge4j.loss.DoubleMarginLoss;
import org.kge4j.loss.MarginActivation;
import org.kge4j.loss.Reduction;
import org.kge4j.loss.UnsupportedLabelSmoothingException;

/**
 * kge4j's {@link DoubleMarginLoss} as a Deep Java Library {@link Loss}, written with NDArray
 * operations only, so that whichever engine runs it (PyTorch on a CPU or a GPU) differentiates it
 * with its own autograd and the loss composes with DJL's {@code Trainer} and {@code
 * GradientCollector}.
 *
 * <p>The configuration is read from a core {@link DoubleMarginLoss}, the single source of truth:
 * positive margin {@code λ}, negative margin {@code λ̄}, weights {@code w+ = balance} and {@code w−
 * = 1 − balance}, margin activation {@code h = g} (ReLU or softplus) and reduction {@code R} (mean
 * or sum). Margins and weights are rounded to float32, as PyTorch does with Python floats, and
 * every score array must be float32.
 *
 * <h2>LCWA (pointwise) form</h2>
 *
 * {@code evaluate(NDList(labels), NDList(predictions))} computes
 *
 * <pre>L = w+ · R(t · h(λ − x)) + w− · R((1 − t) · g(λ̄ + x))</pre>
 *
 * over the broadcast shape of predictions {@code x} and labels {@code t} (equal shapes in LCWA
 * training; broadcastable ones as in core's {@code forward}). Labels must lie in {@code [0, 1]}
 * (rule R4; checking this reads one boolean back from the device). With {@link
 * #withLabelSmoothing(Double, Integer) label smoothing ε} over {@code C} entities the labels become
 * {@code (1 − ε)·t + ε/(C − 1)·(1 − t)} first.
 *
 * <h2>sLCWA form</h2>
 *
 * {@code evaluate(labels, NDList(positiveScores, negativeScores))} with positives {@code k} of
 * shape {@code (B, 1)} or {@code (B,)} and negatives {@code k̄} of shape {@code (B, K)}:
 *
 * <ul>
 *   <li>dense ({@code labels} null or empty): {@code L = w+ · R(h(λ − k)) · (K if R = sum) + w− ·
 *       R(g(λ̄ + k̄))}, the positive term reduced over the {@code B} positives;
 *   <li>filtered ({@code labels = NDList(batchFilter)}, a boolean {@code (B, K)} keep-mask): each
 *       positive is repeated once per kept negative of its row, and both terms are reduced over the
 *       {@code nnz} kept pairs only. A mask that keeps nothing gives loss 0 and zero gradients
 *       (rule R2) instead of PyTorch's NaN.
 * </ul>
 *
 * The filtered form works on the dense {@code (B, K)} scores with masks, never with boolean
 * indexing, so shapes stay static and the whole expression stays differentiable; gradients with
 * respect to dropped negatives are exactly zero. Dropped entries may hold any value except NaN (a
 * NaN there would turn their zero gradient into NaN).
 *
 * <h2>Activations</h2>
 *
 * ReLU is the engine's {@code relu} (derivative 0 at the kink, as PyTorch). Softplus is the
 * engine's softplus ({@code log1p(exp(z))} on PyTorch, derivative {@code sigmoid(z)}) for {@code z
 * <= 20} and {@code z} above (derivative 1), as PyTorch's {@code Softplus(threshold=20)}; the
 * threshold is applied here with masks, so every engine agrees, and {@code exp} never sees the
 * linear region (its overflow could otherwise leak into the gradient as {@code 0 · ∞}). Only the
 * built-in {@link MarginActivation#RELU} and {@link MarginActivation#SOFTPLUS} can be expressed as
 * NDArray operations.
 *
 * <p>The configuration is immutable; the accumulators inherited from DJL's {@code Evaluator} follow
 * DJL's own contract.
 */
public final class DjlDoubleMarginLoss extends Loss {

  /** PyTorch's softplus returns its input unchanged above this value. */
  private static final float SOFTPLUS_THRESHOLD = 20f;

  private final DoubleMarginLoss coreLoss;
  private final float positiveMargin;
  private final float negativeMargin;
  private final float positiveWeight;
  private final float negativeWeight;
  private final boolean softplus;
  private final Reduction reduction;

  /** {@code ε}; 0 means no smoothing. */
  private final double labelSmoothing;

  /** {@code C} when smoothing, otherwise 0. */
  private final int numEntities;

  /**
   * The DJL form of {@code coreLoss}, named {@code "DoubleMarginLoss"}, without label smoothing.
   *
   * @param coreLoss the configuration; not null
   * @throws IllegalArgumentException if its margin activation is neither {@code RELU} nor {@code
   *     SOFTPLUS}
   */
  public DjlDoubleMarginLoss(DoubleMarginLoss coreLoss) {
    this("DoubleMarginLoss", coreLoss);
  }

  /**
   * The DJL form of {@code coreLoss}, without label smoothing.
   *
   * @param name the display name of the loss in DJL's training listeners; not null
   * @param coreLoss the configuration; not null
   * @throws IllegalArgumentException if its margin activation is neither {@code RELU} nor {@code
   *     SOFTPLUS}
   */
  public DjlDoubleMarginLoss(String name, DoubleMarginLoss coreLoss) {
    this(name, coreLoss, 0.0, 0);
  }

  private DjlDoubleMarginLoss(
      String name, DoubleMarginLoss coreLoss, double labelSmoothing, int numEntities) {
    super(Objects.requireNonNull(name, "name"));
    this.coreLoss = Objects.requireNonNull(coreLoss, "coreLoss");
    MarginActivation activation = coreLoss.marginActivation();
    if (activation != MarginActivation.RELU && activation != MarginActivation.SOFTPLUS) {
      throw new IllegalArgumentException(
          "only the built-in margin activations RELU and SOFTPLUS"
              + " can be expressed as NDArray operations, got a user-defined activation '"
              + activation.name()
              + "' ("
              + activation.getClass().getName()
              + ")");
    }
    this.softplus = activation == MarginActivation.SOFTPLUS;
    this.positiveMargin = (float) coreLoss.positiveMargin();
    this.negativeMargin = (float) coreLoss.negativeMargin();
    this.positiveWeight = (float) coreLoss.positiveWeight();
    this.negativeWeight = (float) coreLoss.negativeWeight();
    this.reduction = coreLoss.reduction();
    this.labelSmoothing = labelSmoothing;
    this.numEntities = numEntities;
  }

  /**
   * A copy of this loss that smooths LCWA labels to {@code (1 − ε)·t + ε/(C − 1)·(1 − t)}, as
   * core's {@code processLcwaScores(predictions, labels, ε, C)}, validated by the same rule R5. A
   * smoothing of null or 0 means none. The sLCWA form of the returned loss rejects any smoothing,
   * as core does.
   *
   * @param labelSmoothing {@code ε} in {@code [0, 1)}, or null for none
   * @param numEntities {@code C >= 2}, needed when {@code ε > 0}; otherwise ignored
   * @return a new loss with the same name and core configuration
   * @throws IllegalArgumentException if {@code ε} or {@code C} is out of range
   */
  public DjlDoubleMarginLoss withLabelSmoothing(Double labelSmoothing, Integer numEntities) {
    if (labelSmoothing == null || labelSmoothing == 0.0) {
      return new DjlDoubleMarginLoss(getName(), coreLoss, 0.0, 0);
    }
    if (!(labelSmoothing > 0.0 && labelSmoothing < 1.0)) {
      throw new IllegalArgumentException(
          "label_smoothing must be in [0, 1) (rule R5), got " + labelSmoothing);
    }
    if (numEntities == null || numEntities < 2) {
      throw new IllegalArgumentException(
          "label smoothing "
              + labelSmoothing
              + " needs"
              + " num_entities >= 2 (it spreads ε over C − 1 other classes) (rule R5), got "
              + numEntities);
    }
    return new DjlDoubleMarginLoss(getName(), coreLoss, labelSmoothing, numEntities);
  }

  /**
   * The configuration's source.
   *
   * @return the core loss this one was configured from
   */
  public DoubleMarginLoss coreLoss() {
    return coreLoss;
  }

  /**
   * The LCWA label smoothing.
   *
   * @return {@code ε}, 0 when none
   */
  public double labelSmoothing() {
    return labelSmoothing;
  }

  /**
   * The number of entities of the label smoothing.
   *
   * @return {@code C}, empty without smoothing
   */
  public OptionalInt numEntities() {
    return numEntities == 0 ? OptionalInt.empty() : OptionalInt.of(numEntities);
  }

  /**
   * Computes the loss; the form follows from the number of predictions.
   *
   * @param labels LCWA: {@code NDList(labels)}; sLCWA: null or empty (dense), or {@code
   *     NDList(batchFilter)} with a boolean {@code (B, K)} keep-mask
   * @param predictions LCWA: {@code NDList(predictions)}; sLCWA: {@code NDList(positiveScores,
   *     negativeScores)}
   * @return the scalar (shape {@code ()}) float32 loss
   * @throws IllegalArgumentException on arrays of the wrong number, type or shape, and on labels
   *     outside {@code [0, 1]}
   */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    Objects.requireNonNull(predictions, "predictions");
    int labelCount = labels == null ? 0 : labels.size();
    switch (predictions.size()) {
      case 1:
        if (labelCount != 1) {
          throw new IllegalArgumentException(
              "the LCWA form takes exactly one labels array," + " got " + labelCount);
        }
        return evaluateLcwa(predictions.get(0), labels.get(0));
      case 2:
        if (labelCount > 1) {
          throw new IllegalArgumentException(
              "the sLCWA form takes no labels or one boolean"
                  + " batch filter, got "
                  + labelCount
                  + " arrays");
        }
        return evaluateSlcwa(
            predictions.get(0), predictions.get(1), labelCount == 1 ? labels.get(0) : null);
      default:
        throw new IllegalArgumentException(
            "predictions must hold 1 array (LCWA scores) or 2"
                + " (sLCWA positive and negative scores), got "
                + predictions.size());
    }
  }

  /**
   * The LCWA (pointwise) loss {@code w+ · R(t · h(λ − x)) + w− · R((1 − t) · g(λ̄ + x))}, after
   * label smoothing when configured.
   *
   * @param predictions float32 scores {@code x}
   * @param labels labels {@code t} in {@code [0, 1]}, broadcastable with the predictions; any
   *     numeric or boolean type (converted to float32)
   * @return the scalar float32 loss
   * @throws IllegalArgumentException if the shapes do not broadcast, broadcast to an empty shape,
   *     the predictions are not float32 or a label lies outside {@code [0, 1]}
   */
  public NDArray evaluateLcwa(NDArray predictions, NDArray labels) {
    requireFloat32("predictions", predictions);
    Objects.requireNonNull(labels, "labels");
    Shape shape = broadcastShape(predictions.getShape(), labels.getShape());
    if (shape.size() == 0) {
      throw new IllegalArgumentException(
          "predictions "
              + predictions.getShape()
              + " and labels "
              + labels.getShape()
              + " broadcast to the empty shape "
              + shape
              + "; the loss needs at least one element");
    }
    NDArray targets = labels.toType(DataType.FLOAT32, false);
    requireUnitInterval(targets);
    if (labelSmoothing > 0.0) {
      // Core's float32 constants: t·(1 − ε) + (1 − t)·(ε / (C − 1)).
      float keep = (float) (1.0 - labelSmoothing);
      float spread = (float) (labelSmoothing / (numEntities - 1.0));
      targets = times(targets, keep).add(times(targets.neg().add(1f), spread));
    }
    NDArray positive = targets.mul(activation(predictions.neg().add(positiveMargin)));
    NDArray negative = targets.neg().add(1f).mul(activation(predictions.add(negativeMargin)));
    return times(reduce(positive), positiveWeight).add(times(reduce(negative), negativeWeight));
  }

  /**
   * The sLCWA loss of positive scores and their negatives, dense or filtered by a keep-mask (see
   * the class documentation).
   *
   * @param positiveScores float32 {@code (B, 1)} or {@code (B,)}
   * @param negativeScores float32 {@code (B, K)}
   * @param batchFilter null for all negatives, or a boolean {@code (B, K)} mask of the kept ones
   * @return the scalar float32 loss
   * @throws UnsupportedLabelSmoothingException if this loss was configured with label smoothing
   * @throws IllegalArgumentException on wrong types or shapes
   */
  public NDArray evaluateSlcwa(
      NDArray positiveScores, NDArray negativeScores, NDArray batchFilter) {
    if (labelSmoothing > 0.0) {
      throw new UnsupportedLabelSmoothingException("DoubleMarginLoss", labelSmoothing);
    }
    requireFloat32("positiveScores", positiveScores);
    requireFloat32("negativeScores", negativeScores);
    Shape negativeShape = negativeScores.getShape();
    if (negativeShape.dimension() != 2) {
      throw new IllegalArgumentException("negativeScores must be (B, K), got " + negativeShape);
    }
    long batchSize = negativeShape.get(0);
    long negativesPerPositive = negativeShape.get(1);
    Shape positiveShape = positiveScores.getShape();
    boolean positivesFit =
        positiveShape.dimension() == 1 && positiveShape.get(0) == batchSize
            || positiveShape.dimension() == 2
                && positiveShape.get(0) == batchSize
                && positiveShape.get(1) == 1;
    if (!positivesFit) {
      throw new IllegalArgumentException(
          "positiveScores must be (B, 1) or (B,) with B = "
              + batchSize
              + " as in negativeScores "
              + negativeShape
              + ", got "
              + positiveShape);
    }
    if (batchSize == 0 || negativesPerPositive == 0) {
      throw new IllegalArgumentException(
          "the sLCWA form needs at least one positive and one"
              + " negative per positive, got negativeScores "
              + negativeShape);
    }
    NDArray positiveLosses = activation(positiveScores.neg().add(positiveMargin));
    NDArray negativeLosses = activation(negativeScores.add(negativeMargin));
    NDArray positiveTerm;
    NDArray negativeTerm;
    if (batchFilter == null) {
      positiveTerm = reduce(positiveLosses);
      if (reduction == Reduction.SUM) {
        // PyKEEN repeats each positive implicitly once per negative.
        positiveTerm = times(positiveTerm, (float) negativesPerPositive);
      }
      negativeTerm = reduce(negativeLosses);
    } else {
      if (batchFilter.getDataType() != DataType.BOOLEAN) {
        throw new IllegalArgumentException(
            "batchFilter must be a boolean NDArray, got " + batchFilter.getDataType());
      }
      if (!batchFilter.getShape().equals(negativeShape)) {
        throw new IllegalArgumentException(
            "batchFilter must have the shape of negativeScores "
                + negativeShape
                + ", got "
                + batchFilter.getShape());
      }
      // Each positive counts once per kept negative of its row: Σ_b c_b · h(λ − k_b).
      NDArray keptPerPositive = batchFilter.toType(DataType.FLOAT32, false).sum(new int[] {1});
      positiveTerm = positiveLosses.reshape(batchSize).mul(keptPerPositive).sum();
      negativeTerm = NDArrays.where(batchFilter, negativeLosses, negativeLosses.zerosLike()).sum();
      if (reduction == Reduction.MEAN) {
        // Means over the kept pairs; with none kept both sums are 0 and 0 / 1 = 0 (rule R2).
        NDArray kept = keptPerPositive.sum().maximum(1f);
        positiveTerm = positiveTerm.div(kept);
        negativeTerm = negativeTerm.div(kept);
      }
    }
    return times(positiveTerm, positiveWeight).add(times(negativeTerm, negativeWeight));
  }

  private NDArray activation(NDArray z) {
    if (!softplus) {
      return Activation.relu(z);
    }
    NDArray linear = z.gt(SOFTPLUS_THRESHOLD);
    NDArray smooth = Activation.softPlus(NDArrays.where(linear, z.zerosLike(), z));
    return NDArrays.where(linear, z, smooth);
  }

  /**
   * {@code array · value}, with the scalar allocated by the engine. DJL's {@code mul(Number)} wraps
   * the number in a tensor over a Java direct buffer and closes it right after the product, but the
   * engine keeps that tensor for the product's backward: once a garbage collection has freed the
   * buffer and its memory is reused, the gradients are garbage (GraphLifetimeTest). A tensor from
   * {@code full} is owned by the engine, which keeps it alive for as long as the graph needs it.
   */
  private static NDArray times(NDArray array, float value) {
    try (NDArray scalar = array.getManager().full(new Shape(), value, DataType.FLOAT32)) {
      return array.mul(scalar);
    }
  }

  private NDArray reduce(NDArray losses) {
    return reduction == Reduction.MEAN ? losses.mean() : losses.sum();
  }

  private static void requireFloat32(String name, NDArray array) {
    Objects.requireNonNull(array, name);
    if (array.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException(name + " must be float32, got " + array.getDataType());
    }
  }

  /** Rule R4; reads one boolean back from the device, and all labels only to name a bad one. */
  private static void requireUnitInterval(NDArray labels) {
    NDArray outside = labels.lt(0f).logicalOr(labels.gt(1f)).logicalOr(labels.isNaN());
    if (outside.any().getBoolean()) {
      for (float label : labels.toFloatArray()) {
        if (!(label >= 0f && label <= 1f)) {
          throw new IllegalArgumentException("labels must lie in [0, 1], got " + label);
        }
      }
    }
  }

  /** NumPy's broadcasting rule, as PyTorch applies it. */
  static Shape broadcastShape(Shape a, Shape b) {
    int rank = Math.max(a.dimension(), b.dimension());
    long[] dims = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i < rank - a.dimension() ? 1 : a.get(i - (rank - a.dimension()));
      long db = i < rank - b.dimension() ? 1 : b.get(i - (rank - b.dimension()));
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            "predictions "
                + a
                + " and labels "
                + b
                + " are not broadcastable: dimension "
                + i
                + " of the aligned shapes is "
                + da
                + " vs "
                + db);
      }
      dims[i] = da == 1 ? db : da;
    }
    return new Shape(dims);
  }
}
