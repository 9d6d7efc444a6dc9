package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossPlotTest {

  private static final int LOSS_RGB = 0x1f77b4;
  private static final int MRR_RGB = 0xff7f0e;

  @Test
  void niceTicksUseOneTwoFiveSteps() {
    assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, LossPlot.niceTicks(0, 100, 5), 1e-12);
    assertArrayEquals(new double[] {0, 0.1, 0.2, 0.3, 0.4}, LossPlot.niceTicks(0, 0.37, 4), 1e-12);
    assertArrayEquals(new double[] {-5, 0, 5, 10}, LossPlot.niceTicks(-3, 7.5, 3), 1e-12);
  }

  @Test
  void niceTicksWidenAZeroRange() {
    double[] ticks = LossPlot.niceTicks(2, 2, 4);
    assertTrue(ticks[0] < 2 && ticks[ticks.length - 1] > 2, () -> Arrays.toString(ticks));
  }

  @Test
  void writesADecodablePngOfTheDocumentedSize(@TempDir Path dir) throws Exception {
    List<EpochRecord> history = new ArrayList<>();
    for (int epoch = 1; epoch <= 30; epoch++) {
      double loss = 1.0 / epoch;
      history.add(
          epoch % 10 == 0
              ? EpochRecord.of(epoch, loss, epoch / 40.0)
              : EpochRecord.of(epoch, loss));
    }
    Path png = dir.resolve("plot.png");
    LossPlot.write(history, "DistMult on nations", png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(LossPlot.WIDTH, image.getWidth());
    assertEquals(LossPlot.HEIGHT, image.getHeight());
    assertTrue(countColor(image, LOSS_RGB) > 100, "the loss curve is drawn in its colour");
    assertTrue(countColor(image, MRR_RGB) > 50, "the MRR markers are drawn in their colour");
    try (var files = Files.list(dir)) {
      assertEquals(List.of(png), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void withoutValidationThereIsNoMrrSeries() {
    List<EpochRecord> history = List.of(EpochRecord.of(1, 0.9), EpochRecord.of(2, 0.5));
    BufferedImage image = LossPlot.render(history, "t", 400, 300);
    assertTrue(countColor(image, LOSS_RGB) > 20);
    assertEquals(0, countColor(image, MRR_RGB));
  }

  @Test
  void aSingleEpochIsMarked() {
    BufferedImage image = LossPlot.render(List.of(EpochRecord.of(1, 0.25)), "one", 400, 300);
    assertNotEquals(0, countColor(image, LOSS_RGB));
  }

  @Test
  void rejectsAnEmptyHistoryAndATinyImage() {
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class, () -> LossPlot.render(List.of(), "x", 400, 300));
    assertTrue(empty.getMessage().contains("0 epochs"), empty.getMessage());
    IllegalArgumentException tiny =
        assertThrows(
            IllegalArgumentException.class,
            () -> LossPlot.render(List.of(EpochRecord.of(1, 1)), "x", 100, 300));
    assertTrue(tiny.getMessage().contains("100 x 300"), tiny.getMessage());
  }

  private static int countColor(BufferedImage image, int rgb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          count++;
        }
      }
    }
    return count;
  }
}
