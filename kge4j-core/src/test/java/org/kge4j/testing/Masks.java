package org.kge4j.testing;

/** Keep masks of the filtered sLCWA path, as the loss and training tests build them. */
public final class Masks {

  private Masks() {}

  /** How many entries {@code mask} keeps. */
  public static int count(boolean[] mask) {
    int count = 0;
    for (boolean kept : mask) {
      count += kept ? 1 : 0;
    }
    return count;
  }
}
