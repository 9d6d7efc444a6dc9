package org.kge4j.hpo.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.kge4j.hpo.study.FrozenTrial;

/**
 * The trials of a study as a table, Optuna's {@code trials_dataframe} as PyKEEN writes it to {@code
 * trials.tsv}: one row per trial in number order, columns {@code number}, {@code state} ({@code
 * COMPLETE}, {@code PRUNED}, {@code FAIL}, {@code RUNNING}, {@code WAITING}), {@code value}, {@code
 * datetime_start}, {@code datetime_complete} (ISO-8601), {@code duration} (seconds), {@code
 * params_<name>} for every parameter any trial has (in the order trials first asked for them),
 * {@code user_attrs_<key>} for every user attribute (sorted) and {@code fail_message}. Empty cells
 * mean "none" (a parameter a conditional trial did not use, a running trial's end). Numbers are
 * written as Java's shortest round-tripping decimal ({@link Double#toString}), so a value read back
 * is the stored double. Tabs and line breaks inside a cell become spaces, keeping one row per line.
 */
public final class TrialsTable {

  private TrialsTable() {}

  /** The header and the rows, every row as long as the header. */
  public static List<List<String>> of(List<FrozenTrial> trials) {
    Set<String> params = new LinkedHashSet<>();
    Set<String> attributes = new TreeSet<>();
    for (FrozenTrial t : trials) {
      params.addAll(t.params().keySet());
      attributes.addAll(t.userAttributes().keySet());
    }
    List<String> header =
        new ArrayList<>(
            List.of("number", "state", "value", "datetime_start", "datetime_complete", "duration"));
    params.forEach(p -> header.add("params_" + p));
    attributes.forEach(a -> header.add("user_attrs_" + a));
    header.add("fail_message");
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (FrozenTrial t : trials) {
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(t.number()));
      row.add(t.state().name());
      row.add(t.value().isPresent() ? Double.toString(t.value().getAsDouble()) : "");
      row.add(t.start().map(Instant::toString).orElse(""));
      row.add(t.end().map(Instant::toString).orElse(""));
      row.add(t.duration().map(d -> Double.toString(d.toNanos() / 1e9)).orElse(""));
      for (String p : params) {
        row.add(cell(Optional.ofNullable(t.params().get(p))));
      }
      for (String a : attributes) {
        row.add(cell(Optional.ofNullable(t.userAttributes().get(a))));
      }
      row.add(cell(t.failMessage()));
      rows.add(row);
    }
    return rows;
  }

  /** The table as tab-separated text, one line per row. */
  public static String toTsv(List<FrozenTrial> trials) {
    StringBuilder sb = new StringBuilder();
    for (List<String> row : of(trials)) {
      sb.append(String.join("\t", row)).append('\n');
    }
    return sb.toString();
  }

  private static String cell(Optional<?> value) {
    return value.map(v -> String.valueOf(v).replaceAll("[\\t\\r\\n]+", " ")).orElse("");
  }
}
