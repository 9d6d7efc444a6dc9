package org.kge4j.rdf;

/** The running counts of one read, turned into {@link GraphReadCounts} at the end. */
final class Tally {
  long statements;
  long literalsSkipped;
  long literalsKept;
  long tripleTermsSkipped;
  long warnings;

  GraphReadCounts toCounts(long duplicates) {
    return new GraphReadCounts(
        statements, literalsSkipped, literalsKept, tripleTermsSkipped, duplicates, warnings);
  }
}
