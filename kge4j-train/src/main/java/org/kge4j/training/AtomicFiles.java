package org.kge4j.training;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files all or nothing: the content goes into a temporary sibling of the target, which is
 * then moved over the target atomically, so that a crash or an interrupt never leaves a truncated
 * checkpoint or result behind. The temporary file is created like any new file (the process's umask
 * applies), not with {@link Files#createTempFile}'s owner-only permissions, because checkpoints and
 * results are meant to be shared.
 */
public final class AtomicFiles {
  /** Fills a file with its complete content. */
  @FunctionalInterface
  public interface Writer {
    /** Writes the complete content into {@code path}, which does not exist yet. */
    void writeTo(Path path) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Lets {@code writer} fill a temporary sibling of {@code target} and moves it over {@code target}
   * (atomically where the file system can), creating missing parent directories.
   *
   * @throws IOException if writing or moving fails; {@code target} is then left as it was and the
   *     temporary file is removed
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temporary =
        absolute.resolveSibling(
            "."
                + absolute.getFileName()
                + "."
                + ProcessHandle.current().pid()
                + "-"
                + System.nanoTime()
                + ".tmp");
    try {
      writer.writeTo(temporary);
      try {
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
