package org.kge4j.hpo.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kge4j.config.ConfigurationException;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.PowerTwoParameter;

class KwargsRangeTest {

  @Test
  void aFloatRangeDeclaredWithScaleLogIsSampledOnTheLogScaleUnlikePyKeen() {
    SearchDimension d =
        KwargsRange.parse(
            "optimizer", "lr", Map.of("type", "float", "low", 1e-3, "high", 1e-1, "scale", "log"));
    assertEquals(new FloatParameter("optimizer.lr", 1e-3, 1e-1, true), d.parameter());
    assertEquals(ValueSource.USER_RANGE, d.source());
  }

  @Test
  void intRangesTakeStepOrQAndPowerTwoTakesExponents() {
    assertEquals(
        new IntParameter("model.embedding_dim", 16, 256, 16, false),
        KwargsRange.parse(
                "model", "embedding_dim", Map.of("type", "int", "low", 16, "high", 256, "q", 16))
            .parameter());
    assertEquals(
        new PowerTwoParameter("training.batch_size", 4, 12),
        KwargsRange.parse(
                "training",
                "batch_size",
                Map.of("type", "int", "low", 4, "high", 12, "scale", "power_two"))
            .parameter());
  }

  @Test
  void categoricalChoicesKeepTheirJsonTypes() {
    SearchDimension d =
        KwargsRange.parse(
            "model", "embedding_dim", Map.of("type", "categorical", "choices", List.of(32, 64)));
    assertEquals(
        new CategoricalParameter("model.embedding_dim", List.of("32", "64")), d.parameter());
    assertEquals(64, d.toKwarg("64"));
    SearchDimension bool =
        KwargsRange.parse("negative_sampler", "filtered", Map.of("type", "bool"));
    assertEquals(Boolean.TRUE, bool.toKwarg("true"));
  }

  @Test
  void badRangesNameTheKeyAndWhatIsAllowed() {
    assertEquals(
        "model_kwargs_ranges.embedding_dim.type must be one of int, float, categorical, bool, got"
            + " 'integer'",
        message("model", "embedding_dim", Map.of("type", "integer", "low", 1, "high", 2)));
    assertEquals(
        "optimizer_kwargs_ranges.lr.step is not supported for float ranges; use type int or a"
            + " categorical list of values",
        message("optimizer", "lr", Map.of("type", "float", "low", 0.1, "high", 0.2, "step", 0.1)));
    assertEquals(
        "optimizer_kwargs_ranges.lr.low must be > 0 on a log scale, got 0.0",
        message("optimizer", "lr", Map.of("type", "float", "low", 0.0, "high", 0.2, "log", true)));
    assertEquals(
        "model_kwargs_ranges.embedding_dim.lo is not a range key; supported: base, choices, high,"
            + " log, low, q, scale, step, type",
        message("model", "embedding_dim", Map.of("type", "int", "lo", 1, "high", 2)));
    assertEquals(
        "model_kwargs_ranges.embedding_dim needs low <= high, got low 8, high 4",
        message("model", "embedding_dim", Map.of("type", "int", "low", 8, "high", 4)));
  }

  private static String message(String component, String key, Map<String, Object> spec) {
    return assertThrows(ConfigurationException.class, () -> KwargsRange.parse(component, key, spec))
        .getMessage();
  }
}
