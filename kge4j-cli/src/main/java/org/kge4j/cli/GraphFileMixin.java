package org.kge4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.kge4j.rdf.GraphFileOptions;
import org.kge4j.rdf.GraphFiles;
import org.kge4j.rdf.GraphFormat;
import org.kge4j.rdf.SplitRatios;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code train} that read and split a graph file given as {@code --dataset} (an RDF
 * or CSV/TSV file, see {@link GraphFiles}); {@code evaluate} reads it as the run recorded ({@link
 * #asRecorded}). Each applies only to a graph file, and {@code --columns}/{@code --delimiter} only
 * to tables, {@code --keep-literals} only to RDF: anything else is a usage error naming the option.
 */
final class GraphFileMixin {

  private static final List<String> NAMES =
      List.of("--split", "--split-seed", "--keep-literals", "--columns", "--delimiter");

  @Option(
      names = "--split",
      paramLabel = "TRAIN,VALID,TEST",
      defaultValue = "0.8,0.1,0.1",
      description =
          "Graph file: fractions of training, validation and testing triples (or TRAIN,VALID with"
              + " testing the rest); every validation/testing entity and relation is kept in"
              + " training (PyKEEN's cleanup split).")
  private String split;

  @Option(
      names = "--split-seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Graph file: seed of the split.")
  private long splitSeed;

  @Option(
      names = "--keep-literals",
      description =
          "RDF file: keep literal objects as entities (labelled by their N-Triples form) instead"
              + " of skipping them.")
  private boolean keepLiterals;

  @Option(
      names = "--columns",
      paramLabel = "HEAD,RELATION,TAIL",
      split = ",",
      hideParamSyntax = true,
      description =
          "CSV/TSV file: the head, relation and tail columns by header name or 0-based index."
              + " Default: the file's three columns.")
  private List<String> columns;

  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      description =
          "CSV/TSV file: the field delimiter (one character, or \\t / tab). Default: ,"
              + " for .csv, tab for .tsv.")
  private String delimiter;

  /**
   * The options for {@code source}: those recorded by the run being resumed or evaluated when
   * {@code source} came from its record (the SHA-256 then makes a changed file an error), else
   * those of the command line.
   *
   * @param recorded the run's record when {@code source} was taken from it, else null
   * @return empty unless {@code source} is a graph file
   */
  Optional<GraphFileOptions> options(
      OptionChecks checks, CommandLine commandLine, String source, RunInfo recorded) {
    CommandLine.ParseResult parsed = commandLine.getParseResult();
    Optional<String> given = NAMES.stream().filter(parsed::hasMatchedOption).findFirst();
    if (recorded != null) {
      if (given.isPresent()) {
        throw checks.invalid(
            given.get(),
            "the run's graph file is read and split as recorded in its results.json; pass"
                + " --dataset as well to read a graph file anew");
      }
      return recorded.graphFile().isEmpty()
          ? Optional.empty()
          : Optional.of(recordedOptions(checks, recorded));
    }
    if (RunInfo.isName(source) || !GraphFiles.isGraphFile(source)) {
      if (given.isPresent()) {
        throw checks.invalid(
            given.get(),
            "applies only when --dataset is an RDF or CSV/TSV file ("
                + String.join(", ", GraphFormat.supportedExtensions())
                + ", optionally .gz), got '"
                + source
                + "'");
      }
      return Optional.empty();
    }
    Optional<GraphFormat> format = GraphFormat.fromFileName(source);
    if (format.isPresent() && format.get().isRdf()) {
      for (String option : List.of("--columns", "--delimiter")) {
        if (parsed.hasMatchedOption(option)) {
          throw checks.invalid(
              option,
              "applies to CSV/TSV files only, got the "
                  + format.get().displayName()
                  + " file "
                  + source);
        }
      }
    }
    if (format.isPresent() && !format.get().isRdf() && keepLiterals) {
      throw checks.invalid(
          "--keep-literals",
          "applies to RDF files only, got the " + format.get().displayName() + " file " + source);
    }
    GraphFileOptions.Builder builder = GraphFileOptions.builder().keepLiterals(keepLiterals);
    try {
      builder.split(SplitRatios.parse(split), splitSeed);
    } catch (IllegalArgumentException e) {
      throw checks.invalid("--split", e.getMessage());
    }
    if (columns != null) {
      builder.columns(columns);
    }
    if (delimiter != null) {
      builder.delimiter(delimiterChar(checks));
    }
    try {
      return Optional.of(builder.build());
    } catch (IllegalArgumentException e) {
      throw checks.invalid(columns != null ? "--columns" : "--delimiter", e.getMessage());
    }
  }

  /**
   * How {@code evaluate} reads a graph file: as the run recorded it (a model is evaluated on the
   * split it was trained with), with the recorded SHA-256 checked when {@code source} is the
   * recorded file; with the defaults when the run recorded no graph file.
   *
   * @param recorded the run's record, or null when there is none
   * @return empty unless {@code source} is a graph file
   */
  static Optional<GraphFileOptions> asRecorded(
      OptionChecks checks, String source, RunInfo recorded) {
    if (RunInfo.isName(source) || !GraphFiles.isGraphFile(source)) {
      return Optional.empty();
    }
    if (recorded == null || recorded.graphFile().isEmpty()) {
      return Optional.of(GraphFileOptions.defaults());
    }
    GraphFileOptions options = recordedOptions(checks, recorded);
    boolean sameFile =
        Path.of(source)
            .toAbsolutePath()
            .normalize()
            .toString()
            .equals(recorded.graphFile().get("path"));
    return Optional.of(
        sameFile
            ? options
            : new GraphFileOptions(
                options.keepLiterals(),
                options.columns(),
                options.delimiter(),
                options.splitRatios(),
                options.splitSeed(),
                Optional.empty()));
  }

  private char delimiterChar(OptionChecks checks) {
    if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
      return '\t';
    }
    if (delimiter.length() != 1) {
      throw checks.invalid(
          "--delimiter", "expected one character (or \\t / tab), got '" + delimiter + "'");
    }
    return delimiter.charAt(0);
  }

  private static GraphFileOptions recordedOptions(OptionChecks checks, RunInfo recorded) {
    try {
      return GraphFileOptions.fromProvenance(recorded.graphFile());
    } catch (IllegalArgumentException e) {
      throw checks.invalid(
          "--dataset",
          "the run's record of its graph file in "
              + recorded.directory().resolve(OutputFiles.RESULTS_JSON)
              + " is unreadable ("
              + e.getMessage()
              + "); pass --dataset and the split options again");
    }
  }
}
