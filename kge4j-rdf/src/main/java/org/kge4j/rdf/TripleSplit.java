package org.kge4j.rdf;

import org.kge4j.data.TriplesFactory;

/**
 * The parts of a split graph ({@link CleanupSplitter}), sharing one id space.
 *
 * @param training the training triples: every entity and relation of the graph occurs here
 * @param validation the validation triples
 * @param testing the testing triples
 * @param movedToTraining validation and testing triples moved into training by the cleanup
 */
public record TripleSplit(
    TriplesFactory training,
    TriplesFactory validation,
    TriplesFactory testing,
    int movedToTraining) {}
