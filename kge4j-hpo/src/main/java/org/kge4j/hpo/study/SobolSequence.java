package org.kge4j.hpo.study;

/**
 * The Sobol low-discrepancy sequence in base 2 (unscrambled, Gray-code order, as Joe and Kuo's
 * {@code sobol.cc} and SciPy's {@code qmc.Sobol(scramble=False)} produce it), for up to {@value
 * #MAX_DIMENSION} dimensions with 32-bit precision.
 *
 * <p>Coordinate {@code j} of point {@code i} is {@code x = ⊕_k b_k(g) · V_{j,k}} over the bits
 * {@code b_k} of the Gray code {@code g = i ⊕ (i >> 1)}, read as the fraction {@code x / 2^32}. The
 * direction numbers {@code V_{j,k} = m_{j,k} · 2^(32−k)} come from a primitive polynomial of degree
 * {@code s} with coefficients {@code a} and initial numbers {@code m_1..m_s}; further ones follow
 * the recurrence {@code V_k = V_{k−s} ⊕ (V_{k−s} >> s) ⊕ ⊕_{l=1}^{s−1} a_l V_{k−l}}. Dimension 1 is
 * van der Corput's sequence ({@code m_k = 1}). Points are computed directly from their index, so
 * any worker can compute any point.
 *
 * <p>The polynomials and initial numbers are the first lines of Joe and Kuo's {@code
 * new-joe-kuo-6.21201} (S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
 * two-dimensional projections", SIAM J. Sci. Comput. 30, 2635–2654, 2008), distributed under this
 * notice: Copyright (c) 2008, Frances Y. Kuo and Stephen Joe. All rights reserved. Redistribution
 * and use in source and binary forms, with or without modification, are permitted provided that the
 * following conditions are met: redistributions of source code must retain the above copyright
 * notice, this list of conditions and the following disclaimer; redistributions in binary form must
 * reproduce the above copyright notice, this list of conditions and the following disclaimer in the
 * documentation and/or other materials provided with the distribution; neither the names of the
 * copyright holders nor the names of its contributors may be used to endorse or promote products
 * derived from this software without specific prior written permission. THIS SOFTWARE IS PROVIDED
 * BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES,
 * INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A
 * PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNERS OR CONTRIBUTORS BE
 * LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
 * (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA,
 * OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
 * CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF
 * THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
final class SobolSequence {
  /** The number of dimensions with direction numbers. */
  static final int MAX_DIMENSION = 64;

  private static final int BITS = 32;

  /** "s a m_1 ... m_s" for dimensions 2, 3, ..., 64 (Joe and Kuo's columns less the first). */
  private static final String[] POLYNOMIALS = {
    "1 0 1",
    "2 1 1 3",
    "3 1 1 3 1",
    "3 2 1 1 1",
    "4 1 1 1 3 3",
    "4 4 1 3 5 13",
    "5 2 1 1 5 5 17",
    "5 4 1 1 5 5 5",
    "5 7 1 1 7 11 19",
    "5 11 1 1 5 1 1",
    "5 13 1 1 1 3 11",
    "5 14 1 3 5 5 31",
    "6 1 1 3 3 9 7 49",
    "6 13 1 1 1 15 21 21",
    "6 16 1 3 1 13 27 49",
    "6 19 1 1 1 15 7 5",
    "6 22 1 3 1 15 13 25",
    "6 25 1 1 5 5 19 61",
    "7 1 1 3 7 11 23 15 103",
    "7 4 1 3 7 13 13 15 69",
    "7 7 1 1 3 13 7 35 63",
    "7 8 1 3 5 9 1 25 53",
    "7 14 1 3 1 13 9 35 107",
    "7 19 1 3 1 5 27 61 31",
    "7 21 1 1 5 11 19 41 61",
    "7 28 1 3 5 3 3 13 69",
    "7 31 1 1 7 13 1 19 1",
    "7 32 1 3 7 5 13 19 59",
    "7 37 1 1 3 9 25 29 41",
    "7 41 1 3 5 13 23 1 55",
    "7 42 1 3 7 3 13 59 17",
    "7 50 1 3 1 3 5 53 69",
    "7 55 1 1 5 5 23 33 13",
    "7 56 1 1 7 7 1 61 123",
    "7 59 1 1 7 9 13 61 49",
    "7 62 1 3 3 5 3 55 33",
    "8 14 1 3 1 15 31 13 49 245",
    "8 21 1 3 5 15 31 59 63 97",
    "8 22 1 3 1 11 11 11 77 249",
    "8 38 1 3 1 11 27 43 71 9",
    "8 47 1 1 7 15 21 11 81 45",
    "8 49 1 3 7 3 25 31 65 79",
    "8 50 1 3 1 1 19 11 3 205",
    "8 52 1 1 5 9 19 21 29 157",
    "8 56 1 3 7 11 1 33 89 185",
    "8 67 1 3 3 3 15 9 79 71",
    "8 70 1 3 7 11 15 39 119 27",
    "8 84 1 1 3 1 11 31 97 225",
    "8 97 1 1 1 3 23 43 57 177",
    "8 103 1 3 7 7 17 17 37 71",
    "8 115 1 3 1 5 27 63 123 213",
    "8 122 1 1 3 5 11 43 53 133",
    "9 8 1 3 5 5 29 17 47 173 479",
    "9 13 1 3 3 11 3 1 109 9 69",
    "9 16 1 1 1 5 17 39 23 5 343",
    "9 22 1 3 1 5 25 15 31 103 499",
    "9 25 1 1 1 11 11 17 63 105 183",
    "9 44 1 1 5 11 9 29 97 231 363",
    "9 47 1 1 5 15 19 45 41 7 383",
    "9 52 1 3 7 7 31 19 83 137 221",
    "9 55 1 1 1 3 23 15 111 223 83",
    "9 59 1 1 5 13 31 15 55 25 161",
    "9 62 1 1 3 13 25 47 39 87 257"
  };

  /** V[j][k]: direction number k + 1 of dimension j + 1, as an unsigned 32-bit value. */
  private static final long[][] DIRECTIONS = directions();

  private SobolSequence() {}

  private static long[][] directions() {
    long[][] v = new long[MAX_DIMENSION][BITS];
    for (int k = 0; k < BITS; k++) {
      v[0][k] = 1L << (BITS - 1 - k);
    }
    for (int j = 1; j < MAX_DIMENSION; j++) {
      String[] fields = POLYNOMIALS[j - 1].split(" ");
      int s = Integer.parseInt(fields[0]);
      int a = Integer.parseInt(fields[1]);
      for (int k = 0; k < s; k++) {
        v[j][k] = Long.parseLong(fields[2 + k]) << (BITS - 1 - k);
      }
      for (int k = s; k < BITS; k++) {
        long value = v[j][k - s] ^ (v[j][k - s] >>> s);
        for (int l = 1; l < s; l++) {
          if (((a >>> (s - 1 - l)) & 1) == 1) {
            value ^= v[j][k - l];
          }
        }
        v[j][k] = value;
      }
    }
    return v;
  }

  /** Coordinate {@code dimension} (0-based) of point {@code index} as a 32-bit integer. */
  static long coordinateBits(long index, int dimension) {
    if (index < 0 || index >= 1L << BITS) {
      throw new IllegalArgumentException("Sobol index must be in [0, 2^32), got " + index);
    }
    if (dimension < 0 || dimension >= MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "Sobol dimension must be in [0, " + MAX_DIMENSION + "), got " + dimension);
    }
    long gray = index ^ (index >>> 1);
    long x = 0;
    for (int k = 0; gray != 0; k++, gray >>>= 1) {
      if ((gray & 1) == 1) {
        x ^= DIRECTIONS[dimension][k];
      }
    }
    return x;
  }

  /** Coordinate {@code dimension} (0-based) of point {@code index}, in [0, 1). */
  static double coordinate(long index, int dimension) {
    return coordinateBits(index, dimension) * 0x1p-32;
  }
}
