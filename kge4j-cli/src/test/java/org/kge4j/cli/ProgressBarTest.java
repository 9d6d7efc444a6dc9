package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  /** A bar that draws into {@code bytes} on the test's clock {@code now}. */
  private static ProgressBar bar(
      StringWriter bytes, ProgressBar.Plan plan, boolean interactive, AtomicLong now) {
    return new ProgressBar(new PrintWriter(bytes, true), plan, interactive, now::get);
  }

  @Test
  void lineShowsEpochLossMrrThroughputAndEta() {
    AtomicLong now = new AtomicLong(0);
    StringWriter bytes = new StringWriter();
    ProgressBar bar = bar(bytes, new ProgressBar.Plan(1, 4, 1000), true, now);
    now.set(2_000_000_000L); // 2 s for the first epoch's 1000 triples
    bar.epoch(1, 0.5, 750, OptionalDouble.of(0.25));
    String line = bar.line(1, 1000, now.get());
    assertTrue(line.startsWith("epoch 1/4 [######..................]  25%"), line);
    assertTrue(line.contains("loss 0.50000"), line);
    assertTrue(line.contains("val MRR 0.250"), line);
    assertTrue(line.contains("750 triples/s"), "the loop's training throughput: " + line);
    // 3000 triples left at the 500/s of wall-clock progress so far.
    assertTrue(line.endsWith("ETA 0:06"), line);
    assertTrue(bytes.toString().startsWith("\r"), "redrawn in place");
  }

  @Test
  void aLogGetsFullLinesAtAboutEveryTwentiethEpoch() {
    AtomicLong now = new AtomicLong(0);
    StringWriter bytes = new StringWriter();
    ProgressBar bar = bar(bytes, new ProgressBar.Plan(1, 100, 10), false, now);
    for (int epoch = 1; epoch <= 100; epoch++) {
      now.addAndGet(1_000_000L);
      bar.batch(epoch, 5, 1000);
      bar.epoch(epoch, 1.0 / epoch, 1000, OptionalDouble.empty());
    }
    bar.finish();
    String log = bytes.toString();
    assertFalse(log.contains("\r"), "no carriage returns in a log");
    assertEquals(20, log.lines().count(), log);
    assertTrue(
        log.lines()
            .reduce((a, b) -> b)
            .orElseThrow()
            .startsWith("epoch 100/100 [########################] 100%"));
  }

  @Test
  void resumedRunsCountProgressFromTheirFirstEpoch() {
    ProgressBar bar =
        bar(new StringWriter(), new ProgressBar.Plan(51, 100, 10), true, new AtomicLong(0));
    assertTrue(bar.line(51, 0, 0).contains("   0%"), bar.line(51, 0, 0));
    assertTrue(bar.line(75, 10, 0).contains("  50%"), bar.line(75, 10, 0));
  }

  @Test
  void ratesAndDurationsAreCompact() {
    assertEquals("950", ProgressBar.rate(950));
    assertEquals("51.2k", ProgressBar.rate(51_234));
    assertEquals("1.50M", ProgressBar.rate(1_500_000));
    assertEquals("0:07", ProgressBar.duration(7.4));
    assertEquals("2:05", ProgressBar.duration(125));
    assertEquals("1:01:01", ProgressBar.duration(3661));
  }
}
