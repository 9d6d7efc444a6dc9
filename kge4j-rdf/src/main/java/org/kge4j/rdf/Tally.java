package org.kge4j.rdf;

/** The running counts of one read, turned into {@link GraphReadCounts} at the end. */
final class Tally {
  long statements;
  long literalsSkipped;
  long literalsKept;
  long tripleTermsSkipped;
  long warnings;

  /** Adds the counts of {@code other}, e.g. of a range read in parallel. */
  void add(Tally other) {
    statements += other.statements;
    literalsSkipped += other.literalsSkipped;
    literalsKept += other.literalsKept;
    tripleTermsSkipped += other.tripleTermsSkipped;
    warnings += other.warnings;
  }

  GraphReadCounts toCounts(long duplicates) {
    return new GraphReadCounts(
        statements, literalsSkipped, literalsKept, tripleTermsSkipped, duplicates, warnings);
  }
}
