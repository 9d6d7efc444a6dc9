package org.kge4j.evaluation;

import org.kge4j.model.Model;

/**
 * A model's scores seen through the generic {@link LinkPredictor} interface rather than as a {@link
 * Model}, so that an evaluator takes its one-query-at-a-time path; subclasses may compute the
 * scores another way.
 */
class GenericPredictor implements LinkPredictor {

  final Model model;

  GenericPredictor(Model model) {
    this.model = model;
  }

  @Override
  public int numEntities() {
    return model.numEntities();
  }

  @Override
  public void scoreTails(int head, int relation, float[] out) {
    model.scoreTails(head, relation, out);
  }

  @Override
  public void scoreHeads(int relation, int tail, float[] out) {
    model.scoreHeads(relation, tail, out);
  }
}
