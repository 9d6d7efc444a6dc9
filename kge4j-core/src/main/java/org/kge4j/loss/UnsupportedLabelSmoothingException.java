package org.kge4j.loss;

/**
 * Thrown when label smoothing is requested from a loss path that cannot honour it, as PyKEEN's
 * {@code UnsupportedLabelSmoothingError}: sLCWA scores carry no labels to smooth.
 */
public final class UnsupportedLabelSmoothingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param loss the loss that was asked
   * @param labelSmoothing the requested (non-zero) smoothing
   */
  public UnsupportedLabelSmoothingException(String loss, double labelSmoothing) {
    super(
        loss
            + " does not support label smoothing in sLCWA training (got label_smoothing="
            + labelSmoothing
            + "); pass null or 0, or use LCWA training");
  }
}
