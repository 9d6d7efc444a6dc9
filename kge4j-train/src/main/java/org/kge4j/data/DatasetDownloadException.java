package org.kge4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A named dataset could not be downloaded (offline, HTTP error, unreachable host). The message says
 * which directory and file names to fill by hand to use the dataset without network.
 */
public final class DatasetDownloadException extends UncheckedIOException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with its full, user-facing message and the I/O cause. */
  public DatasetDownloadException(String message, IOException cause) {
    super(message, cause);
  }
}
