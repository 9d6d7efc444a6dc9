package org.kge4j.hpo.pipeline;

import java.util.List;
import java.util.Objects;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.HpoParameter;

/**
 * One searched keyword argument of a {@link KgeSearchSpace}: the parameter under its prefixed name
 * ({@code optimizer.lr}), where its range came from, and, for categorical parameters, the JSON
 * values behind the choices (core's {@link CategoricalParameter} holds strings, so the choices
 * {@code [32, 64]} of an {@code embedding_dim} are searched as {@code "32"}, {@code "64"} and
 * handed to the configuration as the integers 32 and 64 again).
 *
 * @param component the component prefix: {@code model}, {@code loss}, {@code regularizer}, {@code
 *     optimizer}, {@code negative_sampler} or {@code training}
 * @param key the keyword argument, e.g. {@code embedding_dim}
 * @param parameter the distribution, named {@code <component>.<key>}
 * @param source {@link ValueSource#USER_RANGE} or {@link ValueSource#DEFAULT_RANGE}
 * @param choiceValues for a categorical parameter, the value of each choice in order (strings,
 *     numbers or booleans); empty otherwise
 */
public record SearchDimension(
    String component,
    String key,
    HpoParameter parameter,
    ValueSource source,
    List<Object> choiceValues) {

  /** Checks the name and the choices. */
  public SearchDimension {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(source, "source");
    if (source != ValueSource.USER_RANGE && source != ValueSource.DEFAULT_RANGE) {
      throw new IllegalArgumentException(
          "a searched parameter comes from a user or a default range, got " + source);
    }
    if (!parameter.name().equals(component + "." + key)) {
      throw new IllegalArgumentException(
          "parameter " + parameter.name() + " must be named " + component + "." + key);
    }
    choiceValues = List.copyOf(choiceValues);
    if (parameter instanceof CategoricalParameter c
        ? c.choices().size() != choiceValues.size()
        : !choiceValues.isEmpty()) {
      throw new IllegalArgumentException(
          "parameter "
              + parameter.name()
              + " needs one value per categorical choice and none otherwise, got "
              + choiceValues);
    }
  }

  /** A dimension whose categorical choices (if any) are the strings themselves. */
  public static SearchDimension of(
      String component, String key, HpoParameter parameter, ValueSource source) {
    List<Object> values =
        parameter instanceof CategoricalParameter c ? List.copyOf(c.choices()) : List.of();
    return new SearchDimension(component, key, parameter, source, values);
  }

  /** The prefixed name, {@code <component>.<key>}. */
  public String name() {
    return parameter.name();
  }

  /** This dimension searching {@code other} instead (same name, source and choice values). */
  SearchDimension withParameter(HpoParameter other) {
    return new SearchDimension(component, key, other, source, choiceValues);
  }

  /**
   * The keyword argument of a sampled value: the JSON value behind a categorical choice, the number
   * itself otherwise.
   */
  public Object toKwarg(Object sampled) {
    if (parameter instanceof CategoricalParameter c) {
      int index = c.choices().indexOf(sampled);
      if (index < 0) {
        throw new IllegalArgumentException(
            name() + ": " + sampled + " is not one of the choices " + c.choices());
      }
      return choiceValues.get(index);
    }
    return sampled;
  }
}
