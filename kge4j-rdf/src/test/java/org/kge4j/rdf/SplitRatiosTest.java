package org.kge4j.rdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SplitRatiosTest {

  @Test
  void sizesFollowPyKeensCumulativeFloor() {
    // Computed with PyKEEN's get_absolute_split_sizes formula in Python:
    // diff(int64([0, cumsum(ratios)[:-1], 1] * n)).
    assertArrayEquals(new int[] {800, 100, 100}, SplitRatios.DEFAULT.sizes(1000));
    assertArrayEquals(new int[] {5, 1, 1}, SplitRatios.DEFAULT.sizes(7));
    assertArrayEquals(new int[] {2, 0, 1}, SplitRatios.DEFAULT.sizes(3));
    assertArrayEquals(new int[] {7, 2, 1}, new SplitRatios(0.7, 0.2, 0.1).sizes(10));
    assertArrayEquals(new int[] {0, 0, 0}, SplitRatios.DEFAULT.sizes(0));
  }

  @Test
  void parseTakesThreeRatiosOrTwoWithTestingTheRest() {
    assertEquals(new SplitRatios(0.7, 0.2, 0.1), SplitRatios.parse("0.7,0.2,0.1"));
    assertEquals(new SplitRatios(0.6, 0.3, 0.1), SplitRatios.parse(" 0.6 , 0.3 , 0.1 "));
    SplitRatios two = SplitRatios.parse("0.8,0.1");
    assertEquals(0.8, two.training());
    assertEquals(0.1, two.testing(), 1e-12);
    assertEquals("0.8,0.1,0.1", SplitRatios.DEFAULT.toString());
  }

  @Test
  void badRatiosAreRejectedWithTheValues() {
    assertEquals(
        "split ratios must sum to 1, got [0.8, 0.1, 0.2] with sum 1.1",
        assertThrows(IllegalArgumentException.class, () -> SplitRatios.parse("0.8,0.1,0.2"))
            .getMessage());
    assertEquals(
        "split ratio validation must be in the open interval (0, 1), got 0.0 in [0.9, 0.0, 0.1]",
        assertThrows(IllegalArgumentException.class, () -> SplitRatios.parse("0.9,0,0.1"))
            .getMessage());
    assertEquals(
        "split ratio training must be in the open interval (0, 1), got NaN in [NaN, 0.1, 0.1]",
        assertThrows(IllegalArgumentException.class, () -> new SplitRatios(Double.NaN, 0.1, 0.1))
            .getMessage());
    assertEquals(
        "expected training,validation,testing ratios such as 0.8,0.1,0.1 (or 0.8,0.1 with testing"
            + " the rest), got \"0.8\"",
        assertThrows(IllegalArgumentException.class, () -> SplitRatios.parse("0.8")).getMessage());
    assertEquals(
        "expected numbers such as 0.8,0.1,0.1, got \"a\" in \"0.8,a,0.1\"",
        assertThrows(IllegalArgumentException.class, () -> SplitRatios.parse("0.8,a,0.1"))
            .getMessage());
    // "0.9,0.2" leaves -0.1 for testing.
    assertThrows(IllegalArgumentException.class, () -> SplitRatios.parse("0.9,0.2"));
  }
}
