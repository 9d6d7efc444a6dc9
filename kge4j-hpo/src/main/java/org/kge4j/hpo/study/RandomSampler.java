package org.kge4j.hpo.study;

import org.kge4j.hpo.HpoParameter;

/**
 * Draws every parameter independently and uniformly on its {@linkplain
 * org.kge4j.hpo.NumericParameter sampling scale} (Optuna's {@code RandomSampler}): floats uniform
 * or log-uniform, ints uniform over their values (log ints: each value {@code v} with probability
 * proportional to {@code log((v + ½)/(v − ½))}), choices uniform.
 *
 * <p>Trial {@code n}'s value of parameter {@code p} comes from a random stream keyed by (seed,
 * {@code n}, {@code p}): the same seed gives the same trials, whatever the number of workers.
 */
public final class RandomSampler implements Sampler {
  private final long seed;

  /** A random sampler with the given seed. */
  public RandomSampler(long seed) {
    this.seed = seed;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  @Override
  public Object sampleIndependent(StudyView study, FrozenTrial trial, HpoParameter parameter) {
    return parameter.sample(SeedStreams.stream(seed, trial.number(), parameter.name()));
  }

  @Override
  public String toString() {
    return "RandomSampler(seed=" + seed + ")";
  }
}
