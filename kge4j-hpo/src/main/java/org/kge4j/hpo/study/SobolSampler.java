package org.kge4j.hpo.study;

import java.util.SplittableRandom;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.NumericParameter;

/**
 * Quasi-random search with the Sobol sequence (LibKGE's first phase; Optuna's {@code QMCSampler}
 * with {@code qmc_type="sobol"}): trial {@code n} takes point {@code n} of the sequence, and the
 * {@code k}-th parameter the trial asks for (counting from 0, in the objective's order) takes
 * coordinate {@code k}, mapped through the parameter's {@linkplain NumericParameter#fromUnit
 * sampling scale}; a categorical parameter with {@code C} choices takes choice {@code ⌊u·C⌋}.
 *
 * <p>Scrambling, on by default, is a <em>random digital shift</em>: coordinate {@code k}'s 32 bits
 * are XOR-ed with a word drawn from the seed, which keeps the sequence's net structure (every
 * elementary interval still holds its share of points) but moves the first point away from the
 * lower corner and makes different seeds give different designs. It is not Owen's scrambling
 * (SciPy's default). Unscrambled, the seed is unused and the points are the published sequence,
 * starting at the origin.
 *
 * <p>Unlike Optuna's QMC sampler, which fixes its dimensions from the first trial and draws other
 * parameters at random, dimensions follow the order of suggestion, so conditional spaces keep
 * quasi-random coverage within each branch. At most {@value SobolSequence#MAX_DIMENSION} parameters
 * per trial; point numbers follow trial numbers, so they are unique across parallel workers.
 */
public final class SobolSampler implements Sampler {
  private final long seed;
  private final boolean scramble;
  private final long[] shifts = new long[SobolSequence.MAX_DIMENSION];

  /** A scrambled Sobol sampler. */
  public SobolSampler(long seed) {
    this(seed, true);
  }

  /** A Sobol sampler, scrambled by a random digital shift drawn from {@code seed} or not. */
  public SobolSampler(long seed, boolean scramble) {
    this.seed = seed;
    this.scramble = scramble;
    if (scramble) {
      SplittableRandom random = new SplittableRandom(seed);
      for (int k = 0; k < shifts.length; k++) {
        shifts[k] = random.nextLong() & 0xFFFFFFFFL;
      }
    }
  }

  /** Coordinate {@code dimension} of (possibly shifted) point {@code index}, in [0, 1). */
  double unit(int index, int dimension) {
    return (SobolSequence.coordinateBits(index, dimension) ^ shifts[dimension]) * 0x1p-32;
  }

  @Override
  public Object sampleIndependent(StudyView study, FrozenTrial trial, HpoParameter parameter) {
    int dimension = trial.params().size();
    if (dimension >= SobolSequence.MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "the Sobol sampler supports at most "
              + SobolSequence.MAX_DIMENSION
              + " parameters per trial; "
              + parameter.name()
              + " would be number "
              + (dimension + 1));
    }
    double u = unit(trial.number(), dimension);
    if (parameter instanceof CategoricalParameter c) {
      return c.choices().get((int) (u * c.choices().size()));
    }
    return ((NumericParameter) parameter).fromUnit(u);
  }

  @Override
  public String toString() {
    return "SobolSampler(seed=" + seed + ", scramble=" + scramble + ")";
  }
}
