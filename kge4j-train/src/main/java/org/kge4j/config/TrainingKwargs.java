package org.kge4j.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kge4j.hpo.HpoSpace;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.PowerTwoParameter;

/**
 * The training component, {@code training_kwargs} of the pipeline JSON (it has no name): {@code
 * num_epochs} ({@code >= 1}, default 5 as PyKEEN's pipeline), {@code batch_size} ({@code >= 1},
 * positives per sLCWA batch or (h, r) / (r, t) rows per LCWA batch; default 256 as PyKEEN's
 * pipeline) and {@code label_smoothing} (LCWA only, in [0, 1); 0 is the same as none).
 *
 * @param numEpochs the number of epochs
 * @param batchSize the batch size
 * @param labelSmoothing the LCWA label smoothing in (0, 1), or null for none
 */
public record TrainingKwargs(int numEpochs, int batchSize, Double labelSmoothing) {

  /**
   * PyKEEN's {@code TrainingLoop.hpo_default}: {@code num_epochs} 100..1000 step 100, {@code
   * batch_size} powers of two 2^4..2^12.
   */
  public static final HpoSpace HPO_DEFAULT =
      HpoSpace.of(
          new IntParameter("num_epochs", 100, 1000, 100, false),
          new PowerTwoParameter("batch_size", 4, 12));

  private static final String SECTION = "training_kwargs";
  private static final List<String> KEYS = List.of("num_epochs", "batch_size", "label_smoothing");

  /**
   * Checks every value; a label smoothing of 0 becomes null.
   *
   * @throws ConfigurationException naming the key, the value and the valid range
   */
  public TrainingKwargs {
    Kwargs k = Kwargs.of(SECTION, Map.of(), "the training loop", KEYS);
    k.atLeast("num_epochs", numEpochs, 1);
    k.atLeast("batch_size", batchSize, 1);
    if (labelSmoothing != null && !(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw k.invalid("label_smoothing", "must be in [0, 1), got " + labelSmoothing);
    }
    labelSmoothing = labelSmoothing == null || labelSmoothing == 0.0 ? null : labelSmoothing;
  }

  /**
   * The component from {@code training_kwargs}.
   *
   * @throws ConfigurationException for an unsupported key or an invalid value
   */
  public static TrainingKwargs fromKwargs(Map<String, ?> kwargs) {
    Kwargs k = Kwargs.of(SECTION, kwargs, "the training loop", KEYS);
    Integer epochs = k.integer("num_epochs");
    Integer batchSize = k.integer("batch_size");
    return new TrainingKwargs(
        epochs == null ? 5 : epochs,
        batchSize == null ? 256 : batchSize,
        k.number("label_smoothing"));
  }

  /** {@code training_kwargs}: epochs, batch size and, if set, the label smoothing. */
  public Map<String, Object> kwargs() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("num_epochs", numEpochs);
    map.put("batch_size", batchSize);
    Kwargs.putIfPresent(map, "label_smoothing", labelSmoothing);
    return map;
  }

  /** {@link #HPO_DEFAULT}. */
  public HpoSpace hpoDefault() {
    return HPO_DEFAULT;
  }
}
