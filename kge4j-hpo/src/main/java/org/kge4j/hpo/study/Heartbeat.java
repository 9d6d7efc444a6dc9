package org.kge4j.hpo.study;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A worker's sign of life, as Optuna's RDB heartbeat: while a trial runs, its worker refreshes the
 * trial's heartbeat timestamp every {@code interval}; any worker that finds a {@code RUNNING} trial
 * whose heartbeat is older than {@code grace} marks it {@code FAIL} (its worker died, e.g. killed
 * with {@code kill -9}). The grace must exceed the interval.
 *
 * @param interval how often a running trial's worker refreshes its heartbeat
 * @param grace how old a heartbeat may grow before the trial is failed
 */
public record Heartbeat(Duration interval, Duration grace) {
  /** The default for SQLite storage: a beat every 5 s, failed after 30 s of silence. */
  public static final Heartbeat DEFAULT =
      new Heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(30));

  /** Validates the durations. */
  public Heartbeat {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(grace, "grace");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
    }
    if (grace.compareTo(interval) <= 0) {
      throw new IllegalArgumentException(
          "heartbeat grace must exceed the interval " + interval + ", got " + grace);
    }
  }

  /** The fail message of a trial whose worker has been silent for {@code silentMillis}. */
  String staleMessage(long silentMillis) {
    return String.format(
        Locale.ROOT,
        "worker died: no heartbeat for %.1f s (grace %.1f s)",
        silentMillis / 1000.0,
        grace.toMillis() / 1000.0);
  }
}
