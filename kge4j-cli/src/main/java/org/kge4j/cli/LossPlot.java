package org.kge4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the training history as a PNG with plain Java2D: the training loss per epoch against the
 * left axis and the validation MRR per evaluated epoch against the right axis (fixed to [0, 1], the
 * MRR's range), with ticks at "nice" steps (1, 2 or 5 times a power of ten), axis labels and a
 * legend.
 *
 * <p>Drawing needs no display: the image is an off-screen {@link BufferedImage}.
 */
public final class LossPlot {

  /** Width of the written PNG in pixels. */
  public static final int WIDTH = 900;

  /** Height of the written PNG in pixels. */
  public static final int HEIGHT = 540;

  private static final Color LOSS_COLOR = new Color(0x1f, 0x77, 0xb4);
  private static final Color MRR_COLOR = new Color(0xff, 0x7f, 0x0e);
  private static final Color GRID_COLOR = new Color(0xe6, 0xe6, 0xe6);
  private static final int LEFT = 80;
  private static final int RIGHT = 80;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final int TICK = 5;

  private LossPlot() {}

  /**
   * Writes the plot of {@code history} as a {@link #WIDTH} x {@link #HEIGHT} PNG to {@code png},
   * atomically (a temporary file in the same directory, then a move).
   *
   * @throws IllegalArgumentException if {@code history} is empty
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(List<EpochRecord> history, String title, Path png) {
    BufferedImage image = render(history, title, WIDTH, HEIGHT);
    OutputFiles.write(
        png,
        temporary -> {
          if (!ImageIO.write(image, "png", temporary.toFile())) {
            throw new IOException("no PNG writer available in this JVM");
          }
        });
  }

  /**
   * Renders the plot of {@code history} into a new RGB image of the given size.
   *
   * @throws IllegalArgumentException if {@code history} is empty or the size is below 200 x 150
   */
  public static BufferedImage render(
      List<EpochRecord> history, String title, int width, int height) {
    if (history.isEmpty()) {
      throw new IllegalArgumentException("cannot plot an empty training history (0 epochs)");
    }
    if (width < 200 || height < 150) {
      throw new IllegalArgumentException(
          "plot size must be at least 200 x 150 pixels, got " + width + " x " + height);
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      new Canvas(g, history, width, height).draw(title);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Tick positions covering {@code [min, max]} with about {@code count} steps of 1, 2 or 5 times a
   * power of ten; the first tick is at or below {@code min}, the last at or above {@code max} (to
   * within a millionth of a step, so that rounding never adds a tick). A zero-width range is
   * widened so that the axis still has extent.
   */
  static double[] niceTicks(double min, double max, int count) {
    if (!(max > min)) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      min -= pad;
      max += pad;
    }
    double step = niceStep((max - min) / Math.max(1, count));
    double first = Math.floor(min / step + 1e-9) * step;
    double last = Math.ceil(max / step - 1e-9) * step;
    int n = (int) Math.round((last - first) / step) + 1;
    double[] ticks = new double[n];
    for (int i = 0; i < n; i++) {
      ticks[i] = first + i * step;
    }
    return ticks;
  }

  /** The smallest of 1, 2, 5 (times a power of ten) that is at least {@code rough}. */
  private static double niceStep(double rough) {
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / power;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * power;
  }

  /** Shortest label that shows a tick's value at the tick step's precision. */
  private static String label(double value, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (Math.abs(value) < step * 1e-6) {
      value = 0;
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** The state of one drawing: plot area and the two value-to-pixel mappings. */
  private static final class Canvas {
    private final Graphics2D g;
    private final List<EpochRecord> history;
    private final int x0;
    private final int x1;
    private final int y0;
    private final int y1;
    private final double[] epochTicks;
    private final double[] lossTicks;
    private final boolean hasMrr;

    Canvas(Graphics2D g, List<EpochRecord> history, int width, int height) {
      this.g = g;
      this.history = history;
      this.x0 = LEFT;
      this.x1 = width - RIGHT;
      this.y0 = height - BOTTOM;
      this.y1 = TOP;
      int lastEpoch = history.get(history.size() - 1).epoch();
      int firstEpoch = history.get(0).epoch();
      double[] rawEpochTicks =
          niceTicks(
              firstEpoch - 1, lastEpoch, Math.min(10, Math.max(1, lastEpoch - firstEpoch + 1)));
      // Epochs are integers: a fractional step would label the same epoch twice.
      this.epochTicks =
          rawEpochTicks.length > 1 && rawEpochTicks[1] - rawEpochTicks[0] < 1
              ? integerTicks(firstEpoch - 1, lastEpoch)
              : rawEpochTicks;
      double minLoss = Double.POSITIVE_INFINITY;
      double maxLoss = Double.NEGATIVE_INFINITY;
      boolean anyMrr = false;
      for (EpochRecord record : history) {
        if (Double.isFinite(record.loss())) {
          minLoss = Math.min(minLoss, record.loss());
          maxLoss = Math.max(maxLoss, record.loss());
        }
        anyMrr |= record.validationMrr().isPresent();
      }
      if (minLoss > maxLoss) {
        minLoss = 0;
        maxLoss = 1;
      }
      // A loss that never goes below zero is read best against an axis that starts at zero.
      this.lossTicks = niceTicks(minLoss >= 0 ? 0 : minLoss, maxLoss, 6);
      this.hasMrr = anyMrr;
    }

    private static double[] integerTicks(int from, int to) {
      double[] ticks = new double[to - from + 1];
      for (int i = 0; i < ticks.length; i++) {
        ticks[i] = from + i;
      }
      return ticks;
    }

    double px(double epoch) {
      double lo = epochTicks[0];
      double hi = epochTicks[epochTicks.length - 1];
      return x0 + (epoch - lo) / (hi - lo) * (x1 - x0);
    }

    double pyLoss(double loss) {
      double lo = lossTicks[0];
      double hi = lossTicks[lossTicks.length - 1];
      return y0 - (loss - lo) / (hi - lo) * (y0 - y1);
    }

    double pyMrr(double mrr) {
      return y0 - mrr * (y0 - y1);
    }

    void draw(String title) {
      Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
      g.setFont(base);
      drawGridAndAxes();
      drawLoss();
      if (hasMrr) {
        drawMrr();
      }
      drawLegend();
      g.setColor(Color.BLACK);
      g.setFont(base.deriveFont(Font.BOLD, 16f));
      FontMetrics fm = g.getFontMetrics();
      g.drawString(title, (x0 + x1 - fm.stringWidth(title)) / 2, y1 - 18);
      g.setFont(base);
    }

    private void drawGridAndAxes() {
      FontMetrics fm = g.getFontMetrics();
      double epochStep = epochTicks.length > 1 ? epochTicks[1] - epochTicks[0] : 1;
      for (double tick : epochTicks) {
        int x = (int) Math.round(px(tick));
        g.setColor(GRID_COLOR);
        g.drawLine(x, y0, x, y1);
        g.setColor(Color.BLACK);
        g.drawLine(x, y0, x, y0 + TICK);
        String text = label(tick, Math.max(1, epochStep));
        g.drawString(text, x - fm.stringWidth(text) / 2, y0 + TICK + fm.getAscent() + 2);
      }
      double lossStep = lossTicks.length > 1 ? lossTicks[1] - lossTicks[0] : 1;
      for (double tick : lossTicks) {
        int y = (int) Math.round(pyLoss(tick));
        g.setColor(GRID_COLOR);
        g.drawLine(x0, y, x1, y);
        g.setColor(LOSS_COLOR);
        g.drawLine(x0 - TICK, y, x0, y);
        String text = label(tick, lossStep);
        g.drawString(text, x0 - TICK - 4 - fm.stringWidth(text), y + fm.getAscent() / 2 - 1);
      }
      if (hasMrr) {
        for (int i = 0; i <= 5; i++) {
          double tick = i / 5.0;
          int y = (int) Math.round(pyMrr(tick));
          g.setColor(MRR_COLOR);
          g.drawLine(x1, y, x1 + TICK, y);
          g.drawString(label(tick, 0.2), x1 + TICK + 4, y + fm.getAscent() / 2 - 1);
        }
      }
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1.2f));
      g.drawRect(x0, y1, x1 - x0, y0 - y1);
      String xLabel = "epoch";
      g.drawString(
          xLabel, (x0 + x1 - fm.stringWidth(xLabel)) / 2, y0 + TICK + 2 * fm.getHeight() + 6);
      g.setColor(LOSS_COLOR);
      drawVertical("training loss", 22, (y0 + y1) / 2);
      if (hasMrr) {
        g.setColor(MRR_COLOR);
        drawVertical("validation MRR", x1 + RIGHT - 16, (y0 + y1) / 2);
      }
    }

    /** Draws {@code text} rotated by -90° and centred vertically on {@code centreY}. */
    private void drawVertical(String text, int x, int centreY) {
      AffineTransform saved = g.getTransform();
      g.translate(x, centreY + g.getFontMetrics().stringWidth(text) / 2.0);
      g.rotate(-Math.PI / 2);
      g.drawString(text, 0, 0);
      g.setTransform(saved);
    }

    private void drawLoss() {
      Path2D.Double line = new Path2D.Double();
      boolean started = false;
      List<double[]> points = new ArrayList<>();
      for (EpochRecord record : history) {
        if (!Double.isFinite(record.loss())) {
          continue;
        }
        double x = px(record.epoch());
        double y = pyLoss(record.loss());
        points.add(new double[] {x, y});
        if (started) {
          line.lineTo(x, y);
        } else {
          line.moveTo(x, y);
          started = true;
        }
      }
      g.setColor(LOSS_COLOR);
      g.setStroke(new BasicStroke(2f));
      g.draw(line);
      // A single epoch has no line to show: mark the point itself.
      if (points.size() == 1) {
        double[] p = points.get(0);
        g.fill(new Ellipse2D.Double(p[0] - 4, p[1] - 4, 8, 8));
      }
    }

    private void drawMrr() {
      Path2D.Double line = new Path2D.Double();
      boolean started = false;
      g.setColor(MRR_COLOR);
      for (EpochRecord record : history) {
        if (record.validationMrr().isEmpty()) {
          continue;
        }
        double x = px(record.epoch());
        double y = pyMrr(record.validationMrr().getAsDouble());
        if (started) {
          line.lineTo(x, y);
        } else {
          line.moveTo(x, y);
          started = true;
        }
        g.fill(new Ellipse2D.Double(x - 3.5, y - 3.5, 7, 7));
      }
      g.setStroke(new BasicStroke(2f));
      g.draw(line);
    }

    private void drawLegend() {
      FontMetrics fm = g.getFontMetrics();
      String lossText = "training loss";
      String mrrText = "validation MRR";
      int rows = hasMrr ? 2 : 1;
      int textWidth = Math.max(fm.stringWidth(lossText), hasMrr ? fm.stringWidth(mrrText) : 0);
      int boxWidth = 30 + 8 + textWidth + 16;
      int rowHeight = fm.getHeight() + 4;
      int boxHeight = rows * rowHeight + 8;
      int bx = x1 - boxWidth - 10;
      int by = y1 + 10;
      g.setColor(new Color(255, 255, 255, 230));
      g.fillRect(bx, by, boxWidth, boxHeight);
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(bx, by, boxWidth, boxHeight);
      int rowY = by + 4 + rowHeight / 2;
      legendRow(bx + 8, rowY, LOSS_COLOR, lossText, false);
      if (hasMrr) {
        legendRow(bx + 8, rowY + rowHeight, MRR_COLOR, mrrText, true);
      }
    }

    private void legendRow(int x, int y, Color color, String text, boolean marker) {
      g.setColor(color);
      g.setStroke(new BasicStroke(2f));
      g.drawLine(x, y, x + 30, y);
      if (marker) {
        g.fill(new Ellipse2D.Double(x + 15 - 3.5, y - 3.5, 7, 7));
      }
      g.setColor(Color.BLACK);
      g.drawString(text, x + 38, y + g.getFontMetrics().getAscent() / 2 - 1);
    }
  }
}
