package org.kge4j.model;

/**
 * PyKEEN's default {@code LpRegularizer(p=2, normalize=True)} on embedding look-ups.
 *
 * <p>Every time a scoring call looks up a set of rows of a regularized table (the heads, the
 * relations and the tails of a batch, each de-duplicated as PyKEEN's {@code forward_unique} does,
 * or all entities for 1-N scoring), the term {@code weight * mean_rows(||x_row||_2) / sqrt(d)} is
 * added to the loss, where {@code d} is the number of (complex) dimensions, i.e. the expected norm
 * of a standard normal vector. Its gradient with respect to a row is {@code weight * x_row /
 * (||x_row||_2 * n * sqrt(d))} for {@code n} de-duplicated rows (zero for a zero row). The training
 * loops add it row by row, together with the rows' other gradients.
 *
 * @param weight the regularization weight; {@code 0} disables the regularizer
 * @param entities whether entity look-ups are regularized
 * @param relations whether relation look-ups are regularized
 */
public record LpRegularizer(double weight, boolean entities, boolean relations) {

  /** No regularization. */
  public static final LpRegularizer NONE = new LpRegularizer(0.0, false, false);

  /**
   * Checks the weight.
   *
   * @throws IllegalArgumentException if the weight is negative or not finite
   */
  public LpRegularizer {
    if (!(weight >= 0.0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "regularizer weight must be finite and >= 0, got " + weight);
    }
  }

  /** Whether this regularizer adds anything. */
  public boolean active() {
    return weight > 0.0 && (entities || relations);
  }

  /** The same regularizer with another weight. */
  public LpRegularizer withWeight(double newWeight) {
    return new LpRegularizer(newWeight, entities, relations);
  }
}
