package org.kge4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records a class's {@code java.util.logging} logger publishes while an action runs, for tests
 * of warnings (the loss's overlap warning in core, the training loop's margin advice in train).
 */
public final class LogCapture {

  private LogCapture() {}

  /** A handler that keeps every record it is given. */
  private static final class Recorder extends Handler {
    final List<LogRecord> records = new ArrayList<>();

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /**
   * Runs {@code action} with a handler on the logger named after {@code source} and returns what it
   * published, in order; the handler is removed even when {@code action} throws.
   */
  public static List<LogRecord> recordsOf(Class<?> source, Runnable action) {
    // Held in a local for the whole run: the LogManager keeps loggers only weakly.
    Logger logger = Logger.getLogger(source.getName());
    Recorder handler = new Recorder();
    logger.addHandler(handler);
    try {
      action.run();
    } finally {
      logger.removeHandler(handler);
    }
    return handler.records;
  }
}
