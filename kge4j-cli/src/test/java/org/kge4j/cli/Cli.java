package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kge4j.data.Datasets;
import picocli.CommandLine;

/**
 * Runs the {@code kge4j} command in-process and captures its exit code and output; the runs that
 * must succeed or be refused are asserted here, with everything the command printed as the failure
 * message.
 */
final class Cli {

  /** What one invocation produced. */
  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Cli() {}

  /** Runs {@code kge4j args...}. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Kge4jCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs {@code kge4j args...} and asserts that it succeeded: exit code 0. */
  static Run succeeds(String... args) {
    Run run = run(args);
    assertEquals(0, run.exitCode(), run::toString);
    return run;
  }

  /** Runs {@code kge4j args...} and asserts that it ended as a usage error: exit code 2. */
  static Run usageError(String... args) {
    Run run = run(args);
    assertEquals(2, run.exitCode(), run::toString);
    return run;
  }

  /** {@code kge4j train options... --quiet --output <output>}, asserted to succeed. */
  static Run train(Path output, String... options) {
    return succeeds(quietly("train", output, options));
  }

  /** {@code kge4j hpo options... --quiet --output <output>}, asserted to succeed. */
  static Run hpo(Path output, String... options) {
    return succeeds(quietly("hpo", output, options));
  }

  /**
   * The arguments of {@code kge4j hpo options... --quiet --output <output>} for DistMult on the
   * embedded graph, {@code epochs} epochs a trial, evaluated every {@code evalFrequency} epochs and
   * never pruned: a study short enough for a test, whose trials all run to the end.
   */
  static String[] shortStudy(Path output, int epochs, int evalFrequency, String... options) {
    List<String> study =
        new ArrayList<>(
            List.of(
                "--dataset",
                "embedded",
                "--model",
                "distmult",
                "--pruner",
                "none",
                "--epochs",
                Integer.toString(epochs),
                "--eval-frequency",
                Integer.toString(evalFrequency)));
    study.addAll(List.of(options));
    return quietly("hpo", output, study.toArray(String[]::new));
  }

  /**
   * Trains the configuration in {@code config} (a {@code pipeline_config.json}) again into {@code
   * output}, on one thread: a run's results do not depend on the thread count.
   *
   * @return the new run's {@code results.json}
   */
  static JsonNode retrain(Path config, Path output) throws IOException {
    train(output, "--config", config.toString(), "--threads", "1");
    return results(output);
  }

  private static String[] quietly(String command, Path output, String... options) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of(options));
    args.addAll(List.of("--quiet", "--output", output.toString()));
    return args.toArray(String[]::new);
  }

  /** The JSON document in {@code file}. */
  static JsonNode json(Path file) throws IOException {
    return OutputFiles.json().readTree(file.toFile());
  }

  /** The {@code results.json} of a run directory. */
  static JsonNode results(Path run) throws IOException {
    return json(run.resolve(OutputFiles.RESULTS_JSON));
  }

  /**
   * The shared datasets directory ({@code <kge4j.shared>/datasets}, Surefire passes {@code
   * kge4j.shared}); also makes it the dataset cache, so that {@code --dataset nations} reads the
   * shared files instead of downloading.
   */
  static Path sharedDatasets() {
    String shared = System.getProperty("kge4j.shared", "../../shared");
    Path datasets = Path.of(shared, "datasets").toAbsolutePath().normalize();
    if (!Files.isDirectory(datasets.resolve("nations"))) {
      throw new IllegalStateException(
          "the shared datasets are missing: expected "
              + datasets.resolve("nations")
              + " (set -Dkge4j.shared=<path to shared>)");
    }
    System.setProperty(Datasets.DATASETS_PROPERTY, datasets.toString());
    return datasets;
  }
}
