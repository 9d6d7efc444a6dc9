/**
 * Hyper-parameter studies on the design of Optuna: a {@link org.kge4j.hpo.study.Study} of {@link
 * org.kge4j.hpo.study.Trial}s in a {@link org.kge4j.hpo.study.StudyStorage} (in memory or a shared
 * SQLite file), with samplers ({@link org.kge4j.hpo.study.RandomSampler}, {@link
 * org.kge4j.hpo.study.GridSampler}, {@link org.kge4j.hpo.study.SobolSampler}, {@link
 * org.kge4j.hpo.study.TpeSampler}) and pruners ({@link org.kge4j.hpo.study.MedianPruner}, {@link
 * org.kge4j.hpo.study.SuccessiveHalvingPruner}, {@link org.kge4j.hpo.study.HyperbandPruner}, {@link
 * org.kge4j.hpo.study.NopPruner}) as small strategy objects. Parameters are the typed {@link
 * org.kge4j.hpo.HpoParameter}s of kge4j-core, sampled through their one {@linkplain
 * org.kge4j.hpo.NumericParameter sampling scale}.
 */
package org.kge4j.hpo.study;
