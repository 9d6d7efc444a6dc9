package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.model.EmbeddingTable;

/**
 * {@code kge4j export}: the {@code .npy} files parsed back by a reader written here from the NumPy
 * format specification (not by the writer's code), the {@code .tsv} files, PyKEEN's mapping files,
 * and a round trip through NumPy itself when python3 with NumPy is installed.
 */
class ExportCommandTest {

  private static final Pattern HEADER =
      Pattern.compile(
          "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), \\} *\n");

  private static TrainedRun trained;

  @BeforeAll
  static void train() {
    trained = TrainedRun.get();
  }

  private static void export(String format, Path output) {
    Cli.succeeds(
        "export", trained.directory.toString(), "--format", format, "--output", output.toString());
  }

  /** Reads a {@code .npy} file by the specification (version 1.0, '<f4', C order). */
  private static float[][] readNpy(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(
        new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0},
        Arrays.copyOf(bytes, 8),
        "magic and version 1.0");
    int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    int dataStart = 10 + headerLength;
    assertEquals(0, dataStart % 64, "magic + version + length + header align to 64 bytes");
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    Matcher m = HEADER.matcher(header);
    assertTrue(m.matches(), () -> "header: " + header);
    int rows = Integer.parseInt(m.group(1));
    int columns = Integer.parseInt(m.group(2));
    assertEquals(dataStart + 4L * rows * columns, bytes.length, "nothing after the data");
    ByteBuffer data =
        ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).order(ByteOrder.LITTLE_ENDIAN);
    float[][] values = new float[rows][columns];
    for (float[] row : values) {
      for (int c = 0; c < columns; c++) {
        row[c] = data.getFloat();
      }
    }
    return values;
  }

  private static void assertTableEquals(EmbeddingTable expected, float[][] actual) {
    assertEquals(expected.numRows(), actual.length, expected.name() + " rows");
    for (int i = 0; i < actual.length; i++) {
      assertArrayEquals(expected.row(i), actual[i], expected.name() + " row " + i);
    }
  }

  private static List<String> gunzipLines(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void npyHoldsTheCheckpointsRowsInIdOrder(@TempDir Path dir) throws Exception {
    export("npy", dir);
    float[][] entities = readNpy(dir.resolve("entity_embeddings.npy"));
    assertEquals(2 * TrainedRun.DIM, entities[0].length, "ComplEx rows: d real, d imaginary");
    assertTableEquals(trained.model.entityEmbeddings(), entities);
    assertTableEquals(
        trained.model.relationEmbeddings(), readNpy(dir.resolve("relation_embeddings.npy")));
    // A file of one row: the header is padded all the same.
    Path single = dir.resolve("single.npy");
    Npy.writeFloat32(single, 1, 3, i -> new float[] {1.5f, -0f, Float.MIN_VALUE});
    assertArrayEquals(new float[] {1.5f, -0f, Float.MIN_VALUE}, readNpy(single)[0]);
  }

  @Test
  void mappingFilesAreThoseOfPyKeen(@TempDir Path dir) throws Exception {
    export("npy", dir);
    List<String> entities = gunzipLines(dir.resolve(ExportCommand.ENTITY_TO_ID));
    assertEquals("id\tlabel", entities.get(0));
    assertEquals(trained.dataset.numEntities() + 1, entities.size());
    for (int id = 0; id < trained.dataset.numEntities(); id++) {
      assertEquals(id + "\t" + trained.dataset.training().entityLabel(id), entities.get(id + 1));
    }
    List<String> relations = gunzipLines(dir.resolve(ExportCommand.RELATION_TO_ID));
    assertEquals("id\tlabel", relations.get(0));
    assertEquals("0\t" + trained.dataset.training().relationLabel(0), relations.get(1));
    assertEquals(trained.dataset.numRelations() + 1, relations.size());
  }

  @Test
  void tsvRowsReadBackToTheSameFloats(@TempDir Path dir) throws Exception {
    export("tsv", dir);
    for (EmbeddingTable table :
        List.of(trained.model.entityEmbeddings(), trained.model.relationEmbeddings())) {
      List<String> lines = Files.readAllLines(dir.resolve(table.name() + "_embeddings.tsv"));
      float[][] values = new float[lines.size()][];
      for (int i = 0; i < lines.size(); i++) {
        String[] cells = lines.get(i).split("\t");
        values[i] = new float[cells.length];
        for (int c = 0; c < cells.length; c++) {
          values[i][c] = Float.parseFloat(cells[c]);
        }
      }
      assertTableEquals(table, values);
    }
    assertTrue(Files.exists(dir.resolve(ExportCommand.ENTITY_TO_ID)));
  }

  @Test
  void defaultOutputIsTheRunsEmbeddingsDirectoryAndIsNotOverwritten() throws Exception {
    Path embeddings = trained.directory.resolve("embeddings");
    Cli.Run first = Cli.succeeds("export", trained.directory.toString(), "--overwrite");
    assertEquals(
        "wrote entity_embeddings.npy (271 x 12 float32), relation_embeddings.npy (17 x 12),"
            + " entity_to_id.tsv.gz and relation_to_id.tsv.gz to "
            + embeddings.toAbsolutePath().normalize()
            + "\n",
        first.out());
    Cli.Run again =
        Cli.usageError("export", trained.directory.resolve(OutputFiles.CHECKPOINT_FILE).toString());
    assertEquals(
        "kge4j: Invalid value for option '--output': "
            + embeddings.toAbsolutePath()
            + " already holds entity_embeddings.npy, relation_embeddings.npy, entity_to_id.tsv.gz,"
            + " relation_to_id.tsv.gz; pass --overwrite to replace them",
        again.err().lines().findFirst().orElseThrow());
    Cli.Run format = Cli.run("export", trained.directory.toString(), "--format", "csv");
    assertEquals(2, format.exitCode());
    assertEquals(
        "kge4j: Invalid value for option '--format': expected one of npy, tsv (case-insensitive),"
            + " got 'csv'",
        format.err().lines().findFirst().orElseThrow());
  }

  /**
   * Export, then load with NumPy ({@code scripts/check-export.py --dump}): the values NumPy reads
   * equal the checkpoint's. Skipped with the reason when python3 or NumPy is missing.
   */
  @Test
  void numpyLoadsWhatTheCheckpointHolds(@TempDir Path dir) throws Exception {
    Path script = Path.of("..", "scripts", "check-export.py").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isRegularFile(script), "no " + script);
    Assumptions.assumeTrue(
        run(List.of("python3", "-c", "import numpy")).exitCode == 0,
        "python3 with NumPy is not installed (apt-get install -y python3-numpy); skipping the"
            + " NumPy round trip");
    Path npy = dir.resolve("npy");
    Path tsv = dir.resolve("tsv");
    export("npy", npy);
    export("tsv", tsv);
    Result check =
        run(List.of("python3", script.toString(), npy.toString(), "--tsv", tsv.toString()));
    assertEquals(0, check.exitCode, check.output);
    assertEquals(
        "entity_embeddings.npy: 271 x 12 float32 OK, equals the .tsv\n"
            + "relation_embeddings.npy: 17 x 12 float32 OK, equals the .tsv\n",
        check.output);
    Result dump = run(List.of("python3", script.toString(), npy.toString(), "--dump"));
    assertEquals(0, dump.exitCode, dump.output);
    JsonNode tables = OutputFiles.json().readTree(dump.output);
    for (EmbeddingTable table :
        List.of(trained.model.entityEmbeddings(), trained.model.relationEmbeddings())) {
      JsonNode rows = tables.get(table.name());
      float[][] values = new float[rows.size()][];
      for (int i = 0; i < rows.size(); i++) {
        values[i] = new float[rows.get(i).size()];
        for (int c = 0; c < values[i].length; c++) {
          double exact = rows.get(i).get(c).doubleValue();
          values[i][c] = (float) exact;
          assertEquals(exact, values[i][c], 0.0, "NumPy's value is a float32");
        }
      }
      assertTableEquals(table, values);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    process.getInputStream().transferTo(out);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
    return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8));
  }
}
