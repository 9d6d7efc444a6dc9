package org.kge4j.cli;

import static org.kge4j.cli.PipelineMaps.deepCopy;
import static org.kge4j.cli.PipelineMaps.mutableSection;
import static org.kge4j.cli.PipelineMaps.putKwarg;
import static org.kge4j.cli.PipelineMaps.section;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kge4j.config.ConfigurationException;
import org.kge4j.config.PipelineConfig;
import org.kge4j.data.Dataset;
import org.kge4j.hpo.pipeline.BestPipeline;
import org.kge4j.hpo.pipeline.KgeObjective;
import org.kge4j.hpo.pipeline.KgeSearchSpace;
import org.kge4j.hpo.pipeline.ObjectiveMetric;
import org.kge4j.hpo.pipeline.Replicates;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.GridSampler;
import org.kge4j.hpo.study.HyperbandPruner;
import org.kge4j.hpo.study.MedianPruner;
import org.kge4j.hpo.study.NopPruner;
import org.kge4j.hpo.study.Objective;
import org.kge4j.hpo.study.Pruner;
import org.kge4j.hpo.study.RandomSampler;
import org.kge4j.hpo.study.Sampler;
import org.kge4j.hpo.study.SobolSampler;
import org.kge4j.hpo.study.SqliteStorage;
import org.kge4j.hpo.study.Study;
import org.kge4j.hpo.study.SuccessiveHalvingPruner;
import org.kge4j.hpo.study.TpeSampler;
import org.kge4j.hpo.study.TrialPrunedException;
import org.kge4j.hpo.study.TrialState;
import org.kge4j.model.Models;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kge4j hpo}: a hyper-parameter study of a KGE model, PyKEEN's {@code hpo_pipeline} on
 * kge4j's study library. The search space is that of {@link KgeSearchSpace} (the components'
 * default ranges, overridden by {@code *_kwargs_ranges} and fixed by {@code *_kwargs}); every trial
 * trains with the validation split as its objective and is pruned on the validation metric per
 * evaluation; the test split is read only by {@code --replicates}, after the search.
 *
 * <p>Settings come from, in increasing precedence: the defaults, the {@code --config} file
 * (PyKEEN's {@code {"optuna": {...}, "pipeline": {...}}}, see {@link HpoConfigFile}), the {@code
 * --search-space} file (sections laid key by key over the config's pipeline), and the options typed
 * on the command line.
 *
 * <p>The study lives in a SQLite file ({@code --storage}, default {@code <output>/study.db}):
 * workers started with the same storage and study name share it, {@code --n-trials} is the study's
 * total, and running the command again resumes the study. A study refuses to be continued with
 * another search space, dataset or metric.
 */
@Command(
    name = "hpo",
    description = {
      "Search hyper-parameters of a model on the validation split (TPE, random, Sobol or grid"
          + " search; median, ASHA or Hyperband pruning on epochs) and write study.json,"
          + " trials.tsv, best_pipeline/pipeline_config.json and plots into the output directory."
    })
public final class HpoCommand extends Kge4jSubcommand {

  /** Loggers whose per-configuration warnings would repeat for every sampled trial. */
  private static final List<Logger> QUIETED = new ArrayList<>();

  private static final Pattern DURATION = Pattern.compile("(\\d+)([smh]?)");

  /** The samplers, the default first. */
  private static final List<String> SAMPLERS = List.of("tpe", "random", "sobol", "grid");

  /** The pruners, the default first. */
  private static final List<String> PRUNERS = List.of("median", "asha", "hyperband", "none");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "An HPO configuration in PyKEEN's form {\"optuna\": {...}, \"pipeline\": {...}} with"
              + " *_kwargs_ranges; options given on the command line override it.")
  private Path config;

  @Option(
      names = "--dataset",
      paramLabel = "NAME|DIR",
      description =
          "embedded, nations, umls, kinships, fb15k237, wn18rr or a directory with train.txt,"
              + " valid.txt, test.txt. Required unless --config names one.")
  private String dataset;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "transe, distmult, complex or rotate. Required unless --config names one.")
  private String model;

  @Option(
      names = "--loop",
      paramLabel = "LOOP",
      description = "Training loop: slcwa or lcwa. Default: the --config file's, else slcwa.")
  private String loop;

  @Option(
      names = "--n-trials",
      paramLabel = "N",
      description =
          "The study's total of finished (complete or pruned) trials; workers sharing the study"
              + " finish N together. Required unless --config gives optuna.n_trials.")
  private Integer nTrials;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description =
          "Stop starting trials after this long, e.g. 90s, 20m, 2h (a running trial finishes)."
              + " Default: none.")
  private String timeout;

  @Option(
      names = "--sampler",
      paramLabel = "NAME",
      description = "tpe (Optuna's defaults), random, sobol or grid. Default: tpe.")
  private String sampler;

  @Option(
      names = "--grid-points",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Points per numeric range for --sampler grid (every choice of categorical ones).")
  private int gridPoints;

  @Option(
      names = "--pruner",
      paramLabel = "NAME",
      description =
          "median (5 start-up trials), asha (successive halving, reduction factor 4, from the"
              + " first evaluation), hyperband (up to the maximum epochs) or none. Default: median.")
  private String pruner;

  @Option(
      names = "--storage",
      paramLabel = "FILE.db",
      description = "The study's SQLite file, shared by workers. Default: <output>/study.db.")
  private Path storage;

  @Option(
      names = "--study-name",
      paramLabel = "NAME",
      description = "The study in the storage. Default: <dataset>-<model>-<loop>.")
  private String studyName;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of the sampler and every trial's random_seed (replicates use seed+1 ...). Default:"
              + " the --config file's, else 42.")
  private Long seed;

  @Option(
      names = "--epochs",
      paramLabel = "MAX",
      description =
          "Epochs per trial (num_epochs fixed; the pruners stop trials earlier). Default: searched"
              + " over num_epochs 100..1000 as PyKEEN.")
  private Integer epochs;

  @Option(
      names = "--eval-frequency",
      paramLabel = "N",
      description =
          "Validate (report to the pruner) every N epochs. Default: the --config file's stopper"
              + " frequency, else max epochs / 10, at least 1.")
  private Integer evalFrequency;

  @Option(
      names = "--early-stopping",
      description =
          "Stop a trial when its validation metric has not improved for --patience evaluations.")
  private boolean earlyStopping;

  @Option(
      names = "--patience",
      paramLabel = "N",
      description = "Evaluations without improvement before early stopping. Default: 2.")
  private Integer patience;

  @Option(
      names = "--metric",
      paramLabel = "NAME",
      description =
          "Validation metric to optimise: mrr, hits@1, hits@3, hits@10, mr or a full PyKEEN name"
              + " such as both.realistic.inverse_harmonic_mean_rank. Default: mrr.")
  private String metric;

  @Option(
      names = "--search-space",
      paramLabel = "FILE.json",
      description =
          "Search-space overrides: *_kwargs (fixed values) and *_kwargs_ranges (ranges) sections,"
              + " bare or under \"pipeline\", laid over the --config file's.")
  private Path searchSpace;

  @Option(
      names = "--replicates",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "After the search, retrain the best configuration with N seeds and report the test"
              + " metrics' mean ± std (the only use of the test split).")
  private int replicates;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads per trial, >= 1 (results do not depend on it). Default: all.")
  private Integer threads;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      required = true,
      description = "Directory of the study's outputs (rewritten when the study is resumed).")
  private Path output;

  @Option(
      names = "--max-consecutive-failures",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "Stop this worker when N trials in a row have failed (failed trials do not count towards"
              + " --n-trials, so a space where every trial fails would never end).")
  private int maxConsecutiveFailures;

  @Option(names = "--quiet", description = "No per-epoch progress bar (trial lines only).")
  private boolean quiet;

  @Override
  void run(OptionChecks checks, PrintWriter out) {
    PrintWriter err = commandLine().getErr();
    checkOptionValues(checks);
    int numThreads = checks.threads("--threads", threads);
    quietPerTrialWarnings();
    HpoConfigFile file = config == null ? null : HpoConfigFile.read(checks, "--config", config);
    Map<String, Object> searchSpaceFile =
        searchSpace == null ? Map.of() : searchSpaceSections(checks);

    int trials = nTrials(checks, file);
    Optional<Duration> limit = timeout(checks, file);
    String samplerName =
        componentName(checks, file, "sampler", sampler, SAMPLERS, Map.of("qmc", "sobol"));
    String prunerName =
        componentName(
            checks,
            file,
            "pruner",
            pruner,
            PRUNERS,
            Map.of("successivehalving", "asha", "nop", "none"));
    ObjectiveMetric objectiveMetric = metric(checks, file);

    Map<String, Object> pipeline = deepCopy(file == null ? Map.of() : file.pipeline());
    overlay(pipeline, searchSpaceFile);
    long pipelineSeed = pipelineSeed(checks, file, pipeline);
    long samplerSeed =
        seed != null
            ? seed
            : file == null ? pipelineSeed : seedOf(checks, file.samplerSeed(), pipelineSeed);
    applyOptions(checks, pipeline, pipelineSeed);
    String source = RunInfo.location(String.valueOf(pipeline.get("dataset")));
    pipeline.put("dataset", source);
    KgeSearchSpace space = space(checks, file, searchSpaceFile, pipeline);
    if (!section(pipeline, "stopper_kwargs").containsKey("frequency")) {
      putKwarg(pipeline, "stopper_kwargs", "frequency", Math.max(1, space.maxEpochs() / 10));
      space = space(checks, file, searchSpaceFile, pipeline);
    }
    PipelineConfig base = space.base();
    int frequency = base.stopper().frequency();
    if (frequency < 1) {
      throw checks.invalid(
          evalFrequency != null ? "--eval-frequency" : "--config",
          "every trial reports its validation metric to the pruner, so the evaluation frequency"
              + " must be >= 1, got "
              + frequency);
    }

    Dataset data = RunInfo.load(checks, "--dataset", base.dataset()).dataset();
    if (data.validation().numTriples() == 0) {
      throw checks.invalid(
          "--dataset",
          "the validation split of '"
              + source
              + "' has no triples; the study's objective needs it");
    }
    Path directory = outputDirectory(checks);
    Path storageFile =
        (storage != null
                ? storage
                : file != null && file.optuna("storage").isPresent()
                    ? Path.of(
                        String.valueOf(file.optuna("storage").get())
                            .replaceFirst("^sqlite:///", ""))
                    : directory.resolve("study.db"))
            .toAbsolutePath()
            .normalize();
    String name = studyName(file, base);
    Sampler studySampler = sampler(samplerName, samplerSeed, space);
    Pruner studyPruner = pruner(checks, prunerName, frequency, space.maxEpochs());

    try (SqliteStorage sqlite = SqliteStorage.open(storageFile)) {
      Study study;
      try {
        study =
            Study.builder(name, objectiveMetric.direction())
                .sampler(studySampler)
                .pruner(studyPruner)
                .storage(sqlite)
                .build();
      } catch (IllegalArgumentException e) {
        throw checks.invalid("--study-name", e.getMessage() + " in " + storageFile);
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("kge4j_version", Versions.kge4jVersion());
      attributes.put("dataset", data.name());
      attributes.put("dataset_source", source);
      DatasetDigest.of(source, data)
          .forEach((split, digest) -> attributes.put("dataset_sha256." + split, digest));
      attributes.put("metric", objectiveMetric.key());
      attributes.put("search_space", String.join("\n", space.describe()));
      attributes.put("eval_frequency", Integer.toString(frequency));
      attributes.put("max_epochs", Integer.toString(space.maxEpochs()));
      recordAttributes(checks, study, storageFile, attributes);
      // what this worker used: a second worker may use other seeds or settings
      study.setAttribute("sampler", studySampler.toString());
      study.setAttribute("sampler_seed", Long.toString(samplerSeed));
      study.setAttribute("pruner", studyPruner.toString());
      study.setAttribute("random_seed", Long.toString(pipelineSeed));
      study.setAttribute("n_trials", Integer.toString(trials));

      out.println(data.summary());
      out.println(
          "study "
              + name
              + " in "
              + storageFile
              + ": "
              + trials
              + " trials, "
              + studySampler
              + ", "
              + studyPruner
              + ", "
              + objectiveMetric.direction().name().toLowerCase(Locale.ROOT)
              + " validation "
              + objectiveMetric.key()
              + limit.map(d -> ", timeout " + d).orElse(""));
      out.println("search space (every trial: random_seed " + pipelineSeed + "):");
      space.describe().forEach(line -> out.println("  " + line));
      out.println("output: " + directory);
      out.flush();

      ProgressListener progress =
          new ProgressListener(
              err, data.training().numTriples(), quiet || System.console() == null);
      KgeSearchSpace searched = space;
      KgeObjective objective =
          KgeObjective.builder(searched, data)
              .metric(objectiveMetric)
              .numThreads(numThreads)
              .orderedSampling(!(studySampler instanceof GridSampler))
              .listener(progress)
              .build();
      int[] failuresInARow = {0};
      String[] lastFailure = {null};
      Objective reporting =
          trial -> {
            StudyOutputs.write(directory, study, storageFile, searched, objectiveMetric, false);
            long start = System.nanoTime();
            try {
              double value = objective.evaluate(trial);
              progress.finish();
              out.println(
                  trialLine(trial.number(), "COMPLETE", format(value), start, trial.params()));
              out.flush();
              failuresInARow[0] = 0;
              return value;
            } catch (TrialPrunedException e) {
              progress.finish();
              FrozenTrial pruned = trial.snapshot();
              int epoch = pruned.lastStep().orElse(0);
              double last = pruned.intermediateValues().getOrDefault(epoch, Double.NaN);
              out.println(
                  trialLine(
                      trial.number(),
                      "PRUNED",
                      format(last) + " at epoch " + epoch,
                      start,
                      trial.params()));
              out.flush();
              failuresInARow[0] = 0;
              throw e;
            } catch (RuntimeException | Error e) {
              progress.finish();
              out.println(trialLine(trial.number(), "FAIL", e.toString(), start, trial.params()));
              out.flush();
              lastFailure[0] = e.toString();
              if (++failuresInARow[0] >= maxConsecutiveFailures) {
                study.stop();
              }
              throw e;
            }
          };
      if (limit.isPresent()) {
        study.optimize(reporting, trials, limit.get());
      } else {
        study.optimize(reporting, trials);
      }

      Optional<BestPipeline> best =
          StudyOutputs.write(directory, study, storageFile, space, objectiveMetric, true);
      summarize(out, study, directory, best);
      if (failuresInARow[0] >= maxConsecutiveFailures) {
        throw new IllegalStateException(
            "stopped after "
                + failuresInARow[0]
                + " failed trials in a row (--max-consecutive-failures); the last: "
                + lastFailure[0]);
      }
      if (replicates > 0) {
        if (best.isEmpty()) {
          throw new IllegalStateException(
              "--replicates " + replicates + ": the study has no complete trial to replicate");
        }
        replicate(out, directory, best.get(), data, numThreads, progress, pipelineSeed);
      }
    }
  }

  private void checkOptionValues(OptionChecks checks) {
    if (nTrials != null) {
      checks.atLeast("--n-trials", nTrials, 1);
    }
    if (model != null) {
      checks.choice("--model", model, Models.NAMES);
    }
    if (loop != null) {
      checks.choice("--loop", loop, List.of("slcwa", "lcwa"));
    }
    if (epochs != null) {
      checks.atLeast("--epochs", epochs, 1);
    }
    if (evalFrequency != null) {
      checks.atLeast("--eval-frequency", evalFrequency, 1);
    }
    if (patience != null) {
      checks.atLeast("--patience", patience, 1);
    }
    checks.atLeast("--replicates", replicates, 0);
    checks.atLeast("--grid-points", gridPoints, 1);
    checks.atLeast("--max-consecutive-failures", maxConsecutiveFailures, 1);
    if (studyName != null && studyName.isBlank()) {
      throw checks.invalid("--study-name", "must not be blank");
    }
  }

  private int nTrials(OptionChecks checks, HpoConfigFile file) {
    if (nTrials != null) {
      return nTrials;
    }
    Object value = file == null ? null : file.optuna("n_trials").orElse(null);
    if (value == null) {
      throw checks.invalid(
          "--n-trials",
          "is required (the study's total of trials), or optuna.n_trials in --config");
    }
    if (!(value instanceof Integer n) || n < 1) {
      throw checks.invalid(
          "--config", config + ": optuna.n_trials must be an integer >= 1, got " + value);
    }
    return n;
  }

  private Optional<Duration> timeout(OptionChecks checks, HpoConfigFile file) {
    if (timeout != null) {
      return Optional.of(parseDuration(checks, "--timeout", timeout));
    }
    Object value = file == null ? null : file.optuna("timeout").orElse(null);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Number n
        && n.doubleValue() > 0
        && n.doubleValue() == Math.rint(n.doubleValue())) {
      return Optional.of(Duration.ofSeconds(n.longValue()));
    }
    if (value instanceof String s) {
      return Optional.of(parseDuration(checks, "--config", s));
    }
    throw checks.invalid(
        "--config",
        config
            + ": optuna.timeout must be whole seconds > 0 or a duration such as 20m, got "
            + value);
  }

  /** {@code 90s}, {@code 20m}, {@code 2h}, or plain seconds; more than zero. */
  static Duration parseDuration(OptionChecks checks, String option, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw checks.invalid(option, "must be a duration such as 90s, 20m or 2h, got '" + text + "'");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw checks.invalid(option, "is too large, got '" + text + "'");
    }
    if (amount <= 0) {
      throw checks.invalid(option, "must be longer than 0, got '" + text + "'");
    }
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  /**
   * The {@code kind} ({@code sampler} or {@code pruner}) that option {@code --<kind>} names, or
   * else {@code optuna.<kind>} of the config file, or else the first of {@code allowed}. The file
   * may use Optuna's spellings: case and non-letters are ignored, and so is a {@code <kind>} suffix
   * ({@code RandomSampler} is {@code random}), before {@code aliases} apply.
   */
  private String componentName(
      OptionChecks checks,
      HpoConfigFile file,
      String kind,
      String given,
      List<String> allowed,
      Map<String, String> aliases) {
    if (given != null) {
      return checks.choice("--" + kind, given, allowed);
    }
    Object value = file == null ? null : file.optuna(kind).orElse(null);
    if (value == null) {
      return allowed.get(0);
    }
    String key = String.valueOf(value).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    key = key.endsWith(kind) ? key.substring(0, key.length() - kind.length()) : key;
    key = aliases.getOrDefault(key, key);
    if (!allowed.contains(key)) {
      throw checks.invalid(
          "--config",
          config
              + ": optuna."
              + kind
              + " must be one of "
              + String.join(", ", allowed)
              + ", got '"
              + value
              + "'");
    }
    return key;
  }

  private ObjectiveMetric metric(OptionChecks checks, HpoConfigFile file) {
    ObjectiveMetric resolved;
    if (metric != null) {
      try {
        resolved = ObjectiveMetric.of(metric);
      } catch (IllegalArgumentException e) {
        throw checks.invalid("--metric", e.getMessage());
      }
    } else {
      Object value = file == null ? null : file.optuna("metric").orElse(null);
      try {
        resolved = value == null ? ObjectiveMetric.MRR : ObjectiveMetric.of(String.valueOf(value));
      } catch (IllegalArgumentException e) {
        throw checks.invalid("--config", config + ": optuna." + e.getMessage());
      }
    }
    Object direction = file == null ? null : file.optuna("direction").orElse(null);
    if (direction != null
        && !String.valueOf(direction).equalsIgnoreCase(resolved.direction().name())) {
      throw checks.invalid(
          "--config",
          config
              + ": optuna.direction "
              + direction
              + " does not fit "
              + resolved.key()
              + ", which is to "
              + resolved.direction().name().toLowerCase(Locale.ROOT));
    }
    return resolved;
  }

  private long pipelineSeed(OptionChecks checks, HpoConfigFile file, Map<String, Object> pipeline) {
    if (seed != null) {
      return seed;
    }
    Object value = pipeline.get("random_seed");
    if (value != null) {
      return seedOf(checks, Optional.of(value), 42);
    }
    return file == null ? 42 : seedOf(checks, file.samplerSeed(), 42);
  }

  private long seedOf(OptionChecks checks, Optional<Object> value, long otherwise) {
    if (value.isEmpty()) {
      return otherwise;
    }
    if (value.get() instanceof Integer || value.get() instanceof Long) {
      return ((Number) value.get()).longValue();
    }
    throw checks.invalid("--config", config + ": a seed must be an integer, got " + value.get());
  }

  /** The search-space file's sections: {@code *_kwargs} and {@code *_kwargs_ranges} only. */
  private Map<String, Object> searchSpaceSections(OptionChecks checks) {
    Map<String, Object> document = checks.jsonObject("--search-space", searchSpace);
    Object inner = document.get("pipeline");
    Map<String, Object> sections = new LinkedHashMap<>(document);
    if (inner instanceof Map<?, ?> m && document.size() == 1) {
      sections = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sections.put(String.valueOf(e.getKey()), e.getValue());
      }
    }
    for (Map.Entry<String, Object> e : sections.entrySet()) {
      boolean section = e.getKey().endsWith("_kwargs") || e.getKey().endsWith("_kwargs_ranges");
      if (!section || !(e.getValue() instanceof Map<?, ?>)) {
        throw checks.invalid(
            "--search-space",
            searchSpace
                + ": "
                + e.getKey()
                + " is not supported; a search space holds *_kwargs and *_kwargs_ranges objects"
                + " (e.g. optimizer_kwargs_ranges), bare or under \"pipeline\"");
      }
    }
    return sections;
  }

  /** Lays {@code sections} over {@code pipeline}: each section key by key. */
  private static void overlay(Map<String, Object> pipeline, Map<String, Object> sections) {
    sections.forEach(
        (key, value) -> {
          Map<String, Object> merged = mutableSection(pipeline, key);
          ((Map<?, ?>) value).forEach((k, v) -> merged.put(String.valueOf(k), v));
          pipeline.put(key, merged);
        });
  }

  /** The options typed on the command line replace the configuration's values. */
  private void applyOptions(OptionChecks checks, Map<String, Object> pipeline, long pipelineSeed) {
    if (dataset != null) {
      pipeline.put("dataset", dataset);
    }
    if (pipeline.get("dataset") == null) {
      throw checks.invalid(
          "--dataset", "is required (a name or directory), or pipeline.dataset in --config");
    }
    if (model != null) {
      pipeline.put("model", model);
    }
    if (pipeline.get("model") == null) {
      throw checks.invalid(
          "--model",
          "is required (transe, distmult, complex or rotate), or pipeline.model in --config");
    }
    if (loop != null) {
      pipeline.put("training_loop", loop);
    }
    if (epochs != null) {
      putKwarg(pipeline, "training_kwargs", "num_epochs", epochs);
    }
    pipeline.put("random_seed", pipelineSeed);
    Map<String, Object> stopper = mutableSection(pipeline, "stopper_kwargs");
    if (earlyStopping) {
      pipeline.put("stopper", "early");
      stopper.putIfAbsent("patience", 2);
    }
    if (evalFrequency != null) {
      stopper.put("frequency", evalFrequency);
    }
    if (patience != null) {
      if (!"early".equals(String.valueOf(pipeline.get("stopper")).toLowerCase(Locale.ROOT))) {
        throw checks.invalid("--patience", "needs --early-stopping (or stopper early in --config)");
      }
      stopper.put("patience", patience);
    }
    pipeline.put("stopper_kwargs", stopper);
  }

  /** The option that sets a key, to report a bad value on it. */
  private String optionOf(String key) {
    Map<String, String> options =
        Map.of(
            "dataset", "--dataset",
            "model", "--model",
            "training_loop", "--loop",
            "training_kwargs.num_epochs", "--epochs",
            "stopper_kwargs.frequency", "--eval-frequency",
            "stopper_kwargs.patience", "--patience");
    String option = options.get(key);
    return option != null && given(option) ? option : null;
  }

  private KgeSearchSpace space(
      OptionChecks checks,
      HpoConfigFile file,
      Map<String, Object> searchSpaceFile,
      Map<String, Object> pipeline) {
    try {
      return KgeSearchSpace.fromPipeline(pipeline);
    } catch (IllegalArgumentException e) {
      if (e instanceof ConfigurationException c) {
        // a key the options or files set: name the option or file it came from
        String option = optionOf(c.key());
        if (option != null) {
          throw checks.invalid(option, c.getMessage());
        }
        String key = c.key();
        String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        if (searchSpace != null && searchSpaceFile.containsKey(section)) {
          throw checks.invalid("--search-space", searchSpace + ": " + c.getMessage());
        }
        if (file != null) {
          throw checks.invalid("--config", config + ": " + c.getMessage());
        }
      }
      throw new CommandLine.ParameterException(
          commandLine(), "Invalid options: " + e.getMessage(), e);
    }
  }

  private Path outputDirectory(OptionChecks checks) {
    Path directory = output.toAbsolutePath().normalize();
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw checks.invalid("--output", "is a file, not a directory: " + directory);
    }
    return checks.createDirectories("--output", directory);
  }

  private String studyName(HpoConfigFile file, PipelineConfig base) {
    if (studyName != null) {
      return studyName;
    }
    if (file != null && file.optuna("study_name").isPresent()) {
      return String.valueOf(file.optuna("study_name").get());
    }
    String datasetName = Path.of(base.dataset().name()).getFileName().toString();
    return (datasetName + "-" + base.model().name() + "-" + base.trainingLoop().pykeenName())
        .toLowerCase(Locale.ROOT);
  }

  private Sampler sampler(String name, long samplerSeed, KgeSearchSpace space) {
    return switch (name) {
      case "random" -> new RandomSampler(samplerSeed);
      case "sobol" -> new SobolSampler(samplerSeed);
      case "grid" -> GridSampler.of(space.hpoSpace(), gridPoints);
      default -> new TpeSampler(samplerSeed);
    };
  }

  private static Pruner pruner(OptionChecks checks, String name, int frequency, int maxEpochs) {
    return switch (name) {
      case "asha" -> new SuccessiveHalvingPruner(frequency);
      case "hyperband" -> {
        if (maxEpochs < frequency) {
          throw checks.invalid(
              "--pruner",
              "hyperband needs the maximum epochs "
                  + maxEpochs
                  + " >= the evaluation frequency "
                  + frequency);
        }
        yield new HyperbandPruner(frequency, maxEpochs);
      }
      case "none" -> new NopPruner();
      default -> new MedianPruner();
    };
  }

  /**
   * Records the attributes that define the study on first use; a resumed or shared study must agree
   * on them.
   */
  private static void recordAttributes(
      OptionChecks checks, Study study, Path storageFile, Map<String, String> attributes) {
    Map<String, String> stored = study.attributes();
    for (String key : List.of("dataset_source", "metric", "search_space")) {
      String before = stored.get(key);
      if (before != null && !before.equals(attributes.get(key))) {
        throw checks.invalid(
            "--study-name",
            "study "
                + study.name()
                + " in "
                + storageFile
                + " was created with another "
                + key.replace('_', ' ')
                + ":\n  "
                + before.replace("\n", "\n  ")
                + "\nnow:\n  "
                + attributes.get(key).replace("\n", "\n  ")
                + "\nchoose another --study-name or --storage, or the study's settings");
      }
    }
    if (!stored.containsKey("created")) {
      study.setAttribute("created", Instant.now().toString());
    }
    attributes.forEach(study::setAttribute);
  }

  private static void quietPerTrialWarnings() {
    for (String name :
        List.of("org.kge4j.loss.DoubleMarginLoss", "org.kge4j.training.TrainingLoop")) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.SEVERE);
      QUIETED.add(logger);
    }
  }

  private static String trialLine(
      int number, String state, String what, long startNanos, Map<String, Object> params) {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "trial %d %s %s (%.1f s)",
                number,
                state,
                what,
                (System.nanoTime() - startNanos) / 1e9));
    params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(formatParam(v)));
    return sb.toString();
  }

  private static String formatParam(Object value) {
    return value instanceof Double d
        ? String.format(Locale.ROOT, "%.4g", d)
        : String.valueOf(value);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static void summarize(
      PrintWriter out, Study study, Path directory, Optional<BestPipeline> best) {
    List<FrozenTrial> all = study.trials();
    Map<TrialState, Long> counts = new LinkedHashMap<>();
    for (TrialState state : TrialState.values()) {
      long n = all.stream().filter(t -> t.state() == state).count();
      if (n > 0) {
        counts.put(state, n);
      }
    }
    out.println();
    out.println("study " + study.name() + ": " + counts);
    if (best.isPresent()) {
      FrozenTrial t = best.get().trial();
      out.println(
          "best trial "
              + t.number()
              + ": validation "
              + best.get().metadata().get("metric")
              + " "
              + format(t.value().getAsDouble()));
      out.println(
          "best configuration: "
              + directory
                  .resolve(StudyOutputs.BEST_PIPELINE)
                  .resolve(OutputFiles.PIPELINE_CONFIG_JSON));
    } else {
      out.println("no complete trial yet");
    }
    out.println("results in " + directory);
    out.flush();
  }

  private void replicate(
      PrintWriter out,
      Path directory,
      BestPipeline best,
      Dataset full,
      int numThreads,
      ProgressListener progress,
      long pipelineSeed) {
    List<Long> seeds = new ArrayList<>();
    for (int i = 1; i <= replicates; i++) {
      seeds.add(pipelineSeed + i);
    }
    out.println();
    out.println(
        "retraining the best configuration with seeds "
            + seeds
            + " and evaluating on the test split ...");
    out.flush();
    List<Replicates.Replicate> results = new ArrayList<>();
    for (long s : seeds) {
      Replicates.Replicate r =
          Replicates.run(best.config(), full, List.of(s), numThreads, progress).get(0);
      progress.finish();
      results.add(r);
      out.println(
          String.format(
              Locale.ROOT,
              "replicate seed %d: test MRR %.4f, hits@10 %.4f (%d %s, %.1f s)",
              s,
              r.test().meanReciprocalRank(),
              r.test().hitsAt(10),
              r.result().training().epochsCompleted(),
              r.result().training().epochsCompleted() == 1 ? "epoch" : "epochs",
              r.result().training().trainingSeconds()));
      out.flush();
    }
    StudyOutputs.writeReplicates(directory, best, results);
    Replicates.Summary mrr =
        Replicates.Summary.of(results, "both.realistic.inverse_harmonic_mean_rank");
    Replicates.Summary hits = Replicates.Summary.of(results, "both.realistic.hits_at_10");
    out.println(
        String.format(
            Locale.ROOT,
            "test MRR %.4f ± %.4f, hits@10 %.4f ± %.4f (mean ± sample std over %d seeds); %s",
            mrr.mean(),
            mrr.std(),
            hits.mean(),
            hits.std(),
            results.size(),
            directory.resolve(StudyOutputs.BEST_PIPELINE).resolve(StudyOutputs.REPLICATES_JSON)));
    out.flush();
  }
}
