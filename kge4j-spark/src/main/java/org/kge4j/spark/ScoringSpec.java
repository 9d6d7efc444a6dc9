package org.kge4j.spark;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.kge4j.model.Model;
import org.kge4j.model.Models;

/**
 * What it takes to score with trained embeddings: the interaction model's name, its dimension and
 * TransE's norm. Scoring code builds kge4j models of this kind over a few rows (an entity block and
 * some query rows) and calls their own scoring kernels, so scores are those of single-machine
 * kge4j.
 *
 * @param model the model name ({@code transe}, {@code distmult}, {@code complex}, {@code rotate})
 * @param dim the embedding dimension
 * @param scoringNorm TransE's norm
 */
record ScoringSpec(String model, int dim, int scoringNorm) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * A model over {@code numEntities} and {@code numRelations} whose rows the caller sets (the
   * random initial values are overwritten).
   */
  Model newModel(int numEntities, int numRelations) {
    return Models.create(
        model, numEntities, numRelations, dim, scoringNorm, 0.0, new SplittableRandom(0));
  }
}
