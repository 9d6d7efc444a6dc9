package org.kge4j.hpo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.TrialState;

class ParameterImportanceTest {

  static FrozenTrial trial(int number, TrialState state, double value, Map<String, Object> params) {
    Map<String, HpoParameter> distributions = new LinkedHashMap<>();
    params.forEach(
        (name, v) ->
            distributions.put(
                name,
                v instanceof String
                    ? new CategoricalParameter(name, List.of("a", "b", "c"))
                    : new FloatParameter(name, 1e-3, 1e3, true)));
    return new FrozenTrial(
        number,
        state,
        OptionalDouble.of(value),
        params,
        distributions,
        new TreeMap<>(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Map.of());
  }

  @Test
  void epsilonSquaredOfTwoGroupsByHand() {
    // ȳ = 2.5, SS_t = 5, SS_b = 2·1² + 2·1² = 4, SS_w = 1: ε² = (4 − 1·1/2) / 5 = 0.7
    assertEquals(
        0.7,
        ParameterImportance.epsilonSquared(List.of(List.of(1.0, 2.0), List.of(3.0, 4.0))),
        1e-12);
    // groups that explain nothing are clipped at 0: ȳ_g equal
    assertEquals(
        0.0,
        ParameterImportance.epsilonSquared(List.of(List.of(1.0, 3.0), List.of(3.0, 1.0))),
        0.0);
  }

  @Test
  void numericValuesAreCutIntoEqualCountGroupsOnTheLogScale() {
    List<FrozenTrial> trials = new ArrayList<>();
    double[] lrs = {1e-3, 1e2, 1e-2, 1e1, 1e-1, 1e0, 1e-3 * 2, 1e2 * 2, 1e-2 * 2};
    for (int i = 0; i < lrs.length; i++) {
      trials.add(trial(i, TrialState.COMPLETE, i, Map.of("lr", lrs[i])));
    }
    // n = 9: k = 3 groups of 3 by log(lr): {1e-3, 2e-3, 1e-2}, {2e-2, 1e-1, 1}, {10, 100, 200}
    assertEquals(
        List.of(List.of(0.0, 6.0, 2.0), List.of(8.0, 4.0, 5.0), List.of(3.0, 1.0, 7.0)),
        ParameterImportance.groups(trials, "lr"));
  }

  @Test
  void theParameterThatDrivesTheValueRanksFirstAndImportancesSumToOne() {
    List<FrozenTrial> trials = new ArrayList<>();
    String[] noise = {"a", "b", "c"};
    for (int i = 0; i < 12; i++) {
      double x = Math.pow(10, -3 + 6 * i / 11.0);
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("x", x);
      params.put("noise", noise[(i * 7) % 3]);
      trials.add(trial(i, TrialState.COMPLETE, Math.log10(x), params));
    }
    trials.add(trial(12, TrialState.PRUNED, 99.0, Map.of("x", 1.0, "noise", "a")));
    Map<String, Double> importance = ParameterImportance.of(trials);
    assertEquals(List.of("x", "noise"), List.copyOf(importance.keySet()));
    assertEquals(1.0, importance.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    assertTrue(importance.get("x") > 0.9, importance.toString());
  }
}
