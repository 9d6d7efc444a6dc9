package org.kge4j.model;

/**
 * The queries of the complex-valued models (ComplEx, RotatE) over rows that store {@code d} real
 * parts followed by {@code d} imaginary parts (width {@code 2d}):
 *
 * <pre>
 *   tail query  q  = h · r          q_re = h_re r_re − h_im r_im,  q_im = h_re r_im + h_im r_re
 *   head query  q' = conj(r) · t    q'_re = r_re t_re + r_im t_im, q'_im = r_re t_im − r_im t_re
 * </pre>
 *
 * and their chain rules for a gradient {@code a = ∂/∂q}: {@code ∂/∂h = conj(r) · a}, {@code ∂/∂r =
 * conj(h) · a} (tail query); {@code ∂/∂r = conj(a) · t}, {@code ∂/∂t = a · r} (head query), each in
 * the real coordinates. All six are one element-wise complex product, {@link #product}.
 */
abstract class ComplexValuedModel extends AbstractModel {

  ComplexValuedModel(
      String name, Interaction interaction, ModelSpec spec, LpRegularizer regularizer) {
    // entities unconstrained; RotatE keeps its relations at unit modulus itself
    super(name, interaction, spec, 2 * spec.dim(), regularizer, false);
  }

  /** {@code q = h · r}. */
  @Override
  public final void tailQuery(int head, int relation, float[] q, int offset) {
    float[] h = entities.blockOf(head);
    float[] r = relations.blockOf(relation);
    product(false, h, entities.offset(head), r, relations.offset(relation), q, offset, false);
  }

  /** {@code q' = conj(r) · t}. */
  @Override
  final void directHeadQuery(int relation, int tail, float[] q, int offset) {
    float[] r = relations.blockOf(relation);
    float[] t = entities.blockOf(tail);
    product(true, r, relations.offset(relation), t, entities.offset(tail), q, offset, false);
  }

  /** {@code ∂/∂h = conj(r) · dq}, {@code ∂/∂r = conj(h) · dq}. */
  @Override
  public final void chainTailQuery(
      int head, int relation, float[] dq, int dqOffset, OperandGradients out) {
    float[] h = entities.blockOf(head);
    float[] r = relations.blockOf(relation);
    product(
        true, r, relations.offset(relation), dq, dqOffset, out.entity(), out.entityOffset(), true);
    product(
        true, h, entities.offset(head), dq, dqOffset, out.relation(), out.relationOffset(), true);
  }

  /** {@code ∂/∂r = conj(dq) · t}, {@code ∂/∂t = dq · r}. */
  @Override
  final void chainDirectHeadQuery(
      int relation, int tail, float[] dq, int dqOffset, OperandGradients out) {
    float[] r = relations.blockOf(relation);
    float[] t = entities.blockOf(tail);
    product(
        true, dq, dqOffset, t, entities.offset(tail), out.relation(), out.relationOffset(), true);
    product(
        false, dq, dqOffset, r, relations.offset(relation), out.entity(), out.entityOffset(), true);
  }

  /**
   * The element-wise complex product of the kernel ({@link
   * org.kge4j.linalg.DenseKernel#complexProduct}): products commute exactly and {@code -p + q} is
   * {@code q - p} in IEEE arithmetic, so the queries and chain rules give bit for bit what their
   * formulas written out term by term give.
   */
  private void product(
      boolean conjugateX, float[] x, int xo, float[] y, int yo, float[] out, int oo, boolean add) {
    kernel.complexProduct(conjugateX, x, xo, y, yo, out, oo, dim, add);
  }
}
