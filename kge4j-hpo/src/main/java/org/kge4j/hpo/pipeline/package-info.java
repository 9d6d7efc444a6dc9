/**
 * Hyper-parameter search for knowledge-graph embeddings, PyKEEN's {@code hpo_pipeline} on {@link
 * org.kge4j.hpo.study}: a {@link org.kge4j.hpo.pipeline.KgeSearchSpace} built from a pipeline
 * configuration's explicit values, user ranges and the components' default ranges; the {@link
 * org.kge4j.hpo.pipeline.KgeObjective} that trains each trial with {@link
 * org.kge4j.training.Pipeline} and reports the validation metric per evaluation for pruning; the
 * {@link org.kge4j.hpo.pipeline.BestPipeline} of a study, its {@link
 * org.kge4j.hpo.pipeline.TrialsTable}, {@link org.kge4j.hpo.pipeline.ParameterImportance} and the
 * test-set {@link org.kge4j.hpo.pipeline.Replicates} of the best configuration.
 *
 * <pre>{@code
 * KgeSearchSpace space = KgeSearchSpace.fromPipeline(Map.of(
 *     "dataset", "umls", "model", "ComplEx",
 *     "training_kwargs", Map.of("num_epochs", 100),
 *     "stopper", "nop", "stopper_kwargs", Map.of("frequency", 10)));
 * Study study = Study.builder("umls-complex", StudyDirection.MAXIMIZE)
 *     .sampler(new TpeSampler(42)).pruner(new SuccessiveHalvingPruner(10)).build();
 * study.optimize(KgeObjective.builder(space, Datasets.load("umls")).numThreads(2).build(), 30);
 * PipelineConfig best = BestPipeline.of(study, space, ObjectiveMetric.MRR).orElseThrow().config();
 * }</pre>
 */
package org.kge4j.hpo.pipeline;
