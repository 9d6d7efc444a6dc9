package org.kge4j.spark;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The parameters {@link KgeEstimator} and {@link KgeModel} share — the triple and prediction
 * columns and the interaction model the embeddings belong to — as MLlib's {@code ALSModelParams} is
 * shared by {@code ALS} and {@code ALSModel}. The estimator copies their values to the model it
 * fits, so a model scores with the model, dimension and norm it was trained with.
 *
 * <p>A Java interface holds no per-instance state, unlike the Scala trait it mirrors; a {@link
 * Param} is identified by its parent's uid and its name ({@code Param.equals}), so each accessor
 * builds its parameter on demand and every call denotes the same parameter of the same stage.
 */
public interface KgeParams extends Params {

  /** Column of the heads; default {@code head}. */
  default Param<String> headCol() {
    return new Param<>(this, "headCol", "column of the heads (labels or integer ids)");
  }

  /** Column of the relations; default {@code relation}. */
  default Param<String> relationCol() {
    return new Param<>(this, "relationCol", "column of the relations");
  }

  /** Column of the tails; default {@code tail}. */
  default Param<String> tailCol() {
    return new Param<>(this, "tailCol", "column of the tails");
  }

  /** Column of the scores the model's {@code transform} adds; default {@code prediction}. */
  default Param<String> predictionCol() {
    return new Param<>(this, "predictionCol", "column of the scores transform adds");
  }

  /** The interaction model (transe, distmult, complex, rotate); default {@code distmult}. */
  default Param<String> model() {
    return new Param<>(this, "model", "interaction model: transe, distmult, complex, rotate");
  }

  /** The embedding dimension (complex for ComplEx and RotatE); default 64. */
  default IntParam dim() {
    return new IntParam(
        this, "dim", "embedding dimension (complex for ComplEx, RotatE)", ParamValidators.gtEq(1));
  }

  /** TransE's scoring norm; default 1. */
  default IntParam scoringNorm() {
    return new IntParam(this, "scoringNorm", "TransE's norm, 1 or 2", ParamValidators.gtEq(1));
  }

  default String getHeadCol() {
    return getOrDefault(headCol());
  }

  default String getRelationCol() {
    return getOrDefault(relationCol());
  }

  default String getTailCol() {
    return getOrDefault(tailCol());
  }

  default String getPredictionCol() {
    return getOrDefault(predictionCol());
  }

  default String getModel() {
    return getOrDefault(model());
  }

  default int getDim() {
    return (Integer) getOrDefault(dim());
  }

  default int getScoringNorm() {
    return (Integer) getOrDefault(scoringNorm());
  }

  /**
   * Gives {@code stage} the defaults named on the accessors above; the constructors of {@link
   * KgeEstimator} and {@link KgeModel} call it.
   */
  static void setDefaults(KgeParams stage) {
    stage.setDefault(stage.headCol(), "head");
    stage.setDefault(stage.relationCol(), "relation");
    stage.setDefault(stage.tailCol(), "tail");
    stage.setDefault(stage.predictionCol(), "prediction");
    stage.setDefault(stage.model(), "distmult");
    stage.setDefault(stage.dim(), (Object) 64);
    stage.setDefault(stage.scoringNorm(), (Object) 1);
  }
}
