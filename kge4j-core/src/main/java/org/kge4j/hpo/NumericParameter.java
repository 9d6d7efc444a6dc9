package org.kge4j.hpo;

import java.util.random.RandomGenerator;

/**
 * A numeric parameter ({@link FloatParameter}, {@link IntParameter} or {@link PowerTwoParameter})
 * together with its <em>sampling scale</em>: the interval {@code [scaleLow(), scaleHigh()]} on
 * which every sampler works, and the map {@link #fromScale} back to a value. It is the one sampling
 * path for ints and floats, shared by {@link #sample} (uniform on the scale), quasi-random samplers
 * ({@link #fromUnit}) and model-based ones (kernels on the scale).
 *
 * <p>The scale, as Optuna's search-space transform defines it:
 *
 * <ul>
 *   <li>float: {@code [low, high]}, or {@code [log low, log high]} with {@code log} (so a uniform
 *       draw on the scale is log-uniform in the value: PyKEEN samples such ranges uniformly, a bug
 *       this model rules out);
 *   <li>int: each admissible value {@code v} owns the cell {@code [v − step/2, v + step/2]}, so the
 *       scale is {@code [low − step/2, top + step/2]} with {@code top} the largest value on the
 *       step grid, or, with {@code log} (step 1), {@code [log(low − ½), log(top + ½)]}; {@link
 *       #fromScale} rounds to the nearest value of the grid;
 *   <li>power of two ({@link PowerTwoParameter}): the exponent, each exponent {@code e} owning the
 *       cell {@code [e − ½, e + ½]}.
 * </ul>
 */
public sealed interface NumericParameter extends HpoParameter
    permits FloatParameter, IntParameter, PowerTwoParameter {
  /** Whether the parameter is sampled on a log scale. */
  boolean log();

  /** The lower end of the sampling scale. */
  double scaleLow();

  /** The upper end of the sampling scale. */
  double scaleHigh();

  /** A value's position on the scale: {@code log(value)} on a log scale, the value otherwise. */
  double toScale(double value);

  /**
   * The value at a point of the scale (a {@code Double} or an {@code Integer}): the inverse of
   * {@link #toScale} followed, for ints, by rounding to the nearest grid value; the result is
   * always clipped into the parameter's range.
   */
  Object fromScale(double x);

  /** The value at fraction {@code u ∈ [0, 1]} of the scale: {@code fromScale(lo + u (hi − lo))}. */
  default Object fromUnit(double u) {
    return fromScale(scaleLow() + u * (scaleHigh() - scaleLow()));
  }

  /** A uniform draw on the scale: {@code fromUnit(U[0, 1))}. */
  @Override
  default Object sample(RandomGenerator random) {
    return fromUnit(random.nextDouble());
  }
}
