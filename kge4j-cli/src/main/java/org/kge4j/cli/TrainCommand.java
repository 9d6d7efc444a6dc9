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
import java.util.stream.Stream;
import org.kge4j.config.LoadedDataset;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.evaluation.MetricResults;
import org.kge4j.training.Checkpoint;
import org.kge4j.training.Pipeline;
import org.kge4j.training.PipelineResult;
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
 *       both.realistic.inverse_harmonic_mean_rank}, ...), the configuration (the pipeline document)
 *       and the resolved loss, dataset statistics, timings ({@code training_seconds}, {@code
 *       triples_per_second}), the thread count and versions;
 *   <li>{@code pipeline_config.json}: the runnable configuration, for {@code --config};
 *   <li>{@code losses.tsv}: epoch, training loss, validation MRR;
 *   <li>{@code losses.png}: the same as a plot;
 *   <li>{@code checkpoint.kge4j}: the final (and periodic) checkpoint, for {@code --resume} and
 *       {@code kge4j evaluate}.
 * </ul>
 *
 * An existing, non-empty output directory is only written into with {@code --overwrite}. The
 * configuration comes from the options ({@link ConfigurationOptions}, {@link GraphFileMixin}), over
 * a {@code --config} file when one is given, or from the checkpoint of {@code --resume}.
 *
 * <p>The defaults (ComplEx, dim 64, sLCWA with 32 negatives, batch 256, Adam with lr 0.1, 30
 * epochs, PyKEEN's loss defaults) train a good model of the embedded dataset in seconds; real
 * datasets want their own settings (the README lists measured ones).
 */
@Command(
    name = "train",
    description = {
      "Train a model with DoubleMarginLoss, evaluate it on the test split and write "
          + "results.json, pipeline_config.json, losses.tsv, losses.png and a checkpoint into the"
          + " output directory."
    })
public final class TrainCommand extends Kge4jSubcommand {

  @Option(
      names = "--dataset",
      paramLabel = "NAME|DIR|FILE",
      description =
          "embedded (a generated family graph), a named dataset (nations, umls, kinships, "
              + "fb15k237, wn18rr; cached in $KGE4J_DATASETS or ~/.kge4j/datasets), a directory "
              + "holding train.txt, valid.txt, test.txt, or a graph file (.nt, .nq, .ttl, .trig, "
              + ".rdf, .owl, .csv, .tsv, optionally .gz) split by --split. Default: the resumed "
              + "run's or the --config file's dataset, else embedded.")
  private String dataset;

  @CommandLine.Mixin private GraphFileMixin graphFile;

  @CommandLine.Mixin private ConfigurationOptions configuration;

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
  void run(OptionChecks checks, PrintWriter out) {
    long start = System.nanoTime();
    PrintWriter err = commandLine().getErr();
    checks.atLeast("--checkpoint-frequency", checkpointFrequency, 0);
    int numThreads = checks.threads("--threads", threads);

    Checkpoint checkpoint = resume == null ? null : readCheckpoint(checks);
    String datasetSource = RunInfo.location(datasetSource(checks, checkpoint));
    PipelineConfig config =
        checkpoint == null
            ? configuration.configuration(
                commandLine(),
                checks,
                datasetSource,
                graphFile.kwargs(checks, commandLine(), datasetSource))
            : checkpoint.config();
    // A resumed run reads its data as its checkpoint recorded it; --dataset only says where it is.
    LoadedDataset loaded =
        RunInfo.load(
            checks,
            "--dataset",
            checkpoint == null ? config.dataset() : config.dataset().at(datasetSource));
    if (checkpoint == null) {
      // The run's configuration names exactly the data it read, e.g. a graph file's SHA-256.
      config = config.withDataset(loaded.config());
    }
    Dataset data = loaded.dataset();
    RunInfo info = RunInfo.of(loaded);
    requireEvaluableSplits(checks, config, data, info.datasetSource());
    Path directory =
        outputDirectory(checks, data.name(), config.model().name().toLowerCase(Locale.ROOT));

    loaded.summary().ifPresent(out::println);
    out.println(data.summary());
    out.println("configuration: " + describe(config));
    out.println("output: " + directory);
    out.flush();

    Map<String, Object> running =
        RunReport.running(info, config, data, arguments(), numThreads, plotTitle(config, data));
    OutputFiles.writeJson(running, directory.resolve(OutputFiles.RESULTS_JSON));
    OutputFiles.writeJson(
        RunReport.pipelineDocument(config, plotTitle(config, data)),
        directory.resolve(OutputFiles.PIPELINE_CONFIG_JSON));

    ProgressListener listener = new ProgressListener(err, data.training().numTriples(), quiet);
    Pipeline.Builder pipeline =
        checkpoint == null ? Pipeline.builder(config, data) : Pipeline.resume(resume, data);
    Thread onInterrupt = interruptionRecorder(running, directory, err);
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    PipelineResult result;
    try {
      result =
          pipeline
              .listener(listener)
              .numThreads(numThreads)
              .checkpoint(directory.resolve(OutputFiles.CHECKPOINT_FILE), checkpointFrequency)
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
        RunReport.completed(
            info, result, arguments(), history, totalSeconds, numThreads, plotTitle(config, data));
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
  }

  /**
   * {@code --dataset}, else the resumed checkpoint's dataset, else the {@code --config} file's,
   * else {@code embedded}.
   */
  private String datasetSource(OptionChecks checks, Checkpoint checkpoint) {
    if (dataset != null) {
      return dataset;
    }
    if (checkpoint != null) {
      return checkpoint.config().dataset().name();
    }
    return configuration.configFileDataset(checks).orElse("embedded");
  }

  /**
   * Fails before training when a split the run evaluates lost every triple as unknown (an entity or
   * relation that training lacks): the test split always, the validation split when validating.
   */
  private static void requireEvaluableSplits(
      OptionChecks checks, PipelineConfig config, Dataset data, String source) {
    if (data.testing().numTriples() == 0) {
      throw checks.invalid(
          "--dataset",
          "the test split of '"
              + source
              + "' has no triples left: all "
              + data.testing().numDroppedTriples()
              + " were dropped because an entity or relation does not occur in training; it"
              + " needs at least 1");
    }
    if (config.stopper().frequency() > 0 && data.validation().numTriples() == 0) {
      throw checks.invalid(
          "--eval-frequency",
          "the validation split of '"
              + source
              + "' has no triples left to evaluate every "
              + config.stopper().frequency()
              + " epochs: all "
              + data.validation().numDroppedTriples()
              + " were dropped as unknown; it needs at least 1, or --eval-frequency 0");
    }
  }

  /**
   * A shutdown hook for a run stopped from outside (Ctrl-C, {@code kill}): marks {@code
   * results.json} as failed and says how to continue from the last periodic checkpoint.
   */
  private Thread interruptionRecorder(
      Map<String, Object> running, Path directory, PrintWriter err) {
    Path checkpointPath = directory.resolve(OutputFiles.CHECKPOINT_FILE);
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

  private Checkpoint readCheckpoint(OptionChecks checks) {
    for (String name :
        Stream.concat(ConfigurationOptions.NAMES.stream(), GraphFileMixin.NAMES.stream())
            .toList()) {
      if (given(name)) {
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
    return checks.createDirectories("--output", directory);
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
    return commandLine().getParseResult().originalArgs();
  }

  private static String describe(PipelineConfig config) {
    StringBuilder sb = new StringBuilder();
    sb.append(config.model().name())
        .append(" dim ")
        .append(config.model().embeddingDim())
        .append(", ")
        .append(config.trainingLoop().pykeenName());
    if (config.negativeSampler() != null) {
      sb.append(" (")
          .append(config.negativeSampler().numNegsPerPos())
          .append(' ')
          .append(config.negativeSampler().name())
          .append(" negatives")
          .append(config.negativeSampler().filtered() ? ", filtered" : "")
          .append(')');
    }
    sb.append(", ")
        .append(config.training().numEpochs())
        .append(" epochs, batch ")
        .append(config.training().batchSize())
        .append(", ")
        .append(config.optimizer().name())
        .append(" lr ")
        .append(config.optimizer().lr())
        .append(", seed ")
        .append(config.randomSeed())
        .append(", ")
        .append(config.loss().build());
    return sb.toString();
  }

  /** E.g. {@code ComplEx (sLCWA, dim 64) on umls}. */
  static String plotTitle(PipelineConfig config, Dataset data) {
    return config.model().name()
        + " ("
        + config.trainingLoop().pykeenName()
        + ", dim "
        + config.model().embeddingDim()
        + ") on "
        + data.name();
  }
}
