package org.kge4j.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kge4j.loss.DoubleMarginLoss;

/**
 * The loss a {@link LossConfig} resolves to, as a run's {@code results.json} reports it under
 * {@code loss}: {@code name}, {@code form} ({@code margins} or {@code distance_limits}), the
 * resolved {@code positive_margin} λ and {@code negative_margin} λ̄, the {@code positive_weight}
 * and {@code negative_weight} the balance gives, {@code margin_activation} and {@code reduction}.
 * One place for both writers of {@code results.json} (the CLI's {@code train} and kge4j-spark's
 * job), so their reports cannot drift apart.
 */
public final class ResolvedLoss {

  private ResolvedLoss() {}

  /** The resolved loss of {@code config} under {@code results.json}'s names, in that order. */
  public static Map<String, Object> toMap(LossConfig config) {
    DoubleMarginLoss loss = config.build();
    Map<String, Object> resolved = new LinkedHashMap<>();
    resolved.put("name", "DoubleMarginLoss");
    resolved.put("form", config.usesDistanceLimits() ? "distance_limits" : "margins");
    resolved.put("positive_margin", loss.positiveMargin());
    resolved.put("negative_margin", loss.negativeMargin());
    resolved.put("positive_weight", loss.positiveWeight());
    resolved.put("negative_weight", loss.negativeWeight());
    resolved.put("margin_activation", loss.marginActivation().name());
    resolved.put("reduction", loss.reduction().pykeenName());
    return resolved;
  }
}
