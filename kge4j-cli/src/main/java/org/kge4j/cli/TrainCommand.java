package org.kge4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kge4j.data.Dataset;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.model.Models;
import org.kge4j.optim.Optimizers;
import org.kge4j.sampling.NegativeSamplers;
import org.kge4j.training.Checkpoint;
import org.kge4j.training.LoopKind;
import org.kge4j.training.Pipeline;
import org.kge4j.training.PipelineResult;
import org.kge4j.training.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kge4j train}: trains a model with PyKEEN's {@code DoubleMarginLoss} on a dataset,
 * evaluates it on the testing split (filtered by training and validation triples, realistic ranks)
 * and writes into the output directory:
 *
 * <ul>
 *   <li>{@code results.json}: test metrics under PyKEEN's names ({@code
 *       both.realistic.inverse_harmonic_mean_rank}, ...), the full configuration with the resolved
 *       loss, dataset statistics, timings ({@code training_seconds}, {@code triples_per_second})
 *       and versions;
 *   <li>{@code losses.tsv}: epoch, training loss, validation MRR;
 *   <li>{@code losses.png}: the same as a plot;
 *   <li>{@code checkpoint.kge4j}: the final (and periodic) checkpoint, for {@code --resume} and
 *       {@code kge4j evaluate}.
 * </ul>
 *
 * An existing, non-empty output directory is only written into with {@code --overwrite}.
 *
 * <p>The defaults (ComplEx, dim 64, sLCWA with 32 negatives, batch 256, Adam with lr 0.1, 30
 * epochs, PyKEEN's loss defaults) train a good model of the embedded dataset in seconds; real
 * datasets want their own settings (the README lists measured ones).
 */
@Command(
    name = "train",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Train a model with DoubleMarginLoss, evaluate it on the test split and write "
          + "results.json, losses.tsv, losses.png and a checkpoint into the output directory."
    })
public final class TrainCommand implements Callable<Integer> {

  /** File name of the checkpoint in an output directory. */
  public static final String CHECKPOINT_FILE = "checkpoint.kge4j";

