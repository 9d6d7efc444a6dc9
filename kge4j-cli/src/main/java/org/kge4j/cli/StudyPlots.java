package org.kge4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.HpoParameter;
import org.kge4j.hpo.NumericParameter;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.StudyDirection;
import org.kge4j.hpo.study.TrialState;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG plots of a study, drawn with XChart as Optuna's visualisation module draws them:
 *
 * <ul>
 *   <li>{@value #HISTORY}: every complete trial's value by trial number, and the best value so far;
 *   <li>{@value #INTERMEDIATE}: each trial's intermediate values (the validation metric) by epoch,
 *       complete trials in blue, pruned ones in grey;
 *   <li>{@value #PARALLEL}: parallel coordinates of the complete trials, one vertical axis per
 *       parameter (its position on the parameter's sampling scale, 0 = low end, 1 = high end;
 *       categorical choices evenly spaced) and a last axis for the value (0 = worst, 1 = best),
 *       each trial a line coloured from light (worst) to dark red (best);
 *   <li>{@value #IMPORTANCE}: the parameter importances of {@link
 *       org.kge4j.hpo.pipeline.ParameterImportance} as bars.
 * </ul>
 *
 * A plot without anything to show (no complete trial, no intermediate value, no parameter) is not
 * written. Files are written atomically. Kept apart from {@link LossPlot} so that the two can share
 * one XChart style later.
 */
final class StudyPlots {

  /** Optimisation history. */
  static final String HISTORY = "optimization_history.png";

  /** Intermediate values. */
  static final String INTERMEDIATE = "intermediate_values.png";

  /** Parallel coordinates. */
  static final String PARALLEL = "parallel_coordinates.png";

  /** Parameter importances. */
  static final String IMPORTANCE = "param_importances.png";

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 600;
  private static final Color COMPLETE = new Color(0x1f, 0x77, 0xb4);
  private static final Color PRUNED = new Color(0x99, 0x99, 0x99);
  private static final Color BEST = new Color(0xd6, 0x27, 0x28);

  private StudyPlots() {}

  /**
   * Writes the plots that have data into {@code directory}.
   *
   * @param parameters the searched parameters by name (their ranges scale the parallel axes)
   * @param importance the parameter importances, largest first
   * @return the files written
   */
  static List<Path> write(
      Path directory,
      List<FrozenTrial> trials,
      Map<String, HpoParameter> parameters,
      Map<String, Double> importance,
      String metric,
      StudyDirection direction) {
    List<Path> written = new ArrayList<>();
    List<FrozenTrial> complete =
        trials.stream()
            .filter(t -> t.state() == TrialState.COMPLETE && t.value().isPresent())
            .toList();
    if (!complete.isEmpty()) {
      written.add(save(history(complete, metric, direction), directory.resolve(HISTORY)));
    }
    if (trials.stream().anyMatch(t -> !t.intermediateValues().isEmpty())) {
      written.add(save(intermediate(trials, metric), directory.resolve(INTERMEDIATE)));
    }
    if (!complete.isEmpty() && !parameters.isEmpty()) {
      written.add(
          save(parallel(complete, parameters, metric, direction), directory.resolve(PARALLEL)));
    }
    if (!importance.isEmpty()) {
      written.add(save(importance(importance), directory.resolve(IMPORTANCE)));
    }
    return written;
  }

  private static XYChart history(
      List<FrozenTrial> complete, String metric, StudyDirection direction) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Optimization history")
            .xAxisTitle("trial")
            .yAxisTitle("validation " + metric)
            .build();
    double[] x = new double[complete.size()];
    double[] y = new double[complete.size()];
    double[] best = new double[complete.size()];
    double bestSoFar = Double.NaN;
    for (int i = 0; i < complete.size(); i++) {
      FrozenTrial t = complete.get(i);
      x[i] = t.number();
      y[i] = t.value().getAsDouble();
      bestSoFar = Double.isNaN(bestSoFar) ? y[i] : better(direction, bestSoFar, y[i]);
      best[i] = bestSoFar;
    }
    XYSeries values = chart.addSeries("objective value", x, y);
    values.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    values.setMarker(SeriesMarkers.CIRCLE);
    values.setMarkerColor(COMPLETE);
    XYSeries bestLine = chart.addSeries("best value", x, best);
    bestLine.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    bestLine.setMarker(SeriesMarkers.NONE);
    bestLine.setLineColor(BEST);
    bestLine.setLineStyle(SeriesLines.SOLID);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisDecimalPattern("0.000");
    return chart;
  }

  private static double better(StudyDirection direction, double a, double b) {
    return direction == StudyDirection.MAXIMIZE ? Math.max(a, b) : Math.min(a, b);
  }

  private static XYChart intermediate(List<FrozenTrial> trials, String metric) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Intermediate values (complete: blue, pruned: grey)")
            .xAxisTitle("epoch")
            .yAxisTitle("validation " + metric)
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setYAxisDecimalPattern("0.000");
    for (FrozenTrial t : trials) {
      if (t.intermediateValues().isEmpty()) {
        continue;
      }
      double[] x =
          t.intermediateValues().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
      double[] y =
          t.intermediateValues().values().stream().mapToDouble(Double::doubleValue).toArray();
      XYSeries series = chart.addSeries("trial " + t.number(), x, y);
      series.setMarker(x.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      series.setLineStyle(SeriesLines.SOLID);
      Color color = t.state() == TrialState.PRUNED ? PRUNED : COMPLETE;
      series.setLineColor(color);
      series.setMarkerColor(color);
    }
    return chart;
  }

  private static XYChart parallel(
      List<FrozenTrial> complete,
      Map<String, HpoParameter> parameters,
      String metric,
      StudyDirection direction) {
    List<String> names = new ArrayList<>(parameters.keySet());
    List<String> labels = new ArrayList<>(names);
    labels.add("value");
    XYChart chart =
        new XYChartBuilder()
            .width(Math.max(WIDTH, 110 * labels.size()))
            .height(HEIGHT)
            .title("Parallel coordinates (dark red: best validation " + metric + ")")
            .yAxisTitle("position in range (0 = low, 1 = high)")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisMin(-0.5);
    chart.getStyler().setXAxisMax(labels.size() - 0.5);
    chart.getStyler().setYAxisMin(-0.14);
    chart.getStyler().setYAxisMax(1.05);
    chart.getStyler().setXAxisTicksVisible(false);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    // one vertical axis per parameter, named below it (alternating heights so names do not collide)
    for (int i = 0; i < labels.size(); i++) {
      chart.addAnnotation(new AnnotationLine(i, true, false));
      chart.addAnnotation(new AnnotationText(labels.get(i), i, i % 2 == 0 ? -0.05 : -0.11, false));
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (FrozenTrial t : complete) {
      low = Math.min(low, t.value().getAsDouble());
      high = Math.max(high, t.value().getAsDouble());
    }
    List<FrozenTrial> ordered = new ArrayList<>(complete);
    // worst first, so that the best lines are drawn on top
    double lo = low;
    double span = high - low;
    ordered.sort(
        (a, b) -> Double.compare(quality(a, lo, span, direction), quality(b, lo, span, direction)));
    for (FrozenTrial t : ordered) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        OptionalDouble position =
            position(parameters.get(names.get(i)), t.params().get(names.get(i)));
        if (position.isPresent()) {
          xs.add((double) i);
          ys.add(position.getAsDouble());
        }
      }
      double quality = quality(t, lo, span, direction);
      xs.add((double) names.size());
      ys.add(quality);
      XYSeries series =
          chart.addSeries(
              "trial " + t.number(),
              xs.stream().mapToDouble(Double::doubleValue).toArray(),
              ys.stream().mapToDouble(Double::doubleValue).toArray());
      series.setMarker(SeriesMarkers.NONE);
      series.setLineColor(shade(quality));
      series.setLineStyle(new BasicStroke(1.5f));
    }
    return chart;
  }

  /** 0 for the worst value, 1 for the best (0.5 when all are equal). */
  private static double quality(FrozenTrial t, double low, double span, StudyDirection direction) {
    if (!(span > 0)) {
      return 0.5;
    }
    double q = (t.value().getAsDouble() - low) / span;
    return direction == StudyDirection.MAXIMIZE ? q : 1 - q;
  }

  /** From light pink (0) to dark red (1). */
  private static Color shade(double q) {
    int r = (int) Math.round(250 - q * (250 - 165));
    int g = (int) Math.round(210 - q * 210);
    int b = (int) Math.round(210 - q * (210 - 30));
    return new Color(r, g, b);
  }

  /** A value's position on its parameter's scale in [0, 1]; empty if the trial lacks it. */
  private static OptionalDouble position(HpoParameter parameter, Object value) {
    if (value == null || parameter == null) {
      return OptionalDouble.empty();
    }
    if (parameter instanceof NumericParameter n) {
      double span = n.scaleHigh() - n.scaleLow();
      double x = n.toScale(((Number) value).doubleValue());
      return OptionalDouble.of(
          span > 0 ? Math.max(0, Math.min(1, (x - n.scaleLow()) / span)) : 0.5);
    }
    List<String> choices = ((CategoricalParameter) parameter).choices();
    int i = choices.indexOf(String.valueOf(value));
    return i < 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(choices.size() == 1 ? 0.5 : (double) i / (choices.size() - 1));
  }

  private static CategoryChart importance(Map<String, Double> importance) {
    boolean none = importance.values().stream().allMatch(v -> v == 0);
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                "Parameter importances (first-order variance decomposition, epsilon squared)"
                    + (none
                        ? ": none measurable yet (too few or too similar complete trials)"
                        : ""))
            .xAxisTitle("parameter")
            .yAxisTitle("share of explained variance")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(none ? 1.0 : null);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    List<String> names = new ArrayList<>(importance.keySet());
    List<Double> values = new ArrayList<>(importance.values());
    chart.addSeries("importance", names, values).setFillColor(COMPLETE);
    return chart;
  }

  private static Path save(Chart<?, ?> chart, Path file) {
    Charts.writePng(chart, file);
    return file;
  }
}
