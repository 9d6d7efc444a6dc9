package org.kge4j.hpo.study;

import java.util.SplittableRandom;

/**
 * Random streams keyed by (seed, trial number, purpose). A sampler draws trial {@code n}'s values
 * from its own stream, so they depend neither on which worker runs the trial nor on how the trials
 * of parallel workers interleave, and two workers given the same seed never repeat each other.
 */
final class SeedStreams {
  private SeedStreams() {}

  static SplittableRandom stream(long seed, int trialNumber, String purpose) {
    long h = mix64(seed);
    h = mix64(h ^ (0x9E3779B97F4A7C15L * (trialNumber + 1L)));
    h = mix64(h ^ fnv1a64(purpose));
    return new SplittableRandom(h);
  }

  /** FNV-1a over the UTF-16 code units: 64 bits, unlike String.hashCode ("Aa" and "BB" collide). */
  private static long fnv1a64(String s) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    return h;
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser (SplitMix64's output function). */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
