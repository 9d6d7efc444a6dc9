package org.kge4j.cli;

/**
 * Entry point of the runnable jar ({@code java -jar kge4j.jar ...}, started by the {@code ./kge4j}
 * launcher): runs {@link Kge4jCommand} and exits with its exit code (0 success, 1 failure, 2
 * invalid command line).
 */
public final class Main {

  private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

  private Main() {}

  /** Runs the {@code kge4j} command with {@code args} and exits with its code. */
  public static void main(String[] args) {
    // Plots are drawn off-screen; without this AWT may look for a display that a server lacks.
    System.setProperty("java.awt.headless", "true");
    // The library logs through System.Logger (java.util.logging here): one line per message,
    // "WARNING: ...", instead of the default two lines with a timestamp and class name.
    if (System.getProperty(LOG_FORMAT) == null) {
      System.setProperty(LOG_FORMAT, "%4$s: %5$s%6$s%n");
    }
    System.exit(Kge4jCommand.commandLine().execute(args));
  }
}
