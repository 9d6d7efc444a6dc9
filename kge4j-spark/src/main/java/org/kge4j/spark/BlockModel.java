package org.kge4j.spark;

import java.util.List;
import org.kge4j.model.Model;

/**
 * A kge4j model over one {@link EntityBlock} followed by extra entity rows (the queries' own
 * entities) and the whole relation table: scoring a query against it with the model's own 1-N
 * kernels gives, for every block entity, the score single-machine kge4j computes against all
 * entities — the kernels score each candidate row on its own, whatever the other rows are.
 */
final class BlockModel {

  private BlockModel() {}

  /**
   * Builds the model: entity rows {@code 0..block.size()-1} are the block's, the following ones
   * {@code extra}'s, relation row {@code r} is {@code relations[r]}.
   *
   * @throws IllegalArgumentException if a vector does not have the model's row width
   */
  static Model build(
      ScoringSpec spec, EntityBlock block, List<float[]> extra, float[][] relations) {
    Model model = spec.newModel(block.size() + extra.size(), relations.length);
    for (int i = 0; i < block.size(); i++) {
      model.entityEmbeddings().setRow(i, block.vector(i));
    }
    for (int i = 0; i < extra.size(); i++) {
      model.entityEmbeddings().setRow(block.size() + i, extra.get(i));
    }
    for (int r = 0; r < relations.length; r++) {
      model.relationEmbeddings().setRow(r, relations[r]);
    }
    return model;
  }
}
