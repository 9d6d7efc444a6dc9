package org.kge4j.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;
import org.kge4j.model.EmbeddingTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kge4j export}: writes a trained model's embeddings for other tools — {@code
 * entity_embeddings} and {@code relation_embeddings} as {@code .npy} (NumPy format 1.0, float32,
 * see {@link Npy}) or {@code .tsv} (one row per line, values separated by tabs, no header, the
 * shortest decimal that reads back to the same float) — with PyKEEN's mapping files {@code
 * entity_to_id.tsv.gz} and {@code relation_to_id.tsv.gz} (header {@code id<TAB>label}). Rows are in
 * id order; complex models (ComplEx, RotatE) hold {@code 2d} floats per row: the {@code d} real
 * parts, then the {@code d} imaginary parts. A model trained with inverse relations ({@code
 * dataset_kwargs.create_inverse_triples}) has {@code 2R} relation rows for the data's {@code R}
 * relations: row {@code R + r} is the inverse of relation {@code r}, and {@code relation_to_id}
 * lists the {@code R} relations, as PyKEEN's does. Every file is written atomically.
 */
@Command(
    name = "export",
    description =
        "Write a trained model's entity and relation embeddings (npy or tsv, rows in id order)"
            + " with PyKEEN's entity_to_id.tsv.gz and relation_to_id.tsv.gz.")
public final class ExportCommand extends TrainedModelCommand {

  /** PyKEEN's file of entity ids and labels. */
  public static final String ENTITY_TO_ID = "entity_to_id.tsv.gz";

  /** PyKEEN's file of relation ids and labels. */
  public static final String RELATION_TO_ID = "relation_to_id.tsv.gz";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "npy",
      description = "npy (NumPy float32) or tsv.")
  private String format;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Directory to write into. Default: embeddings/ in the run directory.")
  private Path output;

  @Option(names = "--overwrite", description = "Allow replacing existing files in --output.")
  private boolean overwrite;

  @Override
  void run(OptionChecks checks, PrintWriter out) {
    String kind = checks.choice("--format", format, List.of("npy", "tsv"));
    TrainedModel trained = loadModel();
    Path directory =
        output != null
            ? output
            : trained.checkpointFile().toAbsolutePath().getParent().resolve("embeddings");
    List<Path> files =
        List.of(
            directory.resolve("entity_embeddings." + kind),
            directory.resolve("relation_embeddings." + kind),
            directory.resolve(ENTITY_TO_ID),
            directory.resolve(RELATION_TO_ID));
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw checks.invalid("--output", directory.toAbsolutePath() + " is a file, not a directory");
    }
    List<String> existing = new ArrayList<>();
    for (Path file : files) {
      if (Files.exists(file)) {
        existing.add(file.getFileName().toString());
      }
    }
    if (!existing.isEmpty() && !overwrite) {
      throw checks.invalid(
          "--output",
          directory.toAbsolutePath()
              + " already holds "
              + String.join(", ", existing)
              + "; pass --overwrite to replace them");
    }
    EmbeddingTable entities = trained.model().entityEmbeddings();
    EmbeddingTable relations = trained.model().relationEmbeddings();
    writeTable(kind, files.get(0), entities);
    writeTable(kind, files.get(1), relations);
    writeMapping(
        files.get(2), "entity", entities.numRows(), trained.dataset().training()::entityLabel);
    writeMapping(
        files.get(3),
        "relation",
        trained.dataset().numRelations(),
        trained.dataset().training()::relationLabel);
    out.printf(
        "wrote %s (%d x %d float32), %s (%d x %d%s), %s and %s to %s%n",
        files.get(0).getFileName(),
        entities.numRows(),
        entities.width(),
        files.get(1).getFileName(),
        relations.numRows(),
        relations.width(),
        trained.model().inverseRelations()
            ? "; rows from " + trained.dataset().numRelations() + " on are the inverses"
            : "",
        ENTITY_TO_ID,
        RELATION_TO_ID,
        directory.toAbsolutePath().normalize());
  }

  private static void writeTable(String kind, Path file, EmbeddingTable table) {
    if (kind.equals("npy")) {
      Npy.writeFloat32(file, table.numRows(), table.width(), table::row);
      return;
    }
    OutputFiles.write(
        file,
        temporary -> {
          try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (int i = 0; i < table.numRows(); i++) {
              float[] row = table.row(i);
              for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                  out.write('\t');
                }
                out.write(Float.toString(row[c]));
              }
              out.write('\n');
            }
          }
        });
  }

  /**
   * Writes PyKEEN's gzipped {@code id<TAB>label} table of {@code count} ids.
   *
   * @throws IllegalArgumentException if a label holds a tab or a line break, which the format
   *     cannot represent
   */
  private static void writeMapping(Path file, String kind, int count, IntFunction<String> labelOf) {
    OutputFiles.write(
        file,
        temporary -> {
          try (Writer out =
              new BufferedWriter(
                  new OutputStreamWriter(
                      new GZIPOutputStream(Files.newOutputStream(temporary), 1 << 16),
                      StandardCharsets.UTF_8))) {
            out.write("id\tlabel\n");
            for (int id = 0; id < count; id++) {
              String label = labelOf.apply(id);
              if (label.indexOf('\t') >= 0
                  || label.indexOf('\n') >= 0
                  || label.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(
                    "the label of "
                        + kind
                        + " "
                        + id
                        + " holds a tab or a line break, which "
                        + file.getFileName()
                        + " cannot represent");
              }
              out.write(id + "\t" + label + "\n");
            }
          }
        });
  }
}
