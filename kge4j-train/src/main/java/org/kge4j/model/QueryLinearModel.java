package org.kge4j.model;

/**
 * A model whose score is linear in the candidate entity: {@code score(h, r, e) = <q(h, r), e>} for
 * tail prediction and {@code score(e, r, t) = <q'(r, t), e>} for head prediction (DistMult, ComplEx
 * over their real coordinates). Scoring every candidate is then one dot product with a query
 * computed once, and the backward pass is {@code ∂/∂e = upstream·q} for the candidates plus {@code
 * Σ upstream·e = ∂/∂q}, chained into the query's own embeddings. Subclasses supply the query and
 * that chain rule; this class runs both entry points of each side through them.
 */
abstract class QueryLinearModel extends AbstractModel {
  QueryLinearModel(
      int numEntities, int numRelations, int dim, int width, LpRegularizer regularizer) {
    super(numEntities, numRelations, dim, width, regularizer);
  }

  /** Writes the query {@code q(h, r)} that every tail is dotted with into {@code q[0, width)}. */
  abstract void tailQuery(int head, int relation, float[] q);

  /** Writes the query {@code q'(r, t)} that every head is dotted with into {@code q[0, width)}. */
  abstract void headQuery(int relation, int tail, float[] q);

  /** Given {@code ∂/∂q} in {@code s[width, 2·width)}, adds the gradients of h and r. */
  abstract void chainTails(int head, int relation, float[] s, Gradients out);

  /** Given {@code ∂/∂q'} in {@code s[width, 2·width)}, adds the gradients of r and t. */
  abstract void chainHeads(int relation, int tail, float[] s, Gradients out);

  @Override
  public final void scoreTails(int head, int relation, float[] out, int offset) {
    float[] q = scratch();
    tailQuery(head, relation, q);
    dotRows(q, null, numEntities, out, offset);
  }

  @Override
  public final void scoreHeads(int relation, int tail, float[] out, int offset) {
    float[] q = scratch();
    headQuery(relation, tail, q);
    dotRows(q, null, numEntities, out, offset);
  }

  @Override
  public final void scoreTails(int head, int relation, int[] tails, int count, float[] out) {
    float[] q = scratch();
    tailQuery(head, relation, q);
    dotRows(q, tails, count, out, 0);
  }

  @Override
  public final void scoreHeads(int relation, int tail, int[] heads, int count, float[] out) {
    float[] q = scratch();
    headQuery(relation, tail, q);
    dotRows(q, heads, count, out, 0);
  }

  @Override
  final void tailsGradient(
      int head, int relation, int[] ids, int count, float[] upstream, int offset, Gradients out) {
    float[] s = scratch();
    tailQuery(head, relation, s);
    linearBackward(ids, count, upstream, offset, s, out.entities());
    chainTails(head, relation, s, out);
  }

  @Override
  final void headsGradient(
      int relation, int tail, int[] ids, int count, float[] upstream, int offset, Gradients out) {
    float[] s = scratch();
    headQuery(relation, tail, s);
    linearBackward(ids, count, upstream, offset, s, out.entities());
    chainHeads(relation, tail, s, out);
  }
}
