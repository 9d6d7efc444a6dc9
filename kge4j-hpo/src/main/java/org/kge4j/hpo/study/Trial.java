package org.kge4j.hpo.study;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.hpo.IntParameter;

/**
 * A running trial, handed to the {@link Objective} (Optuna's {@code Trial}): it suggests parameter
 * values, records intermediate values and asks the pruner. Used by one thread, the objective's.
 *
 * <p>{@link #suggest} returns, in this order: the value already suggested under that name (asking
 * again with another definition is an error); the only value of a single-valued parameter; the
 * value fixed by {@link Study#enqueueTrial}, checked against the definition; the value the sampler
 * drew jointly at the trial's first suggestion when the definition equals the one it drew from;
 * otherwise the sampler's independent draw. Every value is stored at once, so other workers (TPE's
 * constant liar) see it.
 */
public final class Trial {
  private final Study study;
  private final int number;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final Map<String, HpoParameter> distributions = new LinkedHashMap<>();
  private final Map<String, Object> fixedParams;
  private final TreeMap<Integer, Double> reported = new TreeMap<>();
  private Map<String, HpoParameter> relativeSpace;
  private Map<String, Object> relativeParams;

  Trial(Study study, FrozenTrial started) {
    this.study = study;
    this.number = started.number();
    String fixed = started.systemAttributes().get(Study.FIXED_PARAMS);
    this.fixedParams = fixed == null ? Map.of() : StorageCodec.decodeValues(fixed);
  }

  /** The trial's number in its study. */
  public int number() {
    return number;
  }

  /** The values suggested so far, by name, in suggestion order. */
  public Map<String, Object> params() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * A value for the parameter: a {@code Double} for a {@link FloatParameter}, an {@code Integer}
   * for an {@link IntParameter}, a {@code String} for a {@link CategoricalParameter}.
   *
   * @throws IllegalArgumentException if the name was suggested with another definition, or a fixed
   *     (enqueued) value is outside the definition
   */
  public Object suggest(HpoParameter parameter) {
    String name = parameter.name();
    if (params.containsKey(name)) {
      if (!distributions.get(name).equals(parameter)) {
        throw new IllegalArgumentException(
            "parameter "
                + name
                + " was suggested as "
                + distributions.get(name)
                + " in trial "
                + number
                + ", now as "
                + parameter);
      }
      return params.get(name);
    }
    Object value;
    Optional<Object> single = ParameterValues.singleValue(parameter);
    if (single.isPresent()) {
      value = single.get();
    } else if (fixedParams.containsKey(name)) {
      value = ParameterValues.coerce(parameter, fixedParams.get(name));
    } else {
      FrozenTrial current = snapshot();
      StudyView view = study.pruner().samplingView(study, current);
      if (relativeSpace == null) {
        relativeSpace = study.sampler().inferRelativeSearchSpace(view, current);
        relativeParams =
            relativeSpace.isEmpty()
                ? Map.of()
                : study.sampler().sampleRelative(view, current, relativeSpace);
      }
      if (parameter.equals(relativeSpace.get(name)) && relativeParams.containsKey(name)) {
        value = relativeParams.get(name);
      } else {
        value = study.sampler().sampleIndependent(view, current, parameter);
      }
      value = ParameterValues.coerce(parameter, value);
    }
    study.storage().setTrialParameter(study.studyId(), number, name, parameter, value);
    params.put(name, value);
    distributions.put(name, parameter);
    return value;
  }

  /** A float in {@code [low, high]}, uniform. */
  public double suggestFloat(String name, double low, double high) {
    return suggestFloat(name, low, high, false);
  }

  /** A float in {@code [low, high]}, uniform or, with {@code log}, log-uniform. */
  public double suggestFloat(String name, double low, double high, boolean log) {
    return (Double) suggest(new FloatParameter(name, low, high, log));
  }

  /** An int in {@code [low, high]}, uniform. */
  public int suggestInt(String name, int low, int high) {
    return suggestInt(name, low, high, 1, false);
  }

  /**
   * An int among {@code low, low + step, ... <= high}, uniform or, with {@code log}, log-uniform.
   */
  public int suggestInt(String name, int low, int high, int step, boolean log) {
    return (Integer) suggest(new IntParameter(name, low, high, step, log));
  }

  /** One of the choices. */
  public String suggestCategorical(String name, List<String> choices) {
    return (String) suggest(new CategoricalParameter(name, choices));
  }

  /** A value for every parameter of the space, in its order: a configuration for it. */
  public Map<String, Object> suggestAll(HpoSpace space) {
    Map<String, Object> config = new LinkedHashMap<>();
    space.parameters().values().forEach(p -> config.put(p.name(), suggest(p)));
    return Collections.unmodifiableMap(config);
  }

  /**
   * Records the objective's intermediate value at {@code step} (an epoch), which the pruner
   * compares across trials. Each step is reported once.
   */
  public void report(int step, double value) {
    Preconditions.atLeast("step", step, 0);
    if (reported.containsKey(step)) {
      throw new IllegalArgumentException(
          "trial "
              + number
              + " already reported step "
              + step
              + " (value "
              + reported.get(step)
              + ")");
    }
    study.storage().setTrialIntermediateValue(study.studyId(), number, step, value);
    reported.put(step, value);
  }

  /**
   * Whether the study's pruner would stop this trial now; the objective then throws {@link
   * TrialPrunedException}.
   */
  public boolean shouldPrune() {
    return study.pruner().prune(study, snapshot());
  }

  /** Sets a user attribute of the trial (e.g. the epoch early stopping ended at). */
  public void setUserAttribute(String key, String value) {
    study.storage().setTrialAttribute(study.studyId(), number, AttributeScope.USER, key, value);
  }

  /** The trial as stored now. */
  public FrozenTrial snapshot() {
    return study.storage().trial(study.studyId(), number);
  }

  @Override
  public String toString() {
    return "Trial(" + number + ", " + params + ")";
  }
}
