package org.kge4j.model;

/**
 * Plain double-precision scores written straight from the papers' formulas, independent of the
 * float kernels under test; complex rows are real parts then imaginary parts.
 */
final class ReferenceScores {

  private ReferenceScores() {}

  /** The score of {@code (h, r, t)} for {@code model}'s kind, from double copies of its tables. */
  static double score(Model model, double[] ent, double[] rel, int h, int r, int t) {
    int w = model.entityEmbeddings().width();
    int d = model.dim();
    int ho = h * w;
    int ro = r * w;
    int to = t * w;
    double sum = 0.0;
    switch (model.name()) {
      case "transe":
        {
          int p = ((TransE) model).scoringNorm();
          for (int k = 0; k < d; k++) {
            double x = ent[ho + k] + rel[ro + k] - ent[to + k];
            sum += p == 1 ? Math.abs(x) : x * x;
          }
          return p == 1 ? -sum : -Math.sqrt(sum);
        }
      case "distmult":
        for (int k = 0; k < d; k++) {
          sum += ent[ho + k] * rel[ro + k] * ent[to + k];
        }
        return sum;
      case "complex":
        for (int k = 0; k < d; k++) {
          // Re(h * r * conj(t)) with complex arithmetic spelled out
          double pr = ent[ho + k] * rel[ro + k] - ent[ho + d + k] * rel[ro + d + k];
          double pi = ent[ho + k] * rel[ro + d + k] + ent[ho + d + k] * rel[ro + k];
          double tr = ent[to + k];
          double ti = -ent[to + d + k];
          sum += pr * tr - pi * ti;
        }
        return sum;
      case "rotate":
        for (int k = 0; k < d; k++) {
          double pr = ent[ho + k] * rel[ro + k] - ent[ho + d + k] * rel[ro + d + k];
          double pi = ent[ho + k] * rel[ro + d + k] + ent[ho + d + k] * rel[ro + k];
          double dr = pr - ent[to + k];
          double di = pi - ent[to + d + k];
          sum += dr * dr + di * di;
        }
        return -Math.sqrt(sum);
      default:
        throw new AssertionError(model.name());
    }
  }

  /**
   * The score of {@code (h, r, t)} as head prediction computes it: RotatE rotates the tail back,
   * {@code −||h − conj(r)·t||} (equal to {@link #score} when {@code |r_k| = 1}, PyKEEN's form for
   * many heads); every other model as {@link #score}.
   */
  static double headScore(Model model, double[] ent, double[] rel, int h, int r, int t) {
    if (!model.name().equals("rotate")) {
      return score(model, ent, rel, h, r, t);
    }
    int w = model.entityEmbeddings().width();
    int d = model.dim();
    double sum = 0.0;
    for (int k = 0; k < d; k++) {
      double rr = rel[r * w + k];
      double ri = rel[r * w + d + k];
      double tr = ent[t * w + k];
      double ti = ent[t * w + d + k];
      // conj(r) * t
      double qr = rr * tr + ri * ti;
      double qi = rr * ti - ri * tr;
      double dr = ent[h * w + k] - qr;
      double di = ent[h * w + d + k] - qi;
      sum += dr * dr + di * di;
    }
    return -Math.sqrt(sum);
  }

  static double[] toDouble(float[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  }
}
