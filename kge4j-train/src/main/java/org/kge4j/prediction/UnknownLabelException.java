package org.kge4j.prediction;

import java.util.List;
import java.util.Objects;

/**
 * A label that the dataset's id space does not contain, with the closest labels it does contain
 * (see {@link ClosestLabels}), so that a user sees what was probably meant.
 */
public final class UnknownLabelException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String label;
  private final transient List<String> suggestions;

  /**
   * @param kind {@code "entity"} or {@code "relation"}
   * @param label the label that was not found
   * @param suggestions the closest known labels, best first
   */
  public UnknownLabelException(String kind, String label, List<String> suggestions) {
    super(message(kind, label, suggestions));
    this.kind = Objects.requireNonNull(kind, "kind");
    this.label = Objects.requireNonNull(label, "label");
    this.suggestions = List.copyOf(suggestions);
  }

  private static String message(String kind, String label, List<String> suggestions) {
    return "unknown "
        + kind
        + " '"
        + label
        + "'"
        + (suggestions.isEmpty() ? "" : "; closest: " + String.join(", ", suggestions));
  }

  /** {@code "entity"} or {@code "relation"}. */
  public String kind() {
    return kind;
  }

  /** The label that was not found. */
  public String label() {
    return label;
  }

  /** The closest known labels, best first; unmodifiable. */
  public List<String> suggestions() {
    return suggestions;
  }
}
