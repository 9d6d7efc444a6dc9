package org.kge4j.model;

/**
 * The queries of the complex-valued models (ComplEx, RotatE) over rows that store {@code d} real
 * parts followed by {@code d} imaginary parts:
 *
 * <pre>
 *   tail query  q  = h · r          q_re = h_re r_re − h_im r_im,  q_im = h_re r_im + h_im r_re
 *   head query  q' = conj(r) · t    q'_re = r_re t_re + r_im t_im, q'_im = r_re t_im − r_im t_re
 * </pre>
 *
 * and their chain rules for a gradient {@code a = ∂/∂q}: {@code ∂/∂h = a · conj(r)}, {@code ∂/∂r =
 * a · conj(h)} (tail query); {@code ∂/∂r = conj(a) · t}, {@code ∂/∂t = a · r} (head query), each in
 * the real coordinates.
 */
final class ComplexQueries {

  private ComplexQueries() {}

  static void tail(
      EmbeddingTable entities,
      EmbeddingTable relations,
      int d,
      int head,
      int relation,
      float[] q,
      int qo) {
    float[] e = entities.blockOf(head);
    float[] rel = relations.blockOf(relation);
    int ho = entities.offset(head);
    int ro = relations.offset(relation);
    for (int k = 0; k < d; k++) {
      float hr = e[ho + k];
      float hi = e[ho + d + k];
      float rr = rel[ro + k];
      float ri = rel[ro + d + k];
      q[qo + k] = hr * rr - hi * ri;
      q[qo + d + k] = hr * ri + hi * rr;
    }
  }

  static void head(
      EmbeddingTable entities,
      EmbeddingTable relations,
      int d,
      int relation,
      int tail,
      float[] q,
      int qo) {
    float[] e = entities.blockOf(tail);
    float[] rel = relations.blockOf(relation);
    int to = entities.offset(tail);
    int ro = relations.offset(relation);
    for (int k = 0; k < d; k++) {
      float rr = rel[ro + k];
      float ri = rel[ro + d + k];
      float tr = e[to + k];
      float ti = e[to + d + k];
      q[qo + k] = rr * tr + ri * ti;
      q[qo + d + k] = rr * ti - ri * tr;
    }
  }

  static void chainTail(
      EmbeddingTable entities,
      EmbeddingTable relations,
      int d,
      int head,
      int relation,
      float[] a,
      int ao,
      float[] dh,
      int dho,
      float[] dr,
      int dro) {
    float[] e = entities.blockOf(head);
    float[] rel = relations.blockOf(relation);
    int ho = entities.offset(head);
    int ro = relations.offset(relation);
    for (int k = 0; k < d; k++) {
      float ar = a[ao + k];
      float ai = a[ao + d + k];
      float hr = e[ho + k];
      float hi = e[ho + d + k];
      float rr = rel[ro + k];
      float ri = rel[ro + d + k];
      dh[dho + k] += ar * rr + ai * ri;
      dh[dho + d + k] += -ar * ri + ai * rr;
      dr[dro + k] += ar * hr + ai * hi;
      dr[dro + d + k] += -ar * hi + ai * hr;
    }
  }

  static void chainHead(
      EmbeddingTable entities,
      EmbeddingTable relations,
      int d,
      int relation,
      int tail,
      float[] a,
      int ao,
      float[] dr,
      int dro,
      float[] dt,
      int dto) {
    float[] e = entities.blockOf(tail);
    float[] rel = relations.blockOf(relation);
    int to = entities.offset(tail);
    int ro = relations.offset(relation);
    for (int k = 0; k < d; k++) {
      float ar = a[ao + k];
      float ai = a[ao + d + k];
      float rr = rel[ro + k];
      float ri = rel[ro + d + k];
      float tr = e[to + k];
      float ti = e[to + d + k];
      dr[dro + k] += ar * tr + ai * ti;
      dr[dro + d + k] += ar * ti - ai * tr;
      dt[dto + k] += ar * rr - ai * ri;
      dt[dto + d + k] += ar * ri + ai * rr;
    }
  }
}
