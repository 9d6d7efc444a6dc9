package org.kge4j.hpo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A hyper-parameter search space: an ordered set of named parameters, like PyKEEN's {@code
 * hpo_default}. It draws configurations at random ({@link #sample}) or enumerates a grid ({@link
 * #grid}); a configuration maps keyword names to values and can be passed to the owning class's
 * {@code fromConfig}.
 */
public final class HpoSpace {
  private final Map<String, HpoParameter> parameters;

  private HpoSpace(Map<String, HpoParameter> parameters) {
    this.parameters = Collections.unmodifiableMap(parameters);
  }

  /** A space over the given parameters, in order. */
  public static HpoSpace of(HpoParameter... parameters) {
    Map<String, HpoParameter> map = new LinkedHashMap<>();
    for (HpoParameter p : parameters) {
      if (map.put(p.name(), p) != null) {
        throw new IllegalArgumentException("duplicate search-space parameter '" + p.name() + "'");
      }
    }
    return new HpoSpace(map);
  }

  /**
   * This space with every parameter renamed to {@code prefix + name}, as PyKEEN's HPO names a
   * component's parameters ({@code model.embedding_dim}, {@code loss.offset}, ...).
   */
  public HpoSpace prefixed(String prefix) {
    return of(
        parameters.values().stream()
            .map(p -> p.withName(prefix + p.name()))
            .toArray(HpoParameter[]::new));
  }

  /**
   * The parameters of all {@code spaces}, in order.
   *
   * @throws IllegalArgumentException if two spaces share a parameter name
   */
  public static HpoSpace concat(HpoSpace... spaces) {
    List<HpoParameter> all = new ArrayList<>();
    for (HpoSpace space : spaces) {
      all.addAll(space.parameters.values());
    }
    return of(all.toArray(HpoParameter[]::new));
  }

  /** The parameters by name, in declaration order. */
  public Map<String, HpoParameter> parameters() {
    return parameters;
  }

  /** The parameter of that name, if any. */
  public Optional<HpoParameter> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /** One configuration drawn with the given generator. */
  public Map<String, Object> sample(RandomGenerator random) {
    Map<String, Object> config = new LinkedHashMap<>();
    parameters.forEach((name, p) -> config.put(name, p.sample(random)));
    return Collections.unmodifiableMap(config);
  }

  /** {@code count} configurations drawn reproducibly from {@code seed}. */
  public List<Map<String, Object>> sample(long seed, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("sample count must be >= 0, got " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Map<String, Object>> configs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      configs.add(sample(random));
    }
    return configs;
  }

  /** The Cartesian product of every parameter's {@link HpoParameter#grid}, in declaration order. */
  public List<Map<String, Object>> grid(int pointsPerRange) {
    List<Map<String, Object>> configs = new ArrayList<>();
    configs.add(new LinkedHashMap<>());
    for (HpoParameter p : parameters.values()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : configs) {
        for (Object value : p.grid(pointsPerRange)) {
          Map<String, Object> extended = new LinkedHashMap<>(partial);
          extended.put(p.name(), value);
          next.add(extended);
        }
      }
      configs = next;
    }
    configs.replaceAll(Collections::unmodifiableMap);
    return Collections.unmodifiableList(configs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HpoSpace s && parameters.equals(s.parameters);
  }

  @Override
  public int hashCode() {
    return parameters.hashCode();
  }

  @Override
  public String toString() {
    return "HpoSpace" + parameters.values();
  }
}
