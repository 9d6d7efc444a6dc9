package org.kge4j.config;

import java.util.Map;
import org.kge4j.hpo.HpoSpace;

/**
 * A named component of a {@link PipelineConfig} (model, loss, regularizer, optimizer, negative
 * sampler, stopper): the pair {@code <component>} / {@code <component>_kwargs} of the pipeline JSON
 * and the component's default search space.
 */
public interface ComponentConfig {

  /** The component's name as PyKEEN spells it: the value of {@code <component>}. */
  String name();

  /** The component's keyword arguments, in their JSON order: {@code <component>_kwargs}. */
  Map<String, Object> kwargs();

  /**
   * PyKEEN's default search space of the keyword arguments ({@code hpo_default}); empty for a
   * component PyKEEN does not tune (the stopper).
   */
  default HpoSpace hpoDefault() {
    return HpoSpace.of();
  }
}
