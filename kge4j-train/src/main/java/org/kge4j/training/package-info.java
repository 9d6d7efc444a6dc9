/**
 * Training from a {@link org.kge4j.config.PipelineConfig}: the {@link
 * org.kge4j.training.SlcwaTrainingLoop} and {@link org.kge4j.training.LcwaTrainingLoop}
 * (deterministic data-parallel batches, the DoubleMarginLoss's array entry points, validation-based
 * early stopping), atomic {@link org.kge4j.training.Checkpoint}s with bit-identical resume, {@link
 * org.kge4j.training.TrainingListener} callbacks, and the one-call {@link
 * org.kge4j.training.Pipeline}.
 */
package org.kge4j.training;
