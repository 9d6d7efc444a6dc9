package org.kge4j.hpo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.TrialState;

class TrialsTableTest {

  @Test
  void oneRowPerTrialWithAColumnPerParameterAndEmptyCellsForWhatATrialLacks() {
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    FrozenTrial complete =
        new FrozenTrial(
            0,
            TrialState.COMPLETE,
            OptionalDouble.of(0.1 + 0.2),
            Map.of("optimizer.lr", 0.01),
            Map.of("optimizer.lr", new FloatParameter("optimizer.lr", 0.001, 0.1, true)),
            new TreeMap<>(Map.of(10, 0.25)),
            Optional.of(start),
            Optional.of(start.plusMillis(1500)),
            Optional.empty(),
            Map.of("best_epoch", "10"),
            Map.of());
    FrozenTrial failed =
        new FrozenTrial(
            1,
            TrialState.FAIL,
            OptionalDouble.empty(),
            Map.of("model.embedding_dim", 64),
            Map.of(
                "model.embedding_dim", new IntParameter("model.embedding_dim", 16, 256, 16, false)),
            new TreeMap<>(),
            Optional.of(start),
            Optional.empty(),
            Optional.of("invalid\tsample\nhere"),
            Map.of(),
            Map.of());
    List<List<String>> rows = TrialsTable.of(List.of(complete, failed));
    assertEquals(
        List.of(
            "number",
            "state",
            "value",
            "datetime_start",
            "datetime_complete",
            "duration",
            "params_optimizer.lr",
            "params_model.embedding_dim",
            "user_attrs_best_epoch",
            "fail_message"),
        rows.get(0));
    assertEquals(
        List.of(
            "0",
            "COMPLETE",
            "0.30000000000000004",
            "2026-12-01T10:00:00Z",
            "2026-12-01T10:00:01.500Z",
            "1.5",
            "0.01",
            "",
            "10",
            ""),
        rows.get(1));
    assertEquals(
        List.of(
            "1", "FAIL", "", "2026-12-01T10:00:00Z", "", "", "", "64", "", "invalid sample here"),
        rows.get(2));
    assertEquals(3, TrialsTable.toTsv(List.of(complete, failed)).split("\n").length);
  }
}
