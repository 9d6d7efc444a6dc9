package org.kge4j.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.model.EmbeddingTable;
import org.kge4j.optim.Optimizer;
import org.kge4j.optim.Optimizers;

/**
 * The optimizer component: {@code optimizer} and {@code optimizer_kwargs} of the pipeline JSON.
 * Names as PyTorch spells them ({@code Adam}, {@code SparseAdam}, {@code Adagrad}, {@code SGD}),
 * resolved ignoring case; the one keyword is {@code lr} (finite, {@code > 0}), by default
 * PyTorch's: 0.01 for Adagrad, 0.001 otherwise.
 *
 * @param name the optimizer
 * @param lr the learning rate
 */
public record OptimizerConfig(String name, double lr) implements ComponentConfig {

  /** The optimizer names, as PyTorch spells them. */
  public static final List<String> NAMES = List.of("Adam", "SparseAdam", "Adagrad", "SGD");

  /** PyKEEN's {@code optimizers_hpo_defaults}: {@code lr} 1e-3..1e-1 on a log scale. */
  public static final HpoSpace HPO_DEFAULT =
      HpoSpace.of(new FloatParameter("lr", 1.0e-3, 1.0e-1, true));

  private static final String SECTION = "optimizer_kwargs";

  /**
   * Resolves the name and checks the learning rate.
   *
   * @throws ConfigurationException for an unknown name or an invalid learning rate
   */
  public OptimizerConfig {
    name = Names.resolve("optimizer", name, NAMES, "");
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw Kwargs.of(SECTION, Map.of(), name, List.of("lr"))
          .invalid("lr", "must be a finite number > 0, got " + lr);
    }
  }

  /**
   * The component from its name and {@code optimizer_kwargs}.
   *
   * @throws ConfigurationException for an unknown name, an unsupported key or an invalid value
   */
  public static OptimizerConfig fromKwargs(String name, Map<String, ?> kwargs) {
    String resolved = Names.resolve("optimizer", name, NAMES, "");
    Double lr = Kwargs.of(SECTION, kwargs, resolved, List.of("lr")).number("lr");
    return new OptimizerConfig(
        resolved, lr != null ? lr : resolved.equals("Adagrad") ? 0.01 : 0.001);
  }

  /** An optimizer of {@code tables}. */
  public Optimizer create(List<EmbeddingTable> tables) {
    return Optimizers.create(name, tables, lr);
  }

  /** {@code optimizer_kwargs}: the learning rate. */
  @Override
  public Map<String, Object> kwargs() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("lr", lr);
    return map;
  }

  /** {@link #HPO_DEFAULT}. */
  @Override
  public HpoSpace hpoDefault() {
    return HPO_DEFAULT;
  }
}
