package org.kge4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training history as a chart ({@code losses.png}): the training loss per epoch against the
 * left axis and the validation MRR of every evaluated epoch against the right axis, fixed to [0,
 * 1], the MRR's range.
 */
public final class LossPlot {

  /** Title of the x axis. */
  public static final String EPOCH_AXIS = "epoch";

  /** Title of the left axis and name of the loss series. */
  public static final String LOSS = "training loss";

  /** Title of the right axis and name of the MRR series. */
  public static final String VALIDATION_MRR = "validation MRR";

  private LossPlot() {}

  /**
   * Writes the chart of {@code history} as a {@link Charts#WIDTH} x {@link Charts#HEIGHT} PNG to
   * {@code png}, atomically.
   *
   * @throws IllegalArgumentException if {@code history} is empty
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void write(List<EpochRecord> history, String title, Path png) {
    Charts.writePng(chart(history, title, Charts.WIDTH, Charts.HEIGHT), png);
  }

  /**
   * The chart of {@code history}: series {@value #LOSS} (every epoch) and, when any epoch was
   * evaluated, {@value #VALIDATION_MRR} on the right axis (y-axis group 1).
   *
   * @throws IllegalArgumentException if {@code history} is empty or the size is below 200 x 150
   */
  public static XYChart chart(List<EpochRecord> history, String title, int width, int height) {
    if (history.isEmpty()) {
      throw new IllegalArgumentException("cannot plot an empty training history (0 epochs)");
    }
    XYChart chart = Charts.lineChart(title, EPOCH_AXIS, LOSS, width, height);
    List<Integer> epochs = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<Integer> evaluated = new ArrayList<>();
    List<Double> mrrs = new ArrayList<>();
    for (EpochRecord record : history) {
      epochs.add(record.epoch());
      losses.add(record.loss());
      if (record.validationMrr().isPresent()) {
        evaluated.add(record.epoch());
        mrrs.add(record.validationMrr().getAsDouble());
      }
    }
    XYSeries loss = chart.addSeries(LOSS, epochs, losses);
    // A single epoch has no line to draw: mark it.
    loss.setMarker(history.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    if (!mrrs.isEmpty()) {
      XYSeries mrr = chart.addSeries(VALIDATION_MRR, evaluated, mrrs);
      mrr.setMarker(SeriesMarkers.CIRCLE);
      mrr.setYAxisGroup(1);
      chart.setYAxisGroupTitle(1, VALIDATION_MRR);
      chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
      chart.getStyler().setYAxisMin(1, 0.0);
      chart.getStyler().setYAxisMax(1, 1.0);
    }
    chart.getStyler().setXAxisDecimalPattern("#");
    return chart;
  }
}
