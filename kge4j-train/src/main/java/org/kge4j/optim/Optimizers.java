package org.kge4j.optim;

import java.util.List;
import java.util.Locale;
import org.kge4j.model.EmbeddingTable;

/** Creates optimizers by the names the CLI's {@code --optimizer} accepts. */
public final class Optimizers {

  /** The names {@link #create} accepts. */
  public static final List<String> NAMES = List.of("adam", "sparseadam", "adagrad", "sgd");

  private Optimizers() {}

  /**
   * Binds a new optimizer to {@code tables}.
   *
   * @param name {@code adam} (PyTorch's dense Adam), {@code sparseadam} (touched rows only), {@code
   *     adagrad} or {@code sgd}; case-insensitive
   * @throws IllegalArgumentException for an unknown name or an invalid learning rate
   */
  public static Optimizer create(String name, List<EmbeddingTable> tables, double learningRate) {
    String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
    switch (key) {
      case "adam":
        return new Adam(tables, learningRate, false);
      case "sparseadam":
        return new Adam(tables, learningRate, true);
      case "adagrad":
        return new Adagrad(tables, learningRate);
      case "sgd":
        return new Sgd(tables, learningRate);
      default:
        throw new IllegalArgumentException("optimizer must be one of " + NAMES + ", got " + name);
    }
  }
}
