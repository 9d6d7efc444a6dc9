package org.kge4j.hpo.study;

/** A storage could not be read or written (e.g. an SQLite error); the message names the file. */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with its cause. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
