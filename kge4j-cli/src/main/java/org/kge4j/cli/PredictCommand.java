package org.kge4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.kge4j.data.TriplesFactory;
import org.kge4j.prediction.KnownSplit;
import org.kge4j.prediction.Predictor;
import org.kge4j.prediction.ScoredTriple;
import org.kge4j.prediction.TargetPredictions;
import org.kge4j.prediction.UnknownLabelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kge4j predict}: asks a trained model for the best tails of {@code (h, r, ?)} ({@code
 * --head --relation}), heads of {@code (?, r, t)} ({@code --relation --tail}) or relations of
 * {@code (h, ?, t)} ({@code --head --tail}), or scores the labelled triples of a TSV file ({@code
 * --triples}); see {@link Predictor} for the ranking and filtering contract. An unknown label is a
 * usage error (exit code 2) that names the option and the closest known labels.
 */
@Command(
    name = "predict",
    description = {
      "Ask a trained model: the best tails (--head --relation), heads (--relation --tail) or"
          + " relations (--head --tail), or the scores of the triples in a file (--triples).",
      "Triples known from training, validation or testing are left out unless --include-known."
    })
public final class PredictCommand extends TrainedModelCommand {

  @Option(names = "--head", paramLabel = "LABEL", description = "The head entity's label.")
  private String head;

  @Option(names = "--relation", paramLabel = "LABEL", description = "The relation's label.")
  private String relation;

  @Option(names = "--tail", paramLabel = "LABEL", description = "The tail entity's label.")
  private String tail;

  @Option(
      names = "--triples",
      paramLabel = "FILE",
      description = "Score the triples of FILE (head<TAB>relation<TAB>tail labels, one a line).")
  private Path triples;

  @Option(
      names = "--top",
      paramLabel = "K",
      defaultValue = "10",
      description = "Number of answers, >= 1.")
  private int top;

  @Option(
      names = "--include-known",
      description = "Keep answers whose triple is known (flagged with its split).")
  private boolean includeKnown;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output: table, json or tsv.")
  private String format;

  @Override
  void run(OptionChecks checks, PrintWriter out) {
    String output = checks.choice("--format", format, List.of("table", "json", "tsv"));
    checks.atLeast("--top", top, 1);
    Query query = query(checks);
    TrainedModel trained = loadModel();
    Predictor predictor =
        Predictor.of(trained.model(), trained.dataset())
            .filtering(includeKnown ? Set.of() : EnumSet.allOf(KnownSplit.class));
    if (query == Query.TRIPLES) {
      List<ScoredTriple> scored = scoreFile(checks, predictor);
      out.print(
          switch (output) {
            case "json" -> PredictionJson.write(PredictionJson.document(scored));
            case "tsv" -> PredictionText.tsv(scored);
            default -> PredictionText.table(scored);
          });
    } else {
      TargetPredictions predictions = predict(checks, predictor, query);
      out.print(
          switch (output) {
            case "json" -> PredictionJson.write(PredictionJson.document(predictions));
            case "tsv" -> PredictionText.tsv(predictions);
            default -> PredictionText.table(predictions);
          });
    }
  }

  private enum Query {
    TAILS,
    HEADS,
    RELATIONS,
    TRIPLES
  }

  /** Which question the options ask; anything but exactly one form is a usage error. */
  private Query query(OptionChecks checks) {
    List<String> given = new ArrayList<>();
    if (head != null) {
      given.add("--head");
    }
    if (relation != null) {
      given.add("--relation");
    }
    if (tail != null) {
      given.add("--tail");
    }
    if (triples != null) {
      if (!given.isEmpty()) {
        throw checks.invalid("--triples", "cannot be combined with " + String.join(" and ", given));
      }
      return Query.TRIPLES;
    }
    if (given.size() == 2) {
      return head == null ? Query.HEADS : relation == null ? Query.RELATIONS : Query.TAILS;
    }
    throw new CommandLine.ParameterException(
        commandLine(),
        "Give two of --head, --relation, --tail (--head --relation ranks tails, --relation --tail"
            + " heads, --head --tail relations) or --triples FILE; got "
            + (given.isEmpty() ? "none" : String.join(" ", given)));
  }

  private TargetPredictions predict(OptionChecks checks, Predictor predictor, Query query) {
    return switch (query) {
      case TAILS ->
          predictor.predictTails(
              entity(checks, predictor, "--head", head),
              relation(checks, predictor, relation),
              top);
      case HEADS ->
          predictor.predictHeads(
              relation(checks, predictor, relation),
              entity(checks, predictor, "--tail", tail),
              top);
      default ->
          predictor.predictRelations(
              entity(checks, predictor, "--head", head),
              entity(checks, predictor, "--tail", tail),
              top);
    };
  }

  private List<ScoredTriple> scoreFile(OptionChecks checks, Predictor predictor) {
    List<String[]> rows;
    try {
      rows = TriplesFactory.readLabeledTriples(triples);
    } catch (IllegalArgumentException e) {
      throw checks.invalid("--triples", e.getMessage());
    }
    List<ScoredTriple> scored = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      try {
        scored.add(predictor.scoreTriple(row[0], row[1], row[2]));
      } catch (UnknownLabelException e) {
        throw checks.invalid(
            "--triples",
            triples
                + ": triple "
                + (i + 1)
                + " ("
                + String.join(" ", row)
                + "): "
                + e.getMessage());
      }
    }
    return scored;
  }

  private static int entity(OptionChecks checks, Predictor predictor, String option, String label) {
    try {
      return predictor.entityId(label);
    } catch (UnknownLabelException e) {
      throw checks.invalid(option, e.getMessage());
    }
  }

  private static int relation(OptionChecks checks, Predictor predictor, String label) {
    try {
      return predictor.relationId(label);
    } catch (UnknownLabelException e) {
      throw checks.invalid("--relation", e.getMessage());
    }
  }
}
