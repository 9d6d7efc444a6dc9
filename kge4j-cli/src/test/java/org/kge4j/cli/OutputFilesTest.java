package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

  @Test
  void lossesTsvHasAHeaderAndOneRowPerEpoch(@TempDir Path dir) throws Exception {
    Path tsv = dir.resolve(OutputFiles.LOSSES_TSV);
    OutputFiles.writeLossesTsv(
        List.of(EpochRecord.of(1, 0.5), EpochRecord.of(2, 0.25, 0.125)), tsv);
    assertEquals(
        List.of("epoch\tloss\tvalidation_mrr", "1\t0.500000000\t", "2\t0.250000000\t0.125000000"),
        Files.readAllLines(tsv));
  }

  @Test
  void jsonRoundTripsAndKeepsKeyOrder(@TempDir Path dir) throws Exception {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("b", 1.5);
    document.put("a", Map.of("x", List.of(1, 2)));
    Path file = dir.resolve("r.json");
    OutputFiles.writeJson(document, file);
    JsonNode node = Cli.json(file);
    assertEquals(List.of("b", "a"), iterator(node));
    assertEquals(1.5, node.get("b").asDouble());
    assertEquals(2, node.get("a").get("x").get(1).asInt());
  }

  @Test
  void epochRecordsRejectImpossibleValues() {
    IllegalArgumentException epoch =
        assertThrows(IllegalArgumentException.class, () -> EpochRecord.of(0, 1));
    assertEquals("epoch must be >= 1, got 0", epoch.getMessage());
    IllegalArgumentException mrr =
        assertThrows(IllegalArgumentException.class, () -> EpochRecord.of(1, 1, 1.5));
    assertEquals("validation MRR must be in [0, 1], got 1.5", mrr.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new EpochRecord(1, 1, null));
    assertEquals(OptionalDouble.empty(), EpochRecord.of(3, 1).validationMrr());
  }

  private static List<String> iterator(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
