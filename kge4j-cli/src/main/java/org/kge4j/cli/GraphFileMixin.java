package org.kge4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kge4j.rdf.GraphFileOptions;
import org.kge4j.rdf.GraphFiles;
import org.kge4j.rdf.GraphFormat;
import org.kge4j.rdf.SplitRatios;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code train} that read and split a graph file given as the dataset (an RDF or
 * CSV/TSV file, see {@link GraphFiles}). They are keys of the configuration's {@code
 * dataset_kwargs} ({@link GraphFileOptions#KWARGS}): {@code --split} is {@code split}, {@code
 * --split-seed} {@code split_seed}, {@code --keep-literals} {@code keep_literals}, {@code
 * --columns} {@code columns}, {@code --delimiter} {@code delimiter}; like the other configuration
 * options they replace a {@code --config} file's values and a resumed run takes them from its
 * checkpoint. Each applies only to a graph file, {@code --columns}/{@code --delimiter} only to
 * tables and {@code --keep-literals} only to RDF: anything else is a usage error naming the option.
 */
final class GraphFileMixin {

  /** The options, which a resumed run takes from its checkpoint. */
  static final List<String> NAMES =
      List.of("--split", "--split-seed", "--keep-literals", "--columns", "--delimiter");

  @Option(
      names = "--split",
      paramLabel = "TRAIN,VALID,TEST",
      description =
          "Graph file: fractions of training, validation and testing triples (or TRAIN,VALID with"
              + " testing the rest); every validation/testing entity and relation is kept in"
              + " training (PyKEEN's cleanup split). Default: 0.8,0.1,0.1.")
  private String split;

  @Option(
      names = "--split-seed",
      paramLabel = "N",
      description = "Graph file: seed of the split. Default: 42.")
  private Long splitSeed;

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
   * The {@code dataset_kwargs} these options set for the dataset {@code source}: only those given
   * on the command line, so that the others keep a {@code --config} file's values or the defaults.
   *
   * @throws CommandLine.ParameterException naming the option when one is given for a dataset or
   *     format it does not apply to, or has a malformed value
   */
  Map<String, Object> kwargs(OptionChecks checks, CommandLine commandLine, String source) {
    CommandLine.ParseResult parsed = commandLine.getParseResult();
    Optional<String> given = NAMES.stream().filter(parsed::hasMatchedOption).findFirst();
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (given.isEmpty()) {
      return kwargs;
    }
    if (!GraphFiles.isGraphFile(source)) {
      throw checks.invalid(
          given.get(),
          "applies only when --dataset is an RDF or CSV/TSV file ("
              + String.join(", ", GraphFormat.supportedExtensions())
              + ", optionally .gz), got '"
              + source
              + "'");
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
    if (split != null) {
      try {
        kwargs.put("split", SplitRatios.parse(split).toList());
      } catch (IllegalArgumentException e) {
        throw checks.invalid("--split", e.getMessage());
      }
    }
    if (splitSeed != null) {
      kwargs.put("split_seed", splitSeed);
    }
    if (keepLiterals) {
      kwargs.put("keep_literals", true);
    }
    if (columns != null) {
      kwargs.put("columns", List.copyOf(columns));
    }
    if (delimiter != null) {
      kwargs.put("delimiter", String.valueOf(delimiterChar(checks)));
    }
    return kwargs;
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
}
