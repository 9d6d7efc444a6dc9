package org.kge4j.rdf;

import java.nio.file.Path;
import org.kge4j.data.TriplesFactory;

/**
 * A graph file read into kge4j's data model ({@link GraphFiles#read}).
 *
 * @param file the file read
 * @param format its format
 * @param sha256 the SHA-256 of the file's bytes as stored (compressed for {@code .gz}), lower-case
 *     hex
 * @param triples the graph: PyKEEN's ids (labels sorted by code point), triples sorted with
 *     duplicates removed
 * @param counts what reading found: statements, skipped literals, duplicates, warnings
 */
public record GraphRead(
    Path file, GraphFormat format, String sha256, TriplesFactory triples, GraphReadCounts counts) {}
