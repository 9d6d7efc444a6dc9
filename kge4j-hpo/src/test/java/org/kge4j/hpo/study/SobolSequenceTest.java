package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Sobol sequence against its published first points and its net properties. */
class SobolSequenceTest {
  @Test
  void firstPointsAreThePublishedOnes() {
    // SciPy 1.17: qmc.Sobol(5, scramble=False).random(8) (Joe-Kuo direction numbers, Gray code)
    double[][] expected = {
      {0, 0, 0, 0, 0},
      {0.5, 0.5, 0.5, 0.5, 0.5},
      {0.75, 0.25, 0.25, 0.25, 0.75},
      {0.25, 0.75, 0.75, 0.75, 0.25},
      {0.375, 0.375, 0.625, 0.875, 0.375},
      {0.875, 0.875, 0.125, 0.375, 0.875},
      {0.625, 0.125, 0.875, 0.625, 0.625},
      {0.125, 0.625, 0.375, 0.125, 0.125},
    };
    for (int i = 0; i < expected.length; i++) {
      double[] point = new double[5];
      for (int d = 0; d < 5; d++) {
        point[d] = SobolSequence.coordinate(i, d);
      }
      assertArrayEquals(expected[i], point, "point " + i);
    }
  }

  @Test
  void everyDimensionIsStratifiedOverEachPowerOfTwo() {
    // the first 2^m points of each coordinate hit each interval [k/2^m, (k+1)/2^m) exactly once
    int m = 10;
    for (int d = 0; d < SobolSequence.MAX_DIMENSION; d++) {
      Set<Long> cells = new HashSet<>();
      for (int i = 0; i < 1 << m; i++) {
        cells.add(SobolSequence.coordinateBits(i, d) >>> (32 - m));
      }
      assertEquals(1 << m, cells.size(), "dimension " + d);
    }
  }

  @Test
  void theFirstTwoDimensionsFormANet() {
    // a (0, m, 2)-net: each of the 2^m boxes of size 2^-a × 2^-(m−a) holds exactly one point
    int m = 8;
    for (int a = 0; a <= m; a++) {
      Set<Long> boxes = new HashSet<>();
      for (int i = 0; i < 1 << m; i++) {
        long x = a == 0 ? 0 : SobolSequence.coordinateBits(i, 0) >>> (32 - a);
        long y = a == m ? 0 : SobolSequence.coordinateBits(i, 1) >>> (32 - (m - a));
        boxes.add(x << 16 | y);
      }
      assertEquals(1 << m, boxes.size(), "boxes 2^-" + a + " × 2^-" + (m - a));
    }
  }

  @Test
  void digitalShiftKeepsTheStratificationAndDependsOnTheSeed() {
    SobolSampler a = new SobolSampler(1);
    SobolSampler b = new SobolSampler(2);
    SobolSampler plain = new SobolSampler(1, false);
    assertEquals(0.0, plain.unit(0, 3));
    assertNotEquals(0.0, a.unit(0, 3), "scrambling moves the first point off the origin");
    assertNotEquals(a.unit(5, 2), b.unit(5, 2));
    assertEquals(a.unit(5, 2), new SobolSampler(1).unit(5, 2));
    Set<Long> cells = new HashSet<>();
    for (int i = 0; i < 256; i++) {
      double u = a.unit(i, 7);
      assertTrue(u >= 0 && u < 1);
      cells.add((long) (u * 256));
    }
    assertEquals(256, cells.size());
  }
}
