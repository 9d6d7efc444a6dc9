package org.kge4j.djl;

import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * DistMult [Yang et al., 2015] built from DJL blocks: entity and relation embeddings (one {@link
 * TrainableWordEmbedding} each, their vocabularies the entity and relation labels) and the
 * trilinear score {@code f(h, r, t) = Σ_d e_h[d] · w_r[d] · e_t[d]}.
 *
 * <p>Each input is an int64 array of triples with last axis {@code (head, relation, tail)}; the
 * block returns one array of scores per input, with that last axis removed: {@code (B, 3)}
 * positives give {@code (B,)} scores, {@code (B, K, 3)} negatives give {@code (B, K)}.
 */
final class DistMultBlock extends AbstractBlock {

  private final TrainableWordEmbedding entities;
  private final TrainableWordEmbedding relations;

  DistMultBlock(List<String> entityLabels, List<String> relationLabels, int dimension) {
    entities = addChildBlock("entities", embedding(entityLabels, dimension));
    relations = addChildBlock("relations", embedding(relationLabels, dimension));
  }

  private static TrainableWordEmbedding embedding(List<String> labels, int dimension) {
    return TrainableWordEmbedding.builder()
        .setVocabulary(new DefaultVocabulary(labels))
        .setEmbeddingSize(dimension)
        .build();
  }

  /** The trained entity embeddings, {@code (numEntities, dimension)}, copied to Java. */
  float[] entityEmbeddings() {
    return entities.getParameters().valueAt(0).getArray().toFloatArray();
  }

  /** The trained relation embeddings, {@code (numRelations, dimension)}, copied to Java. */
  float[] relationEmbeddings() {
    return relations.getParameters().valueAt(0).getArray().toFloatArray();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDList scores = new NDList(inputs.size());
    for (NDArray triples : inputs) {
      NDArray heads = lookUp(entities, parameterStore, triples.get("..., 0"), training);
      NDArray rels = lookUp(relations, parameterStore, triples.get("..., 1"), training);
      NDArray tails = lookUp(entities, parameterStore, triples.get("..., 2"), training);
      scores.add(heads.mul(rels).mul(tails).sum(new int[] {-1}));
    }
    return scores;
  }

  private static NDArray lookUp(
      TrainableWordEmbedding table, ParameterStore parameterStore, NDArray ids, boolean training) {
    return table.forward(parameterStore, new NDList(ids), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] outputs = new Shape[inputShapes.length];
    for (int i = 0; i < inputShapes.length; i++) {
      outputs[i] = inputShapes[i].slice(0, inputShapes[i].dimension() - 1);
    }
    return outputs;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    entities.initialize(manager, dataType, new Shape(-1));
    relations.initialize(manager, dataType, new Shape(-1));
  }
}
