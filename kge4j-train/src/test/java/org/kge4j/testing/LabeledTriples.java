package org.kge4j.testing;

import java.util.ArrayList;
import java.util.List;
import org.kge4j.data.TriplesFactory;

/** Small labeled graphs for tests, written one triple a string. */
public final class LabeledTriples {

  private LabeledTriples() {}

  /**
   * {@link TriplesFactory#fromLabeledTriples} of {@code triples}, each {@code "head relation tail"}
   * with single spaces between labels that hold none.
   */
  public static TriplesFactory of(String... triples) {
    List<String[]> labeled = new ArrayList<>();
    for (String triple : triples) {
      labeled.add(triple.split(" ", -1));
    }
    return TriplesFactory.fromLabeledTriples(labeled);
  }
}
