package org.kge4j.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How an embedding table gets its initial values: PyKEEN's initializers ({@code pykeen.nn.init} and
 * {@code torch.nn.init}) under their names without the trailing underscore. {@code fan_out} is the
 * number of floats per row (PyKEEN's {@code prod(shape[1:])} on the real view, so {@code 2d} for
 * complex models):
 *
 * <pre>
 *   normal              N(0, 1)
 *   uniform             U(0, 1)
 *   xavier_uniform      U(-a, a),  a = sqrt(6 / fan_out)
 *   xavier_normal       N(0, s²),  s = sqrt(2 / fan_out)
 *   xavier_uniform_norm U(-1, 1), then every row scaled to unit L2 norm
 *   xavier_normal_norm  N(0, 1), then every row scaled to unit L2 norm
 *   uniform_norm        U(0, 1), then every row scaled to unit L2 norm
 *   normal_norm         N(0, 1), then every row scaled to unit L2 norm
 *   init_phases         complex rows (d real parts, then d imaginary parts): cos φ + i sin φ,
 *                       φ ~ U(0, 2π), i.e. unit modulus
 * </pre>
 *
 * The {@code *_norm} variants draw with unit scale because the scale of a normalised row does not
 * matter (PyTorch's Xavier bound there would only change the last bits). Values are drawn row by
 * row, element by element, from the given generator, so a seed fixes the table.
 */
public enum Initializer {
  /** {@code N(0, 1)}. */
  NORMAL("normal"),
  /** {@code U(0, 1)}. */
  UNIFORM("uniform"),
  /** {@code U(-sqrt(6 / fan_out), sqrt(6 / fan_out))}. */
  XAVIER_UNIFORM("xavier_uniform"),
  /** {@code N(0, 2 / fan_out)}. */
  XAVIER_NORMAL("xavier_normal"),
  /** {@code U(-1, 1)}, then unit L2 norm per row. */
  XAVIER_UNIFORM_NORM("xavier_uniform_norm"),
  /** {@code N(0, 1)}, then unit L2 norm per row. */
  XAVIER_NORMAL_NORM("xavier_normal_norm"),
  /** {@code U(0, 1)}, then unit L2 norm per row. */
  UNIFORM_NORM("uniform_norm"),
  /** {@code N(0, 1)}, then unit L2 norm per row. */
  NORMAL_NORM("normal_norm"),
  /** Unit-modulus complex numbers with phases {@code U(0, 2π)}; needs an even row width. */
  INIT_PHASES("init_phases");

  private final String id;

  Initializer(String id) {
    this.id = id;
  }

  /** The names {@link #of} accepts, as PyKEEN spells them without the trailing underscore. */
  public static final List<String> NAMES = Arrays.stream(values()).map(i -> i.id).toList();

  /** The name, e.g. {@code xavier_uniform}. */
  public String id() {
    return id;
  }

  /**
   * The initializer of that name; case is ignored and PyKEEN's trailing underscore is accepted
   * ({@code "xavier_uniform_"}).
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static Initializer of(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (key.endsWith("_")) {
      key = key.substring(0, key.length() - 1);
    }
    for (Initializer initializer : values()) {
      if (initializer.id.equals(key)) {
        return initializer;
      }
    }
    throw new IllegalArgumentException("initializer must be one of " + NAMES + ", got " + name);
  }

  /**
   * Fills every row of {@code table}.
   *
   * @throws IllegalArgumentException for {@link #INIT_PHASES} on a table of odd width
   */
  public void initialize(EmbeddingTable table, SplittableRandom random) {
    int width = table.width();
    if (this == INIT_PHASES && width % 2 != 0) {
      throw new IllegalArgumentException(
          "init_phases needs complex rows (an even width), got width "
              + width
              + " for the "
              + table.name()
              + " table");
    }
    float[] row = new float[width];
    for (int r = 0; r < table.numRows(); r++) {
      fill(row, random);
      table.setRow(r, row);
    }
  }

  private void fill(float[] row, SplittableRandom random) {
    int width = row.length;
    switch (this) {
      case NORMAL -> gaussian(row, 1.0, random);
      case UNIFORM -> uniform(row, 0.0, 1.0, random);
      case XAVIER_UNIFORM -> {
        double bound = Math.sqrt(6.0 / width);
        uniform(row, -bound, bound, random);
      }
      case XAVIER_NORMAL -> gaussian(row, Math.sqrt(2.0 / width), random);
      case XAVIER_UNIFORM_NORM -> {
        uniform(row, -1.0, 1.0, random);
        normalize(row);
      }
      case XAVIER_NORMAL_NORM, NORMAL_NORM -> {
        gaussian(row, 1.0, random);
        normalize(row);
      }
      case UNIFORM_NORM -> {
        uniform(row, 0.0, 1.0, random);
        normalize(row);
      }
      case INIT_PHASES -> {
        int d = width / 2;
        for (int k = 0; k < d; k++) {
          double phase = 2.0 * Math.PI * random.nextDouble();
          row[k] = (float) Math.cos(phase);
          row[d + k] = (float) Math.sin(phase);
        }
      }
    }
  }

  private static void uniform(float[] row, double low, double high, SplittableRandom random) {
    // (2u - 1)·b for the symmetric case keeps the draws of the models' former initialisation
    boolean symmetric = low == -high;
    for (int k = 0; k < row.length; k++) {
      double u = random.nextDouble();
      row[k] = (float) (symmetric ? (2.0 * u - 1.0) * high : low + u * (high - low));
    }
  }

  private static void gaussian(float[] row, double std, SplittableRandom random) {
    for (int k = 0; k < row.length; k++) {
      row[k] = (float) (random.nextGaussian() * std);
    }
  }

  /** PyTorch's {@code functional.normalize}: divide by {@code max(||row||, 1e-12)}. */
  private static void normalize(float[] row) {
    double sq = 0.0;
    for (float v : row) {
      sq += (double) v * v;
    }
    double inv = 1.0 / Math.max(Math.sqrt(sq), AbstractModel.NORMALIZE_EPS);
    for (int k = 0; k < row.length; k++) {
      row[k] = (float) (row[k] * inv);
    }
  }
}
