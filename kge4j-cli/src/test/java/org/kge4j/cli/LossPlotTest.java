package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LossPlotTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static List<EpochRecord> thirtyEpochsEvaluatedEveryTenth() {
    List<EpochRecord> history = new ArrayList<>();
    for (int epoch = 1; epoch <= 30; epoch++) {
      double loss = 1.0 / epoch;
      history.add(
          epoch % 10 == 0
              ? EpochRecord.of(epoch, loss, epoch / 40.0)
              : EpochRecord.of(epoch, loss));
    }
    return history;
  }

  @Test
  void writesAPngOfTheDocumentedSizeAtomically(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("losses.png");
    LossPlot.write(thirtyEpochsEvaluatedEveryTenth(), "DistMult on nations", png);
    byte[] bytes = Files.readAllBytes(png);
    for (int i = 0; i < PNG_SIGNATURE.length; i++) {
      assertEquals(PNG_SIGNATURE[i], bytes[i], "PNG signature byte " + i);
    }
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(Charts.WIDTH, image.getWidth());
    assertEquals(Charts.HEIGHT, image.getHeight());
    assertTrue(countColor(image, Charts.BLUE.getRGB()) > 100, "the loss curve is drawn in blue");
    assertTrue(countColor(image, Charts.ORANGE.getRGB()) > 50, "the MRR markers are drawn");
    try (var files = Files.list(dir)) {
      assertEquals(List.of(png), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void seriesHoldEveryEpochAndTheEvaluatedOnes() {
    XYChart chart = LossPlot.chart(thirtyEpochsEvaluatedEveryTenth(), "t", 400, 300);
    assertEquals("epoch", chart.getXAxisTitle());
    assertEquals("training loss", chart.getYAxisTitle());
    assertEquals("validation MRR", chart.getYAxisGroupTitle(1));
    XYSeries loss = chart.getSeriesMap().get(LossPlot.LOSS);
    assertEquals(30, loss.getXData().length);
    assertEquals(1.0, loss.getYData()[0]);
    assertEquals(1.0 / 30, loss.getYData()[29], 1e-15);
    XYSeries mrr = chart.getSeriesMap().get(LossPlot.VALIDATION_MRR);
    assertEquals(List.of(10.0, 20.0, 30.0), boxed(mrr.getXData()));
    assertEquals(List.of(0.25, 0.5, 0.75), boxed(mrr.getYData()));
    assertEquals(1, mrr.getYAxisGroup(), "the MRR has its own axis");
    assertEquals(0.0, chart.getStyler().getYAxisMin(1));
    assertEquals(1.0, chart.getStyler().getYAxisMax(1));
  }

  @Test
  void withoutValidationThereIsNoMrrSeries() {
    XYChart chart =
        LossPlot.chart(List.of(EpochRecord.of(1, 0.9), EpochRecord.of(2, 0.5)), "t", 400, 300);
    assertEquals(List.of(LossPlot.LOSS), List.copyOf(chart.getSeriesMap().keySet()));
    BufferedImage image = org.knowm.xchart.BitmapEncoder.getBufferedImage(chart);
    assertTrue(countColor(image, Charts.BLUE.getRGB()) > 20);
    assertEquals(0, countColor(image, Charts.ORANGE.getRGB()));
  }

  @Test
  void aSingleEpochIsMarked() {
    XYChart chart = LossPlot.chart(List.of(EpochRecord.of(1, 0.25)), "one", 400, 300);
    BufferedImage image = org.knowm.xchart.BitmapEncoder.getBufferedImage(chart);
    assertFalse(countColor(image, Charts.BLUE.getRGB()) == 0, "the single point is visible");
  }

  @Test
  void rejectsAnEmptyHistoryAndATinyImage() {
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class, () -> LossPlot.chart(List.of(), "x", 400, 300));
    assertEquals("cannot plot an empty training history (0 epochs)", empty.getMessage());
    IllegalArgumentException tiny =
        assertThrows(
            IllegalArgumentException.class,
            () -> LossPlot.chart(List.of(EpochRecord.of(1, 1)), "x", 100, 300));
    assertEquals("chart size must be at least 200 x 150 pixels, got 100 x 300", tiny.getMessage());
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(v);
    }
    return list;
  }

  private static int countColor(BufferedImage image, int argb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (argb & 0xffffff)) {
          count++;
        }
      }
    }
    return count;
  }
}
