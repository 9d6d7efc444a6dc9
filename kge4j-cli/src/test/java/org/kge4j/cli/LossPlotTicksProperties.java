package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** The axis ticks cover the data at an even step of 1, 2 or 5 times a power of ten. */
class LossPlotTicksProperties {

  @Property(tries = 500)
  void ticksCoverTheRangeAtANiceEvenStep(
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
      @ForAll @DoubleRange(min = 1e-6, max = 1e6) @Scale(8) double width,
      @ForAll @IntRange(min = 1, max = 12) int count) {
    double min = a;
    double max = a + width;
    double[] ticks = LossPlot.niceTicks(min, max, count);
    String shown = Arrays.toString(ticks);
    assertTrue(ticks.length >= 2, shown);
    double step = ticks[1] - ticks[0];
    // Up to rounding: a millionth of a step, or a few ulps where the range is tiny next to its
    // values.
    double tolerance = step * 1e-6 + 8 * Math.ulp(Math.max(Math.abs(min), Math.abs(max)));
    assertTrue(ticks[0] <= min + tolerance && ticks[ticks.length - 1] >= max - tolerance, shown);
    for (int i = 2; i < ticks.length; i++) {
      assertEquals(step, ticks[i] - ticks[i - 1], tolerance, shown);
    }
    double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-6));
    double slack = 10 * tolerance / step;
    assertTrue(
        Math.abs(mantissa - 1) < slack
            || Math.abs(mantissa - 2) < slack
            || Math.abs(mantissa - 5) < slack
            || Math.abs(mantissa - 10) < slack,
        "step " + step + " of " + shown);
    // At most one step more than asked at each end, so the data fills the axis.
    assertTrue(ticks.length - 1 <= 2 * count + 2, shown);
  }
}
