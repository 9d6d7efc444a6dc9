package org.kge4j.hpo.pipeline;

/**
 * Where a keyword argument of a trial's configuration comes from, in PyKEEN's order of precedence
 * ({@code hpo_pipeline}'s {@code _get_kwargs}): a value in {@code *_kwargs} is used as given, else
 * a range in {@code *_kwargs_ranges} is searched, else the component's default range ({@code
 * hpo_default}), else the keyword is left out and the component's own default applies.
 */
public enum ValueSource {
  /** Given in {@code *_kwargs}: the same in every trial. */
  EXPLICIT,
  /** Searched over the user's range in {@code *_kwargs_ranges} (or {@code --search-space}). */
  USER_RANGE,
  /** Searched over the component's default range ({@code hpoDefault()}). */
  DEFAULT_RANGE,
  /** Neither given nor searched: the component's default value. */
  CONSTRUCTOR_DEFAULT
}
