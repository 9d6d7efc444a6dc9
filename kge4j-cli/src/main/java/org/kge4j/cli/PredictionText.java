package org.kge4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.kge4j.prediction.KnownSplit;
import org.kge4j.prediction.LabeledId;
import org.kge4j.prediction.Prediction;
import org.kge4j.prediction.ScoredTriple;
import org.kge4j.prediction.Target;
import org.kge4j.prediction.TargetPredictions;

/**
 * The text forms of predictions for {@code kge4j predict}: an aligned table for people (scores with
 * 4 decimals) and tab-separated values for programs (a header line, full float precision, {@code
 * known_in} as a comma-separated list of splits, empty for new triples).
 */
final class PredictionText {

  private PredictionText() {}

  /**
   * A title line such as {@code tails of (alice, father_of, ?), filtered: training, validation,
   * testing}, then columns {@code rank, id, <target>, score, known}.
   */
  static String table(TargetPredictions predictions) {
    String title =
        predictions.target().label()
            + "s of "
            + pattern(predictions)
            + ", "
            + (predictions.filtered().isEmpty()
                ? "known triples kept"
                : "filtered: " + joined(predictions.filtered(), ", "));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"rank", "id", predictions.target().label(), "score", "known"});
    int rank = 1;
    for (Prediction p : predictions.answers()) {
      rows.add(
          new String[] {
            String.valueOf(rank++),
            String.valueOf(p.id()),
            p.label(),
            String.format(Locale.ROOT, "%.4f", p.score()),
            joined(p.knownIn(), ",")
          });
    }
    String body = align(rows, new boolean[] {true, true, false, true, false});
    return title + "\n" + body + (predictions.answers().isEmpty() ? "(no answers)\n" : "");
  }

  /** Columns {@code head, relation, tail, score, known}. */
  static String table(List<ScoredTriple> triples) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"head", "relation", "tail", "score", "known"});
    for (ScoredTriple t : triples) {
      rows.add(
          new String[] {
            t.head().label(),
            t.relation().label(),
            t.tail().label(),
            String.format(Locale.ROOT, "%.4f", t.score()),
            joined(t.knownIn(), ",")
          });
    }
    return align(rows, new boolean[] {false, false, false, true, false});
  }

  /** Header {@code rank<TAB>id<TAB>label<TAB>score<TAB>known_in}, one line per answer. */
  static String tsv(TargetPredictions predictions) {
    StringBuilder sb = new StringBuilder(tsvLine("rank", "id", "label", "score", "known_in"));
    int rank = 1;
    for (Prediction p : predictions.answers()) {
      sb.append(tsvLine(rank++, p.id(), p.label(), p.score(), joined(p.knownIn(), ",")));
    }
    return sb.toString();
  }

  /** Header {@code head<TAB>relation<TAB>tail<TAB>score<TAB>known_in}, one line per triple. */
  static String tsv(List<ScoredTriple> triples) {
    StringBuilder sb = new StringBuilder(tsvLine("head", "relation", "tail", "score", "known_in"));
    for (ScoredTriple t : triples) {
      sb.append(
          tsvLine(
              t.head().label(),
              t.relation().label(),
              t.tail().label(),
              t.score(),
              joined(t.knownIn(), ",")));
    }
    return sb.toString();
  }

  /** The cells as {@link String#valueOf} writes them (floats in full), tab-separated, one line. */
  private static String tsvLine(Object... cells) {
    return Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining("\t", "", "\n"));
  }

  private static String pattern(TargetPredictions predictions) {
    List<String> parts = new ArrayList<>();
    for (Target position : Target.values()) {
      LabeledId fixed = predictions.fixed().get(position);
      parts.add(fixed == null ? "?" : fixed.label());
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static String joined(Set<KnownSplit> splits, String separator) {
    return splits.stream().map(KnownSplit::label).collect(Collectors.joining(separator));
  }

  /** Pads every column to its widest cell, numbers right-aligned, two spaces between columns. */
  private static String align(List<String[]> rows, boolean[] rightAligned) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        if (c > 0) {
          line.append("  ");
        }
        String pad = " ".repeat(widths[c] - row[c].length());
        line.append(rightAligned[c] ? pad + row[c] : row[c] + pad);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
