package org.kge4j.loss;

/**
 * PyKEEN's label smoothing {@code t' = (1 − ε)·t + ε/(C − 1)·(1 − t)}, as the float32 pair {@code
 * t' = t·keep + (1 − t)·spread} the kernels apply on the fly.
 *
 * @param keep {@code 1 − ε}
 * @param spread {@code ε / (C − 1)}
 */
record LabelSmoothing(float keep, float spread) {
  private static final LabelSmoothing NONE = new LabelSmoothing(1f, 0f);

  /**
   * Validates and converts (rule R5): null or 0 means none; otherwise {@code ε ∈ [0, 1)} and {@code
   * numEntities >= 2}.
   */
  static LabelSmoothing of(Double epsilon, Integer numEntities) {
    if (epsilon == null || epsilon == 0.0) {
      return NONE;
    }
    if (!(epsilon > 0.0 && epsilon < 1.0)) {
      throw new IllegalArgumentException(
          "label_smoothing must be in [0, 1) (rule R5), got " + epsilon);
    }
    if (numEntities == null) {
      throw new IllegalArgumentException(
          "label smoothing " + epsilon + " needs num_entities (the number of classes C), got null");
    }
    if (numEntities < 2) {
      throw new IllegalArgumentException(
          "label smoothing needs num_entities >= 2 (it spreads ε over C − 1"
              + " other classes) (rule R5), got "
              + numEntities);
    }
    return new LabelSmoothing((float) (1.0 - epsilon), (float) (epsilon / (numEntities - 1.0)));
  }
}
