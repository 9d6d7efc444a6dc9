package org.kge4j.bench;

import java.util.HashSet;
import java.util.Set;
import org.kge4j.data.TriplesFactory;

/** The number of LCWA training instances: distinct {@code (h, r)} plus distinct {@code (r, t)}. */
final class LcwaInstances {

  private LcwaInstances() {}

  static long count(TriplesFactory triples) {
    Set<Long> tails = new HashSet<>();
    Set<Long> heads = new HashSet<>();
    long relations = triples.numRelations();
    for (int i = 0; i < triples.numTriples(); i++) {
      tails.add(triples.head(i) * relations + triples.relation(i));
      heads.add(triples.tail(i) * relations + triples.relation(i));
    }
    return tails.size() + heads.size();
  }
}
