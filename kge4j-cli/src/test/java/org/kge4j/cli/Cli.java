package org.kge4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kge4j.data.Datasets;
import picocli.CommandLine;

/** Runs the {@code kge4j} command in-process and captures its exit code and output. */
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
