package org.kge4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.kge4j.model.Model;

/**
 * A kge4j model over a few entity rows — one {@link EntityBlock} followed by extra rows (the
 * queries' own entities), or only the queries' entities — and the whole relation table: its queries
 * and its scores of block entities are those single-machine kge4j computes with all entities, since
 * the kernels compute a query from its own rows and score each candidate row on its own, whatever
 * the other rows are.
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
    List<float[]> rows = new ArrayList<>(block.size() + extra.size());
    for (int i = 0; i < block.size(); i++) {
      rows.add(block.vector(i));
    }
    rows.addAll(extra);
    return build(spec, rows, relations);
  }

  /**
   * Builds the model: entity row {@code i} is {@code rows.get(i)}, relation row {@code r} is {@code
   * relations[r]}.
   *
   * @throws IllegalArgumentException if a vector does not have the model's row width
   */
  static Model build(ScoringSpec spec, List<float[]> rows, float[][] relations) {
    Model model = spec.newModel(rows.size(), relations.length);
    for (int i = 0; i < rows.size(); i++) {
      model.entityEmbeddings().setRow(i, rows.get(i));
    }
    for (int r = 0; r < relations.length; r++) {
      model.relationEmbeddings().setRow(r, relations[r]);
    }
    return model;
  }
}