  /** Options that make up the configuration; a resumed run takes them from its checkpoint. */
  private static final Set<String> CONFIGURATION_OPTIONS =
      Set.of(
          "--model",
          "--dim",
          "--scoring-norm",
          "--regularizer-weight",
          "--loop",
          "--sampler",
          "--negatives",
          "--filter-negatives",
          "--epochs",
          "--batch-size",
          "--optimizer",
          "--lr",
          "--seed",
          "--positive-margin",
          "--negative-margin",
          "--offset",
          "--balance",
          "--activation",
          "--reduction",
          "--distance-limits",
          "--label-smoothing",
          "--early-stopping",
          "--patience",
          "--eval-frequency");

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dataset",
      paramLabel = "NAME|DIR|FILE",
      description =
          "embedded (a generated family graph), a named dataset (nations, umls, kinships, "
              + "fb15k237, wn18rr; cached in $KGE4J_DATASETS or ~/.kge4j/datasets), a directory "
              + "holding train.txt, valid.txt, test.txt, or a graph file (.nt, .nq, .ttl, .trig, "
              + ".rdf, .owl, .csv, .tsv, optionally .gz) split by --split. "
              + "Default: embedded, or the resumed run's dataset.")
  private String dataset;

  @CommandLine.Mixin private GraphFileMixin graphFile;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      defaultValue = "complex",
      description = "transe, distmult, complex or rotate.")
  private String model;

  @Option(
      names = "--dim",
      paramLabel = "N",
      defaultValue = "64",
      description = "Embedding dimension (complex dimension for ComplEx and RotatE), >= 1.")
  private int dim;

  @Option(
      names = "--scoring-norm",
      paramLabel = "P",
      defaultValue = "1",
      description = "TransE's norm, 1 or 2.")
  private int scoringNorm;

  @Option(
      names = "--regularizer-weight",
      paramLabel = "W",
      description =
          "Weight of the model's default Lp regularizer, >= 0 (0 disables it). "
              + "Default: PyKEEN's (DistMult 0.1, ComplEx 0.01, none for TransE and RotatE).")
  private Double regularizerWeight;

  @Option(
      names = "--loop",
      paramLabel = "LOOP",
      defaultValue = "slcwa",
      description = "Training loop: slcwa (negative sampling) or lcwa (1-N scoring).")
  private String loop;

  @Option(
      names = "--sampler",
      paramLabel = "NAME",
      defaultValue = "basic",
      description = "Negative sampler (sLCWA): basic or bernoulli.")
  private String sampler;

  @Option(
      names = "--negatives",
      paramLabel = "K",
      defaultValue = "32",
      description = "Negatives per positive (sLCWA), >= 1.")
  private int negatives;

  @Option(
      names = "--filter-negatives",
      description = "Remove sampled negatives that are known training triples (sLCWA).")
  private boolean filterNegatives;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "30",
      description = "Number of epochs, >= 1.")
  private int epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "B",
      defaultValue = "256",
      description = "Positives (sLCWA) or (h, r) / (r, t) rows (LCWA) per batch, >= 1.")
  private int batchSize;

  @Option(
      names = "--optimizer",
      paramLabel = "NAME",
      defaultValue = "adam",
      description = "adam, sparseadam, adagrad or sgd.")
  private String optimizer;

  @Option(
      names = "--lr",
      paramLabel = "LR",
      defaultValue = "0.1",
      description = "Learning rate, > 0.")
  private double learningRate;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed of initialisation, shuffling and sampling.")
  private long seed;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description =
          "Output directory. Default: a new runs/<time>-<dataset>-<model> "
              + "(or the resumed checkpoint's directory).")
  private Path output;

  @Option(
      names = "--overwrite",
      description = "Allow writing into an existing, non-empty output directory.")
  private boolean overwrite;

  @Option(
      names = "--positive-margin",
      paramLabel = "λ",
      description =
          "DoubleMarginLoss positive margin: positives reach zero loss at score >= λ. "
              + "Default: PyKEEN's resolution (1.0 when no margin is given).")
  private Double positiveMargin;

  @Option(
      names = "--negative-margin",
      paramLabel = "λ̄",
      description =
          "Negative margin: negatives reach zero loss at score <= -λ̄. Default: 0.0 "
              + "when no margin is given.")
  private Double negativeMargin;

  @Option(
      names = "--offset",
      paramLabel = "λ-λ̄",
      description =
          "Offset between the margins, with exactly one of them (PyKEEN's resolve_margin).")
  private Double offset;

  @Option(
      names = "--balance",
      paramLabel = "B",
      defaultValue = "0.5",
      description = "positive_negative_balance: weight of the positive term, in (0, 1).")
  private double balance;

  @Option(
      names = "--activation",
      paramLabel = "NAME",
      description = "Margin activation: relu (hard) or softplus (soft). Default: relu (PyKEEN's).")
  private String activation;

  @Option(
      names = "--reduction",
      paramLabel = "NAME",
      description = "mean or sum. Default: mean (sum with --distance-limits).")
  private String reduction;

  @Option(
      names = "--label-smoothing",
      paramLabel = "ε",
      description = "LCWA label smoothing, in [0, 1) (not supported by sLCWA).")
  private Double labelSmoothing;

  @Option(
      names = "--distance-limits",
      paramLabel = "γ1,γ2",
      split = ",",
      hideParamSyntax = true,
      description =
          "BootEA form for distance models (TransE, RotatE): positives' distance <= γ1, "
              + "negatives' distance >= γ2, 0 <= γ1 < γ2 (DoubleMarginLoss.fromDistanceLimits with "
              + "μ1 = (1 - balance) / balance, relu, sum). Replaces the margins.")
  private List<Double> distanceLimits;

  @Option(
      names = "--early-stopping",
      description = "Stop when the validation MRR has not improved for --patience evaluations.")
  private boolean earlyStopping;

  @Option(
      names = "--patience",
      paramLabel = "N",
      defaultValue = "2",
      description = "Evaluations without improvement before early stopping, >= 1.")
  private int patience;

  @Option(
      names = "--eval-frequency",
      paramLabel = "N",
      description =
          "Evaluate on the validation split every N epochs (0 = never). "
              + "Default: epochs / 10, at least 1.")
  private Integer evalFrequency;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads, >= 1 (results do not depend on it). Default: all processors.")
  private Integer threads;

  @Option(
      names = "--checkpoint-frequency",
      paramLabel = "N",
      defaultValue = "10",
      description = "Also write the checkpoint every N epochs (0 = only at the end).")
  private int checkpointFrequency;

  @Option(
      names = "--resume",
      paramLabel = "CHECKPOINT",
      description =
          "Continue the run saved in CHECKPOINT with its configuration (only --threads "
              + "may change); gives the same model as an uninterrupted run.")
  private Path resume;

  @Option(names = "--quiet", description = "No progress bar.")
  private boolean quiet;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    CommandLine commandLine = spec.commandLine();
    PrintWriter out = commandLine.getOut();
    PrintWriter err = commandLine.getErr();
    OptionChecks checks = new OptionChecks(commandLine);
    checks.atLeast("--checkpoint-frequency", checkpointFrequency, 0);

    Checkpoint checkpoint = resume == null ? null : readCheckpoint(checks);
    if (checkpoint != null && threads != null) {
      checks.atLeast("--threads", threads, 1);
    }
    TrainingConfig config = checkpoint == null ? configuration(checks) : checkpoint.config();
    RunInfo previous =
        checkpoint == null ? null : RunInfo.read(resume.toAbsolutePath().getParent());
    String datasetSource =
        dataset != null ? dataset : previous != null ? previous.datasetSource() : "embedded";
    RunInfo.Loaded loaded =
        RunInfo.loadDataset(
            checks,
            "--dataset",
            datasetSource,
            graphFile.options(
                checks, commandLine, datasetSource, dataset == null ? previous : null));
    Dataset data = loaded.dataset();
    Path directory = outputDirectory(checks, data.name(), config.model());

    loaded.graph().ifPresent(graph -> out.println(graph.summary()));
    out.println(data.summary());
    out.println("configuration: " + describe(config));
    out.println("output: " + directory);
    out.flush();

    RunInfo info = new RunInfo(datasetSource, directory, loaded.provenance());
    Map<String, Object> running = RunReport.running(info, config, data, arguments());
    OutputFiles.writeJson(running, directory.resolve(OutputFiles.RESULTS_JSON));

    ProgressListener listener = new ProgressListener(err, data.training().numTriples(), quiet);
    Pipeline.Builder pipeline =
        checkpoint == null ? Pipeline.builder(config, data) : Pipeline.resume(resume, data);
    if (checkpoint != null && threads != null) {
      // The thread count is the one setting a resumed run may change: results do not depend on it.
      pipeline.numThreads(threads);
    }
    Thread onInterrupt = interruptionRecorder(running, directory, err);
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    PipelineResult result;
    try {
      result =
          pipeline
              .listener(listener)
              .checkpoint(directory.resolve(CHECKPOINT_FILE), checkpointFrequency)
              .build()
              .run();
    } catch (RuntimeException e) {
      // A diverged run says so in its results, not only on the terminal.
      listener.finish();
      OutputFiles.writeJson(
          RunReport.failed(running, e.getClass().getSimpleName() + ": " + e.getMessage()),
          directory.resolve(OutputFiles.RESULTS_JSON));
      throw e;
    } finally {
      removeHook(onInterrupt);
    }
    listener.finish();
    List<EpochRecord> history = RunReport.history(result.training());
    double totalSeconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> report =
        RunReport.completed(info, result, arguments(), history, totalSeconds);
    OutputFiles.writeJson(report, directory.resolve(OutputFiles.RESULTS_JSON));
    OutputFiles.writeLossesTsv(history, directory.resolve(OutputFiles.LOSSES_TSV));
    LossPlot.write(history, plotTitle(config, data), directory.resolve(OutputFiles.PLOT_PNG));

    MetricResults test = result.test().orElseThrow();
    out.println();
    out.print(
        MetricsTable.format(
            String.format(
                Locale.ROOT,
                "test metrics (%s, %d triples, filtered, realistic ranks):",
                data.name(),
                data.testing().numTriples()),
            test));
    out.println(
        String.format(
            Locale.ROOT,
            "trained %d epochs in %.1f s (%s triples/s)%s; results in %s",
            result.training().epochsCompleted(),
            result.training().trainingSeconds(),
            ProgressBar.rate(result.training().triplesPerSecond()),
            result.training().stoppedEarly()
                ? ", stopped early (best epoch " + result.training().bestEpoch() + ")"
                : "",
            directory));
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  /**
   * A shutdown hook for a run stopped from outside (Ctrl-C, {@code kill}): marks {@code
   * results.json} as failed and says how to continue from the last periodic checkpoint.
   */
  private Thread interruptionRecorder(
      Map<String, Object> running, Path directory, PrintWriter err) {
    Path checkpointPath = directory.resolve(CHECKPOINT_FILE);
    return new Thread(
        () -> {
          OutputFiles.writeJson(
              RunReport.failed(running, "interrupted"),
              directory.resolve(OutputFiles.RESULTS_JSON));
          err.println();
          err.println(
              Files.exists(checkpointPath)
                  ? "kge4j train: interrupted; continue with: kge4j train --resume "
                      + checkpointPath
                  : "kge4j train: interrupted before the first checkpoint");
          err.flush();
        },
        "kge4j-interrupted");
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already stopping and runs the hook: the run was interrupted after all.
    }
  }

  /** The configuration from the options, each value checked with the option's name. */
  private TrainingConfig configuration(OptionChecks checks) {
    String modelName = checks.choice("--model", model, Models.NAMES);
    checks.atLeast("--dim", dim, 1);
    if (scoringNorm != 1 && scoringNorm != 2) {
      throw checks.invalid("--scoring-norm", "must be 1 or 2, got " + scoringNorm);
    }
    checks.nonNegative("--regularizer-weight", regularizerWeight);
    LoopKind loopKind = LoopKind.of(checks.choice("--loop", loop, List.of("slcwa", "lcwa")));
    String samplerName = checks.choice("--sampler", sampler, NegativeSamplers.names());
    checks.atLeast("--negatives", negatives, 1);
    checks.atLeast("--epochs", epochs, 1);
    checks.atLeast("--batch-size", batchSize, 1);
    String optimizerName = checks.choice("--optimizer", optimizer, Optimizers.NAMES);
    checks.positive("--lr", learningRate);
    checks.finite("--positive-margin", positiveMargin);
    checks.finite("--negative-margin", negativeMargin);
    checks.finite("--offset", offset);
    checks.openInterval("--balance", balance, 0, 1);
    String activationName =
        activation == null
            ? null
            : checks.choice(
                "--activation", activation, List.of("relu", "hard", "softplus", "soft"));
    String reductionName =
        reduction == null ? null : checks.choice("--reduction", reduction, List.of("mean", "sum"));
    checks.halfOpen("--label-smoothing", labelSmoothing, 0, 1);
    if (labelSmoothing != null && labelSmoothing != 0 && loopKind == LoopKind.SLCWA) {
      throw checks.invalid(
          "--label-smoothing",
          "is only supported with --loop lcwa (PyKEEN's "
              + "DoubleMarginLoss has no sLCWA label smoothing), got "
              + labelSmoothing
              + " with slcwa");
    }
    if (loopKind == LoopKind.LCWA) {
      for (String sampling : List.of("--negatives", "--sampler", "--filter-negatives")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(sampling)) {
          spec.commandLine()
              .getErr()
              .println(
                  "kge4j: note: "
                      + sampling
                      + " only applies to --loop slcwa; lcwa scores every entity");
        }
      }
    }
    checks.atLeast("--patience", patience, 1);
    int frequency =
        evalFrequency == null
            ? Math.max(1, epochs / 10)
            : checks.atLeast("--eval-frequency", evalFrequency, 0);
    if (earlyStopping && frequency == 0) {
      throw checks.invalid("--eval-frequency", "must be >= 1 with --early-stopping, got 0");
    }
    int numThreads =
        threads == null
            ? Runtime.getRuntime().availableProcessors()
            : checks.atLeast("--threads", threads, 1);

    TrainingConfig.Builder builder =
        TrainingConfig.builder()
            .model(modelName)
            .dim(dim)
            .scoringNorm(scoringNorm)
            .regularizerWeight(regularizerWeight)
            .loop(loopKind)
            .negativeSampler(samplerName)
            .numNegsPerPos(negatives)
            .filterNegatives(filterNegatives)
            .epochs(epochs)
            .batchSize(batchSize)
            .optimizer(optimizerName)
            .learningRate(learningRate)
            .seed(seed)
            .positiveNegativeBalance(balance)
            .labelSmoothing(labelSmoothing)
            .validationFrequency(frequency)
            .earlyStoppingPatience(earlyStopping ? patience : 0)
            .numThreads(numThreads);
    if (distanceLimits != null) {
      distanceLimitsInto(checks, builder, activationName, reductionName);
    } else {
      builder
          .positiveMargin(positiveMargin)
          .negativeMargin(negativeMargin)
          .offset(offset)
          .marginActivation(activationName)
          .reduction(reductionName);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      // What is left are combinations (e.g. margins that violate λ >= λ̄): still a usage error.
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid options: " + e.getMessage(), e);
    }
  }

  /** The BootEA form: checks γ1, γ2 and that no margin option competes with them. */
  private void distanceLimitsInto(
      OptionChecks checks,
      TrainingConfig.Builder builder,
      String activationName,
      String reductionName) {
    if (distanceLimits.size() != 2) {
      throw checks.invalid(
          "--distance-limits",
          "expected two numbers γ1,γ2 with 0 <= γ1 < γ2, got "
              + distanceLimits.size()
              + " value(s) "
              + distanceLimits);
    }
    double gamma1 = distanceLimits.get(0);
    double gamma2 = distanceLimits.get(1);
    if (!(gamma1 >= 0 && gamma2 > gamma1) || Double.isInfinite(gamma2)) {
      throw checks.invalid(
          "--distance-limits",
          "expected finite 0 <= γ1 < γ2, got γ1 = " + gamma1 + ", γ2 = " + gamma2);
    }
    for (String margin : List.of("--positive-margin", "--negative-margin", "--offset")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(margin)) {
        throw checks.invalid(
            margin,
            "cannot be combined with --distance-limits, which sets "
                + "the margins to λ = -γ1, λ̄ = γ2");
      }
    }
    if (activationName != null
        && !activationName.equals("relu")
        && !activationName.equals("hard")) {
      throw checks.invalid("--activation", "--distance-limits uses relu, got '" + activation + "'");
    }
    if (reductionName != null && !reductionName.equals("sum")) {
      throw checks.invalid("--reduction", "--distance-limits uses sum, got '" + reduction + "'");
    }
    builder.distanceLimits(gamma1, gamma2);
  }

  private Checkpoint readCheckpoint(OptionChecks checks) {
    for (String name : CONFIGURATION_OPTIONS) {
      if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
        throw checks.invalid(
            name,
            "cannot be combined with --resume: a resumed run keeps the "
                + "configuration stored in its checkpoint "
                + resume);
      }
    }
    if (!Files.isRegularFile(resume)) {
      throw checks.invalid("--resume", "no such checkpoint file: " + resume.toAbsolutePath());
    }
    try {
      return Checkpoint.read(resume);
    } catch (IllegalArgumentException e) {
      throw checks.invalid("--resume", e.getMessage());
    }
  }

  /**
   * The directory to write into, created if needed: {@code --output}, else the resumed checkpoint's
   * directory, else a new {@code runs/<time>-<dataset>-<model>}.
   */
  private Path outputDirectory(OptionChecks checks, String datasetName, String modelName) {
    Path directory;
    boolean mayWrite = overwrite;
    if (output != null) {
      directory = output;
    } else if (resume != null) {
      // Continuing a run in its own directory updates that run's files: that is the point.
      directory = resume.toAbsolutePath().getParent();
      mayWrite = true;
    } else {
      directory = freshRunDirectory(Path.of("runs"), datasetName, modelName, Instant.now());
    }
    directory = directory.toAbsolutePath().normalize();
    if (Files.exists(directory)) {
      if (!Files.isDirectory(directory)) {
        throw checks.invalid("--output", "is a file, not a directory: " + directory);
      }
      if (!mayWrite && !isEmpty(directory)) {
        throw checks.invalid(
            "--output",
            "directory "
                + directory
                + " already exists and is not "
                + "empty; pass --overwrite to replace its results, or choose another --output");
      }
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw checks.invalid(
          "--output", "cannot create directory " + directory + ": " + e.getMessage());
    }
    return directory;
  }

  /**
   * {@code <root>/<yyyyMMdd-HHmmss>-<dataset>-<model>} in local time, with {@code -2}, {@code -3},
   * ... appended while that name is taken; characters unsafe in file names become {@code _}.
   */
  static Path freshRunDirectory(Path root, String datasetName, String modelName, Instant now) {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault()).format(now);
    String base = stamp + "-" + datasetName.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + modelName;
    Path candidate = root.resolve(base);
    for (int i = 2; Files.exists(candidate); i++) {
      candidate = root.resolve(base + "-" + i);
    }
    return candidate;
  }

  private static boolean isEmpty(Path directory) {
    try (var entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** The command line as typed, for {@code results.json}. */
  private List<String> arguments() {
    return spec.commandLine().getParseResult().originalArgs();
  }

  private static String describe(TrainingConfig config) {
    StringBuilder sb = new StringBuilder();
    sb.append(config.model())
        .append(" dim ")
        .append(config.dim())
        .append(", ")
        .append(config.loop().id());
    if (config.loop() == LoopKind.SLCWA) {
      sb.append(" (")
          .append(config.numNegsPerPos())
          .append(' ')
          .append(config.negativeSampler())
          .append(" negatives")
          .append(config.filterNegatives() ? ", filtered" : "")
          .append(')');
    }
    sb.append(", ")
        .append(config.epochs())
        .append(" epochs, batch ")
        .append(config.batchSize())
        .append(", ")
        .append(config.optimizer())
        .append(" lr ")
        .append(config.learningRate())
        .append(", seed ")
        .append(config.seed())
        .append(", ")
        .append(config.loss());
    return sb.toString();
  }

  /** E.g. {@code ComplEx (sLCWA, dim 64) on umls}, with the models' and loops' usual spelling. */
  static String plotTitle(TrainingConfig config, Dataset data) {
    String modelName =
        switch (config.model()) {
          case "transe" -> "TransE";
          case "distmult" -> "DistMult";
          case "complex" -> "ComplEx";
          case "rotate" -> "RotatE";
          default -> config.model();
        };
    String loopName = config.loop() == LoopKind.SLCWA ? "sLCWA" : "LCWA";
    return modelName + " (" + loopName + ", dim " + config.dim() + ") on " + data.name();
  }
}
