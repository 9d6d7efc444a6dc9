package org.kge4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * A one-line training progress bar on a terminal (usually standard error): epoch, bar, mean loss of
 * the last epoch, last validation MRR, training throughput as the training loop reports it
 * (positive triples per second of training, validation excluded), and the estimated time left.
 *
 * <p>The estimate is {@code elapsed · (1 − f) / f} with {@code f} the fraction of all planned
 * triples done and {@code elapsed} the wall-clock time since the bar started, validation included.
 * On a terminal the line is redrawn in place ({@code \r}) at most every 100 ms; when the stream is
 * not a terminal (a log file, a pipe) it prints a full line at about every twentieth epoch instead,
 * so that logs stay short.
 */
final class ProgressBar {

  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR_WIDTH = 24;

  private final PrintWriter out;
  private final Plan plan;
  private final boolean interactive;
  private final LongSupplier clock;
  private final long start;
  private long lastDraw = Long.MIN_VALUE;
  private int lastLineLength;
  private double lastLoss = Double.NaN;
  private double lastRate = Double.NaN;
  private OptionalDouble lastMrr = OptionalDouble.empty();

  /**
   * What a run plans to train, against which its progress is measured.
   *
   * @param firstEpoch the epoch this run starts with (greater than 1 when resuming)
   * @param totalEpochs the last planned epoch
   * @param triplesPerEpoch positive training triples in one epoch
   */
  record Plan(int firstEpoch, int totalEpochs, long triplesPerEpoch) {

    /** The epochs this run trains, {@code firstEpoch} to {@code totalEpochs}. */
    int epochs() {
      return totalEpochs - firstEpoch + 1;
    }

    /** The positives this run trains on, at least 1 (the denominator of the fraction done). */
    long triplesPlanned() {
      return Math.max(1, (long) epochs() * triplesPerEpoch);
    }

    /**
     * The positives this run has trained on once {@code triplesIntoEpoch} positives of {@code
     * epoch} are (at most one epoch's count).
     */
    long triplesDone(int epoch, long triplesIntoEpoch) {
      return (long) (epoch - firstEpoch) * triplesPerEpoch
          + Math.min(triplesIntoEpoch, triplesPerEpoch);
    }
  }

  /**
   * @param out where to draw
   * @param plan the epochs and triples the run plans
   * @param interactive redraw in place (a terminal) or print lines (a log)
   * @param clock nanosecond clock, {@code System::nanoTime} outside tests
   */
  ProgressBar(PrintWriter out, Plan plan, boolean interactive, LongSupplier clock) {
    this.out = out;
    this.plan = plan;
    this.interactive = interactive;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /**
   * Reports that {@code triplesDone} positives of {@code epoch} have been trained on, at {@code
   * triplesPerSecond} so far in this epoch.
   */
  void batch(int epoch, long triplesDone, double triplesPerSecond) {
    lastRate = triplesPerSecond;
    if (!interactive) {
      return;
    }
    long now = clock.getAsLong();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw(epoch, triplesDone, now);
    }
  }

  /**
   * Reports the end of {@code epoch} with its loss, its training throughput and, if evaluated, its
   * validation MRR.
   */
  void epoch(int epoch, double loss, double triplesPerSecond, OptionalDouble validationMrr) {
    lastLoss = loss;
    lastRate = triplesPerSecond;
    if (validationMrr.isPresent()) {
      lastMrr = validationMrr;
    }
    long now = clock.getAsLong();
    int every = Math.max(1, plan.epochs() / 20);
    if (interactive) {
      lastDraw = now;
      draw(epoch, plan.triplesPerEpoch(), now);
    } else if ((epoch - plan.firstEpoch() + 1) % every == 0
        || epoch == plan.totalEpochs()
        || validationMrr.isPresent()) {
      out.println(line(epoch, plan.triplesPerEpoch(), now));
      out.flush();
    }
  }

  /** Ends the redrawn line so that what follows starts on a fresh one. */
  void finish() {
    if (interactive && lastLineLength > 0) {
      out.println();
      out.flush();
      lastLineLength = 0;
    }
  }

  private void draw(int epoch, long triplesDone, long now) {
    String text = line(epoch, triplesDone, now);
    int pad = Math.max(0, lastLineLength - text.length());
    out.print("\r" + text + " ".repeat(pad));
    out.flush();
    lastLineLength = text.length();
  }

  /** The progress line for {@code triplesDone} positives into {@code epoch} at time {@code now}. */
  String line(int epoch, long triplesDone, long now) {
    long done = plan.triplesDone(epoch, triplesDone);
    double fraction = Math.min(1, Math.max(0, (double) done / plan.triplesPlanned()));
    double seconds = (now - start) / 1e9;
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    StringBuilder sb = new StringBuilder(120);
    int width = String.valueOf(plan.totalEpochs()).length();
    sb.append(String.format(Locale.ROOT, "epoch %" + width + "d/%d [", epoch, plan.totalEpochs()));
    sb.append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
    sb.append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)));
    if (!Double.isNaN(lastLoss)) {
      sb.append(String.format(Locale.ROOT, "  loss %.5g", lastLoss));
    }
    if (lastMrr.isPresent()) {
      sb.append(String.format(Locale.ROOT, "  val MRR %.3f", lastMrr.getAsDouble()));
    }
    if (Double.isFinite(lastRate) && lastRate > 0) {
      sb.append("  ").append(rate(lastRate)).append(" triples/s");
    }
    if (seconds > 0 && done > 0) {
      sb.append("  ETA ").append(duration(seconds * (1 - fraction) / fraction));
    }
    return sb.toString();
  }

  /** {@code 51234.0} → {@code "51.2k"}. */
  static String rate(double perSecond) {
    if (perSecond >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
    }
    if (perSecond >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", perSecond);
  }

  /** Seconds as {@code m:ss}, or {@code h:mm:ss} from one hour on. */
  static String duration(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
