package org.kge4j.hpo.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.NumericParameter;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.TrialState;

/**
 * How much of the variation of the objective each parameter explains: a first-order variance
 * decomposition (the one-way ANOVA at the heart of fANOVA, without its random forest), estimated
 * from the complete trials with a finite value.
 *
 * <p>For a parameter, the trials that have it are put into groups: one group per value when it
 * takes at most {@code k = max(2, ⌊√n⌋)} distinct values (categorical parameters, small int ranges,
 * powers of two), otherwise {@code k} groups of consecutive positions on its sampling scale (log
 * scale for log ranges) with sizes differing by at most one (ties split by trial number). With
 * {@code SS_b = Σ_g n_g (ȳ_g − ȳ)²}, {@code SS_t = Σ (y − ȳ)²} and {@code SS_w = SS_t − SS_b}, the
 * importance is the bias-corrected share of explained variance, epsilon squared:
 *
 * <pre>ε² = max(0, (SS_b − (k − 1) · SS_w / (n − k)) / SS_t)</pre>
 *
 * (0 when {@code n <= k} or {@code SS_t = 0}). The importances are then divided by their sum, as
 * Optuna's importance evaluators normalise, so they add up to 1 (all stay 0 if none explains
 * anything). Unlike fANOVA it ignores interactions, and with few trials it is noisy: it ranks
 * parameters, it does not measure them precisely.
 */
public final class ParameterImportance {

  private ParameterImportance() {}

  /**
   * The normalised importance of every parameter that a complete trial has, largest first (ties by
   * name).
   */
  public static Map<String, Double> of(List<FrozenTrial> trials) {
    List<FrozenTrial> complete =
        trials.stream()
            .filter(t -> t.state() == TrialState.COMPLETE)
            .filter(t -> t.value().isPresent() && Double.isFinite(t.value().getAsDouble()))
            .toList();
    Map<String, Double> raw = new TreeMap<>();
    for (FrozenTrial t : complete) {
      for (String name : t.params().keySet()) {
        raw.computeIfAbsent(name, n -> epsilonSquared(groups(complete, n)));
      }
    }
    double sum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
    List<Map.Entry<String, Double>> entries = new ArrayList<>(raw.entrySet());
    entries.sort(
        Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    Map<String, Double> result = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : entries) {
      result.put(e.getKey(), sum > 0 ? e.getValue() / sum : 0.0);
    }
    return Collections.unmodifiableMap(result);
  }

  /** The objective values of the trials having {@code name}, grouped as the class describes. */
  static List<List<Double>> groups(List<FrozenTrial> trials, String name) {
    record Point(String key, double position, int number, double y) {}
    List<Point> points = new ArrayList<>();
    for (FrozenTrial t : trials) {
      Object value = t.params().get(name);
      if (value == null) {
        continue;
      }
      HpoParameter p = t.distributions().get(name);
      double position =
          p instanceof NumericParameter n ? n.toScale(((Number) value).doubleValue()) : Double.NaN;
      points.add(new Point(String.valueOf(value), position, t.number(), t.value().getAsDouble()));
    }
    int n = points.size();
    int k = Math.max(2, (int) Math.floor(Math.sqrt(n)));
    Map<String, List<Double>> byValue = new LinkedHashMap<>();
    for (Point point : points) {
      byValue.computeIfAbsent(point.key(), key -> new ArrayList<>()).add(point.y());
    }
    if (byValue.size() <= k || points.stream().anyMatch(point -> Double.isNaN(point.position()))) {
      return new ArrayList<>(byValue.values());
    }
    points.sort(Comparator.comparingDouble(Point::position).thenComparingInt(Point::number));
    List<List<Double>> groups = new ArrayList<>();
    for (int g = 0; g < k; g++) {
      List<Double> group = new ArrayList<>();
      for (int i = g * n / k; i < (g + 1) * n / k; i++) {
        group.add(points.get(i).y());
      }
      groups.add(group);
    }
    return groups;
  }

  /** ε² of grouped observations; see the class description. */
  static double epsilonSquared(List<List<Double>> groups) {
    int k = groups.size();
    int n = groups.stream().mapToInt(List::size).sum();
    if (n <= k || k < 2) {
      return 0.0;
    }
    double mean = groups.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sum() / n;
    double total = 0;
    double between = 0;
    for (List<Double> group : groups) {
      double groupMean = group.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      between += group.size() * (groupMean - mean) * (groupMean - mean);
      for (double y : group) {
        total += (y - mean) * (y - mean);
      }
    }
    if (!(total > 0)) {
      return 0.0;
    }
    double within = Math.max(0, total - between);
    return Math.max(0, (between - (k - 1) * within / (n - k)) / total);
  }
}
