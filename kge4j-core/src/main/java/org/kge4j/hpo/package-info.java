/**
 * Hyper-parameter search spaces: typed parameters ({@link org.kge4j.hpo.FloatParameter}, {@link
 * org.kge4j.hpo.IntParameter}, {@link org.kge4j.hpo.PowerTwoParameter}, {@link
 * org.kge4j.hpo.CategoricalParameter}) collected in an {@link org.kge4j.hpo.HpoSpace} that samples
 * (seeded) or enumerates configurations.
 */
package org.kge4j.hpo;
