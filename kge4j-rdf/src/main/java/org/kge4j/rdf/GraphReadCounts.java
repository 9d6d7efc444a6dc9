package org.kge4j.rdf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What reading a graph file found. The triples kept are {@code statements - literalsSkipped -
 * tripleTermsSkipped}; of those, {@code duplicates} repeat an earlier one and are removed, so the
 * graph has {@code statements - literalsSkipped - tripleTermsSkipped - duplicates} triples.
 *
 * @param statements RDF statements (triples or quads) or table rows read
 * @param literalsSkipped statements skipped because their object is a literal (literals not kept)
 * @param literalsKept statements whose literal object became an entity ({@code keepLiterals})
 * @param tripleTermsSkipped RDF 1.2 statements skipped because a term is a triple term
 * @param duplicates kept statements equal to an earlier one (for quads: the same triple in another
 *     graph, too), removed as PyKEEN's {@code np.unique} does
 * @param warnings parser warnings (logged), e.g. an IRI that violates the IRI specification
 */
public record GraphReadCounts(
    long statements,
    long literalsSkipped,
    long literalsKept,
    long tripleTermsSkipped,
    long duplicates,
    long warnings) {

  /** The counts under {@code results.json}'s snake_case names. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("statements_read", statements);
    map.put("literals_skipped", literalsSkipped);
    map.put("literals_kept", literalsKept);
    map.put("triple_terms_skipped", tripleTermsSkipped);
    map.put("duplicates_removed", duplicates);
    map.put("parser_warnings", warnings);
    return map;
  }
}
