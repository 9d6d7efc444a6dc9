package org.kge4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kge4j.training.AtomicFiles;
import org.kge4j.training.Checkpoint;

/**
 * Writes a run's text outputs atomically (a temporary file beside the target, then an atomic move),
 * so that an interrupted run never leaves a truncated {@code results.json} or {@code losses.tsv}
 * behind.
 */
public final class OutputFiles {

  /** File name of the results document in an output directory. */
  public static final String RESULTS_JSON = "results.json";

  /** File name of the runnable configuration in an output directory. */
  public static final String PIPELINE_CONFIG_JSON = "pipeline_config.json";

  /** File name of the checkpoint in an output directory. */
  public static final String CHECKPOINT_FILE = Checkpoint.FILE_NAME;

  /** File name of the per-epoch loss table. */
  public static final String LOSSES_TSV = "losses.tsv";

  /** File name of the loss / validation MRR plot. */
  public static final String PLOT_PNG = "losses.png";

  /** Header line of {@link #LOSSES_TSV}. */
  public static final String LOSSES_HEADER = "epoch\tloss\tvalidation_mrr";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private OutputFiles() {}

  /** The mapper used for every JSON file kge4j writes and reads. */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * Writes {@code document} (maps, lists, strings, numbers, booleans) as indented JSON.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void writeJson(Map<String, ?> document, Path file) {
    try {
      writeAtomically(file, JSON.writeValueAsString(document) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot serialise " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the per-epoch table: a header {@value #LOSSES_HEADER}, then one row per epoch with the
   * loss and the validation MRR, the latter empty for epochs that were not evaluated.
   */
  public static void writeLossesTsv(List<EpochRecord> history, Path file) {
    StringBuilder sb = new StringBuilder(LOSSES_HEADER).append('\n');
    for (EpochRecord record : history) {
      sb.append(record.epoch()).append('\t').append(format(record.loss())).append('\t');
      if (record.validationMrr().isPresent()) {
        sb.append(format(record.validationMrr().getAsDouble()));
      }
      sb.append('\n');
    }
    writeAtomically(file, sb.toString());
  }

  /** Full double precision without a locale's decimal comma. */
  private static String format(double value) {
    return String.format(Locale.ROOT, "%.9g", value).trim();
  }

  /**
   * Writes {@code text} as UTF-8 into {@code file} by way of a temporary file in the same directory
   * and an atomic rename.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void writeAtomically(Path file, String text) {
    write(file, temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code file} all or nothing through {@link AtomicFiles}.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  static void write(Path file, AtomicFiles.Writer writer) {
    try {
      AtomicFiles.write(file, writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
