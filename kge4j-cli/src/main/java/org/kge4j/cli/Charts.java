package org.kge4j.cli;

import java.awt.Color;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The look of kge4j's charts and their PNG output, on XChart: one place for the style that the
 * training plot ({@link LossPlot}) and other plots (e.g. of hyper-parameter studies) share.
 *
 * <p>Charts are drawn off-screen and need no display.
 */
public final class Charts {

  /** Default width of a written PNG in pixels. */
  public static final int WIDTH = 900;

  /** Default height of a written PNG in pixels. */
  public static final int HEIGHT = 540;

  /** The first series colour (matplotlib's "tab:blue"). */
  public static final Color BLUE = new Color(0x1f, 0x77, 0xb4);

  /** The second series colour (matplotlib's "tab:orange"). */
  public static final Color ORANGE = new Color(0xff, 0x7f, 0x0e);

  private Charts() {}

  /**
   * An empty line chart in kge4j's style: white background, light grid, legend inside the top right
   * corner, series coloured {@link #BLUE}, {@link #ORANGE}, then XChart's defaults.
   *
   * @throws IllegalArgumentException if the size is below 200 x 150 pixels
   */
  public static XYChart lineChart(
      String title, String xAxisTitle, String yAxisTitle, int width, int height) {
    if (width < 200 || height < 150) {
      throw new IllegalArgumentException(
          "chart size must be at least 200 x 150 pixels, got " + width + " x " + height);
    }
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xAxisTitle)
            .yAxisTitle(yAxisTitle)
            .build();
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(true);
    styler.setPlotGridLinesColor(new Color(0xe6, 0xe6, 0xe6));
    styler.setLegendPosition(Styler.LegendPosition.InsideNE);
    styler.setSeriesColors(
        new Color[] {BLUE, ORANGE, new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28)});
    styler.setAntiAlias(true);
    return chart;
  }

  /**
   * Writes {@code chart} as a PNG to {@code png}, atomically (a temporary file in the same
   * directory, then a move).
   *
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void writePng(Chart<?, ?> chart, Path png) {
    OutputFiles.write(
        png,
        temporary -> {
          try (OutputStream out = Files.newOutputStream(temporary)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
          }
        });
  }
}
