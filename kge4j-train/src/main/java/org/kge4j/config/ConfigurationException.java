package org.kge4j.config;

/**
 * An invalid {@link PipelineConfig}: the message names the key as the pipeline JSON spells it
 * ({@code model_kwargs.embedding_dim}), the value received and what is allowed, e.g. {@code
 * model_kwargs.embedding_dim must be >= 1, got 0}. {@link #key()} lets a front end map the key back
 * to its own option (the CLI's {@code --dim}).
 */
public final class ConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * An error about {@code key}.
   *
   * @param key the offending key, e.g. {@code model_kwargs.embedding_dim} or {@code model}
   * @param message the complete message, starting with the key
   */
  public ConfigurationException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The offending key, e.g. {@code negative_sampler_kwargs.num_negs_per_pos}. */
  public String key() {
    return key;
  }
}
