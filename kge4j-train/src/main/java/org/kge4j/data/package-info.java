/**
 * Triples and datasets: {@link org.kge4j.data.TriplesFactory} reads PyKEEN-style TSV ({@code
 * head<TAB>relation<TAB>tail}) and maps labels to ids sorted like PyKEEN; {@link
 * org.kge4j.data.Dataset} holds training, validation and testing splits in one id space; {@link
 * org.kge4j.data.Datasets} resolves the embedded default ({@link org.kge4j.data.FamilyGraph}),
 * named public datasets (downloaded into a verified cache) and directories.
 */
package org.kge4j.data;
