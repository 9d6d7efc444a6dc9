/**
 * Filtered rank-based link-prediction evaluation: {@link org.kge4j.evaluation.RankBasedEvaluator}
 * ranks every evaluation triple's head and tail against all entities scored by a {@link
 * org.kge4j.evaluation.LinkPredictor} and reports PyKEEN-named {@link
 * org.kge4j.evaluation.MetricResults}.
 */
package org.kge4j.evaluation;
