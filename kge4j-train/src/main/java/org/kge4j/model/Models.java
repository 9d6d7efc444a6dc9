package org.kge4j.model;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Creates the built-in models by name, as the CLI's {@code --model} spells them. */
public final class Models {

  /** The model names {@link #create} accepts. */
  public static final List<String> NAMES = List.of("transe", "distmult", "complex", "rotate");

  /**
   * The widest row (floats per embedding) a model supports: every model keeps a scratch buffer of
   * four rows in one Java array, whose length is at most {@code Integer.MAX_VALUE - 8}.
   */
  public static final int MAX_ROW_WIDTH = (Integer.MAX_VALUE - 8) / 4;

  private Models() {}

  /**
   * Creates a randomly initialised model with PyKEEN 1.10's defaults.
   *
   * @param name {@code transe}, {@code distmult}, {@code complex} or {@code rotate}
   *     (case-insensitive)
   * @param numEntities number of entities
   * @param numRelations number of relations
   * @param dim embedding dimension (complex dimension for ComplEx and RotatE)
   * @param scoringNorm TransE's norm, 1 or 2; ignored by the other models
   * @param regularizerWeight the weight of the model's default regularizer, or {@code null} for
   *     PyKEEN's default (DistMult 0.1 on relations, ComplEx 0.01 on entities and relations, none
   *     for TransE and RotatE); {@code 0} disables it
   * @param random the source of the initial values
   * @throws IllegalArgumentException for an unknown name or invalid sizes
   */
  public static Model create(
      String name,
      int numEntities,
      int numRelations,
      int dim,
      int scoringNorm,
      Double regularizerWeight,
      SplittableRandom random) {
    return create(
        name, ModelSpec.of(numEntities, numRelations, dim), scoringNorm, regularizerWeight, random);
  }

  /**
   * Creates a model with the given tables: their sizes, their initializers ({@code null} for the
   * model's PyKEEN default: TransE, DistMult, RotatE {@code xavier_uniform} for entities; ComplEx
   * {@code normal}; relations TransE {@code xavier_uniform_norm}, DistMult {@code
   * xavier_normal_norm}, ComplEx {@code normal}, RotatE {@code init_phases}) and whether the
   * relation table also holds the inverse {@code r + R} of every relation (PyKEEN's {@code
   * create_inverse_triples}): head prediction then becomes tail prediction with the inverse
   * relation.
   *
   * @see #create(String, int, int, int, int, Double, SplittableRandom)
   * @throws IllegalArgumentException for an unknown name, invalid sizes (a dim above {@link
   *     #maxDim}) or an initializer the model's rows cannot take
   */
  public static Model create(
      String name,
      ModelSpec spec,
      int scoringNorm,
      Double regularizerWeight,
      SplittableRandom random) {
    int dim = spec.dim();
    String key = key(name);
    if (NAMES.contains(key) && dim > maxDim(key)) {
      throw new IllegalArgumentException(
          name
              + " supports dim <= "
              + maxDim(key)
              + " (its rows of "
              + (maxDim(key) == MAX_ROW_WIDTH ? "dim" : "2 x dim")
              + " floats must fit four times into one Java array), got "
              + dim);
    }
    switch (key) {
      case "transe":
        return new TransE(spec, scoringNorm, random);
      case "distmult":
        return new DistMult(
            spec, weighted(DistMult.DEFAULT_REGULARIZER, regularizerWeight), random);
      case "complex":
        return new ComplEx(spec, weighted(ComplEx.DEFAULT_REGULARIZER, regularizerWeight), random);
      case "rotate":
        return new RotatE(spec, random);
      default:
        throw new IllegalArgumentException("model must be one of " + NAMES + ", got " + name);
    }
  }

  /**
   * The largest embedding dimension of a model: {@link #MAX_ROW_WIDTH} divided by the floats per
   * dimension (2 for the complex models ComplEx and RotatE, 1 otherwise).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static int maxDim(String name) {
    String key = key(name);
    return switch (key) {
      case "transe", "distmult" -> MAX_ROW_WIDTH;
      case "complex", "rotate" -> MAX_ROW_WIDTH / 2;
      default ->
          throw new IllegalArgumentException("model must be one of " + NAMES + ", got " + name);
    };
  }

  private static String key(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }

  private static LpRegularizer weighted(LpRegularizer regularizer, Double weight) {
    return weight == null ? regularizer : regularizer.withWeight(weight);
  }
}
