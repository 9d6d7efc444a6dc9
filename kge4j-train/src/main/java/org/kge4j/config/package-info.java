/**
 * The configuration model: one {@link org.kge4j.config.PipelineConfig} describes a run component by
 * component as PyKEEN's pipeline JSON does ({@link org.kge4j.config.DatasetConfig}, {@link
 * org.kge4j.config.ModelConfig}, {@link org.kge4j.config.LossConfig}, {@link
 * org.kge4j.config.RegularizerConfig}, {@link org.kge4j.config.OptimizerConfig}, {@link
 * org.kge4j.config.LoopKind}, {@link org.kge4j.config.NegativeSamplerConfig}, {@link
 * org.kge4j.config.TrainingKwargs}, {@link org.kge4j.config.StopperConfig}, the random seed). Each
 * component is a name plus keyword arguments with its own validation and default search space
 * ({@link org.kge4j.config.ComponentConfig}); CLI options, {@code --config} files, HPO samples and
 * library code all build the same object through its nested-map form, which is a runnable {@code
 * pipeline_config.json}. Errors are {@link org.kge4j.config.ConfigurationException}s naming the
 * key, the value and what is allowed.
 */
package org.kge4j.config;
