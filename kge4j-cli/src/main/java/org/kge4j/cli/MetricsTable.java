package org.kge4j.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.evaluation.RankBasedEvaluator;

/**
 * Formats the headline rank-based metrics as a fixed-width text table: one row per metric (MRR, MR,
 * Hits@1, Hits@3, Hits@10, AMRI), one column per side (head, tail, both), realistic ranks — the
 * values stored under {@code <side>.realistic.<PyKEEN metric name>}.
 */
final class MetricsTable {

  /** A displayed row: its label, PyKEEN's metric name and whether it is a rank (not a ratio). */
  private record Row(String label, String metric, boolean rank) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("MRR", "inverse_harmonic_mean_rank", false),
          new Row("MR", "arithmetic_mean_rank", true),
          new Row("Hits@1", "hits_at_1", false),
          new Row("Hits@3", "hits_at_3", false),
          new Row("Hits@10", "hits_at_10", false),
          new Row("AMRI", "adjusted_arithmetic_mean_rank_index", false));

  private static final List<String> SIDES = List.of("head", "tail", "both");

  private MetricsTable() {}

  /**
   * The table for {@code metrics} under the caption {@code title}; rows whose metric the results
   * lack are left out.
   */
  static String format(String title, MetricResults metrics) {
    Map<String, Double> values = metrics.metrics();
    // sampled ranking reports under "sampled."; the table shows whichever ranking was used
    String prefix =
        values.containsKey("both.realistic.inverse_harmonic_mean_rank")
            ? ""
            : RankBasedEvaluator.SAMPLED_PREFIX;
    StringBuilder sb = new StringBuilder();
    sb.append(title).append('\n');
    sb.append(
        String.format(Locale.ROOT, "  %-8s %10s %10s %10s%n", "metric", "head", "tail", "both"));
    for (Row row : ROWS) {
      if (!values.containsKey(prefix + "both.realistic." + row.metric())) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "  %-8s", row.label()));
      for (String side : SIDES) {
        Double value = values.get(prefix + side + ".realistic." + row.metric());
        String text =
            value == null ? "-" : String.format(Locale.ROOT, row.rank() ? "%.2f" : "%.4f", value);
        sb.append(String.format(Locale.ROOT, " %10s", text));
      }
      sb.append(String.format("%n"));
    }
    if (values.containsKey(prefix + "both.realistic.adjusted_arithmetic_mean_rank_index")) {
      sb.append(String.format("  (AMRI: 0 = random scores, 1 = perfect ranking)%n"));
    }
    if (!prefix.isEmpty()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  (sampled ranking: each true entity against %.0f drawn entities, not all)%n",
              values.getOrDefault(RankBasedEvaluator.SAMPLED_PREFIX + "num_candidates", 0.0)));
    }
    return sb.toString();
  }
}
