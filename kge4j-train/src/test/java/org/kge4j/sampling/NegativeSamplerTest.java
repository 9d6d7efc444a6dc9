package org.kge4j.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kge4j.data.TriplesFactory;

class NegativeSamplerTest {

  private static final String[] ENTITIES = {"e0", "e1", "e2", "e3", "e4", "e5"};
  private static final String[] RELATIONS = {"r0", "r1"};

  /** A dense graph: about half of all corruptions are known triples. */
  private static TriplesFactory denseGraph() {
    int[] triples = new int[3 * 40];
    int n = 0;
    for (int h = 0; h < 6 && n < 40; h++) {
      for (int r = 0; r < 2 && n < 40; r++) {
        for (int t = 0; t < 6 && n < 40; t++) {
          if ((h + 2 * r + t) % 2 == 0) {
            triples[3 * n] = h;
            triples[3 * n + 1] = r;
            triples[3 * n + 2] = t;
            n++;
          }
        }
      }
    }
    return TriplesFactory.fromMappedTriples(
        java.util.Arrays.copyOf(triples, 3 * n), ENTITIES, RELATIONS);
  }

  private static NegativeSampler make(
      String name, TriplesFactory training, int k, boolean filtered) {
    return NegativeSamplers.make(name, training, k, filtered);
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "bernoulli"})
  void eachNegativeChangesExactlyHeadOrTailOfItsPositive(String name) {
    TriplesFactory training = denseGraph();
    int k = 5;
    NegativeSampler sampler = make(name, training, k, false);
    int[] positives = training.mappedTriples();
    int batch = training.numTriples();
    int[] negatives = new int[3 * batch * k];
    sampler.sample(positives, batch, new SplittableRandom(1), negatives, null);
    for (int j = 0; j < batch * k; j++) {
      int i = j / k;
      boolean headChanged = negatives[3 * j] != positives[3 * i];
      boolean tailChanged = negatives[3 * j + 2] != positives[3 * i + 2];
      assertEquals(positives[3 * i + 1], negatives[3 * j + 1]);
      assertTrue(headChanged ^ tailChanged, "negative " + j + " changes one entity");
      assertTrue(
          negatives[3 * j] >= 0
              && negatives[3 * j] < 6
              && negatives[3 * j + 2] >= 0
              && negatives[3 * j + 2] < 6);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sharedNegativesAreOneUniformDrawPerChunkWithTheSelfPairsDropped(boolean filtered) {
    TriplesFactory training = denseGraph();
    int k = 5;
    int batch = 201; // heads: positives [0, 101) in chunks of 64 and 37; tails: [101, 201)
    int[] known = training.mappedTriples();
    int[] positives = new int[3 * batch];
    for (int i = 0; i < batch; i++) {
      System.arraycopy(known, 3 * ((5 * i) % training.numTriples()), positives, 3 * i, 3);
    }
    NegativeSampler sampler = make("SharedNegativeSampler", training, k, filtered);
    assertInstanceOf(SharedNegativeSampler.class, sampler);
    assertTrue(sampler.filtered(), "the keep-mask is always filled");
    int[][] chunks = {{0, 64}, {64, 101}, {101, 165}, {165, 201}};
    assertEquals(4, SharedNegativeSampler.numChunks(batch));
    TripleSet set = TripleSet.of(List.of(training));
    int[] counts = new int[6];
    SplittableRandom random = new SplittableRandom(4);
    for (int round = 0; round < 50; round++) {
      int[] negatives = new int[3 * batch * k];
      boolean[] keep = new boolean[batch * k];
      sampler.sample(positives, batch, random, negatives, keep);
      for (int c = 0; c < chunks.length; c++) {
        assertEquals(chunks[c][0], SharedNegativeSampler.chunkStart(c, batch), "start " + c);
        assertEquals(chunks[c][1], SharedNegativeSampler.chunkEnd(c, batch), "end " + c);
        boolean heads = c < 2;
        assertEquals(heads, SharedNegativeSampler.corruptsHeads(c, batch));
        int column = heads ? 0 : 2;
        for (int j = 0; j < k; j++) {
          int drawn = negatives[3 * (chunks[c][0] * k + j) + column];
          counts[drawn]++;
          for (int i = chunks[c][0]; i < chunks[c][1]; i++) {
            int n = i * k + j;
            assertEquals(drawn, negatives[3 * n + column], "shared draw, chunk " + c);
            assertEquals(positives[3 * i + 1], negatives[3 * n + 1]);
            assertEquals(positives[3 * i + 2 - column], negatives[3 * n + 2 - column]);
            boolean self = drawn == positives[3 * i + column];
            boolean knownTriple =
                set.contains(negatives[3 * n], negatives[3 * n + 1], negatives[3 * n + 2]);
            assertEquals(!self && !(filtered && knownTriple), keep[n], "keep " + n);
          }
        }
      }
    }
    // 1,000 uniform draws over 6 entities, the positive's own entity included: 166.7 each, σ 11.8
    for (int e = 0; e < 6; e++) {
      assertTrue(Math.abs(counts[e] - 1000 / 6.0) < 50, "entity " + e + " drawn " + counts[e]);
    }
  }

  @Test
  void sharedChunksCoverOddAndSmallBatches() {
    assertEquals(1, SharedNegativeSampler.numChunks(1));
    assertEquals(1, SharedNegativeSampler.chunkEnd(0, 1));
    assertTrue(SharedNegativeSampler.corruptsHeads(0, 1));
    assertEquals(2, SharedNegativeSampler.numChunks(2));
    assertFalse(SharedNegativeSampler.corruptsHeads(1, 2));
    assertEquals(1, SharedNegativeSampler.chunkStart(1, 2));
    assertEquals(16, SharedNegativeSampler.numChunks(1024));
    for (int batch : new int[] {1, 2, 63, 64, 65, 128, 129, 1000, 1024}) {
      int next = 0;
      for (int c = 0; c < SharedNegativeSampler.numChunks(batch); c++) {
        assertEquals(next, SharedNegativeSampler.chunkStart(c, batch), batch + " chunk " + c);
        next = SharedNegativeSampler.chunkEnd(c, batch);
        int size = next - SharedNegativeSampler.chunkStart(c, batch);
        assertTrue(size >= 1 && size <= SharedNegativeSampler.CHUNK, batch + " chunk " + c);
        assertEquals(
            SharedNegativeSampler.chunkStart(c, batch) < (batch + 1) / 2,
            SharedNegativeSampler.corruptsHeads(c, batch));
      }
      assertEquals(batch, next, "chunks of " + batch + " cover the batch");
    }
  }

  @Test
  void basicCorruptsHeadsInTheFirstHalfAndTailsInTheSecondLikePyKeen() {
    TriplesFactory training = denseGraph();
    NegativeSampler sampler = new BasicNegativeSampler(training, 3, false);
    int[] positives = training.mappedTriples();
    int batch = 7; // 21 negatives: ceil(21 / 2) = 11 head corruptions, then 10 tail corruptions
    int[] negatives = new int[3 * 21];
    sampler.sample(positives, batch, new SplittableRandom(5), negatives, null);
    for (int j = 0; j < 21; j++) {
      int i = j / 3;
      boolean head = negatives[3 * j] != positives[3 * i];
      assertEquals(j < 11, head, "negative " + j);
    }
  }

  @Test
  void basicReplacementIsUniformOverTheOtherEntities() {
    TriplesFactory training = denseGraph();
    NegativeSampler sampler =
        new BasicNegativeSampler(training, 1, false, EnumSet.of(CorruptionTarget.TAIL));
    int[] positive = {0, 0, 2};
    int[] negative = new int[3];
    int[] counts = new int[6];
    SplittableRandom random = new SplittableRandom(11);
    int draws = 50_000;
    for (int d = 0; d < draws; d++) {
      sampler.sample(positive, 1, random, negative, null);
      counts[negative[2]]++;
    }
    assertEquals(0, counts[2], "the original tail is never drawn");
    for (int e : new int[] {0, 1, 3, 4, 5}) {
      // Expected 10 000 each; 5 standard deviations is about 450.
      assertEquals(draws / 5.0, counts[e], 450, "entity " + e);
    }
  }

  @Test
  void relationCorruptionChangesOnlyTheRelation() {
    TriplesFactory training = denseGraph();
    NegativeSampler sampler =
        new BasicNegativeSampler(training, 4, false, EnumSet.of(CorruptionTarget.RELATION));
    int[] positives = {1, 0, 3, 2, 1, 4};
    int[] negatives = new int[3 * 8];
    sampler.sample(positives, 2, new SplittableRandom(2), negatives, null);
    for (int j = 0; j < 8; j++) {
      int i = j / 4;
      assertEquals(positives[3 * i], negatives[3 * j]);
      assertEquals(1 - positives[3 * i + 1], negatives[3 * j + 1]);
      assertEquals(positives[3 * i + 2], negatives[3 * j + 2]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "bernoulli"})
  void keepMaskMarksExactlyTheKnownPositives(String name) {
    TriplesFactory training = denseGraph();
    Set<List<Integer>> known = new HashSet<>();
    for (int i = 0; i < training.numTriples(); i++) {
      known.add(List.of(training.head(i), training.relation(i), training.tail(i)));
    }
    int k = 8;
    NegativeSampler sampler = make(name, training, k, true);
    assertTrue(sampler.filtered());
    int batch = training.numTriples();
    int[] negatives = new int[3 * batch * k];
    boolean[] keep = new boolean[batch * k];
    SplittableRandom random = new SplittableRandom(9);
    int falseNegatives = 0;
    int kept = 0;
    for (int round = 0; round < 20; round++) {
      java.util.Arrays.fill(keep, round % 2 == 0); // stale values must be overwritten
      sampler.sample(training.mappedTriples(), batch, random, negatives, keep);
      for (int j = 0; j < batch * k; j++) {
        boolean isKnown =
            known.contains(List.of(negatives[3 * j], negatives[3 * j + 1], negatives[3 * j + 2]));
        assertEquals(!isKnown, keep[j], "negative " + j);
        falseNegatives += isKnown ? 1 : 0;
        kept += keep[j] ? 1 : 0;
      }
    }
    assertTrue(
        falseNegatives > 1000 && kept > 1000,
        "the graph must produce both kinds: " + falseNegatives + " / " + kept);
  }

  @Test
  void sameSeedSameNegatives() {
    TriplesFactory training = denseGraph();
    NegativeSampler sampler = new BernoulliNegativeSampler(training, 4, true);
    int n = training.numTriples();
    int[] a = new int[3 * n * 4];
    int[] b = new int[3 * n * 4];
    boolean[] keepA = new boolean[n * 4];
    boolean[] keepB = new boolean[n * 4];
    sampler.sample(training.mappedTriples(), n, new SplittableRandom(42), a, keepA);
    sampler.sample(training.mappedTriples(), n, new SplittableRandom(42), b, keepB);
    assertArrayEquals(a, b);
    assertArrayEquals(keepA, keepB);
  }

  @Test
  void bernoulliProbabilitiesOnAHandMadeGraph() {
    String[] entities = {"a", "b", "c", "d", "e"};
    String[] relations = {"has_part", "located_in", "unused"};
    int[] triples = {
      // has_part (1-to-N): a -> b, c, d; e -> b.  (h, r) groups: a:3, e:1 => tph = 2
      // (r, t) groups: b:{a, e}, c:{a}, d:{a}     => hpt = 4/3; p = 2 / (2 + 4/3) = 0.6
      0,
      0,
      1,
      0,
      0,
      2,
      0,
      0,
      3,
      4,
      0,
      1,
      // located_in (N-to-1): b, c, d -> a; and b -> e, duplicated.
      // (h, r) groups: b:{a, e, e}, c:{a}, d:{a} => tph = 5/3
      // (r, t) groups: a:{b, c, d}, e:{b, b}      => hpt = 5/2; p = (5/3) / (5/3 + 5/2) = 0.4
      1,
      1,
      0,
      2,
      1,
      0,
      3,
      1,
      0,
      1,
      1,
      4,
      1,
      1,
      4
    };
    TriplesFactory training = TriplesFactory.fromMappedTriples(triples, entities, relations);
    BernoulliNegativeSampler sampler = new BernoulliNegativeSampler(training, 1, false);
    assertEquals(0.6, sampler.corruptHeadProbability(0), 1e-12);
    assertEquals(0.4, sampler.corruptHeadProbability(1), 1e-12);
    assertEquals(0.5, sampler.corruptHeadProbability(2), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> sampler.corruptHeadProbability(3));

    // The sampler uses them: the head-corruption frequency of has_part is 0.6.
    int draws = 40_000;
    int[] positives = new int[3 * draws];
    for (int i = 0; i < draws; i++) {
      positives[3 * i] = 0;
      positives[3 * i + 2] = 1;
    }
    int[] negatives = new int[3 * draws];
    sampler.sample(positives, draws, new SplittableRandom(4), negatives, null);
    int heads = 0;
    for (int j = 0; j < draws; j++) {
      heads += negatives[3 * j] != 0 ? 1 : 0;
    }
    // Standard deviation sqrt(0.24 / 40000) = 0.0024.
    assertEquals(0.6, heads / (double) draws, 0.012);
  }

  @Test
  void sampleAllocatesNothing() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assertInstanceOf(com.sun.management.ThreadMXBean.class, bean);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    TriplesFactory training = denseGraph();
    int n = training.numTriples();
    int[] positives = training.mappedTriples();
    int[] negatives = new int[3 * n * 16];
    boolean[] keep = new boolean[n * 16];
    SplittableRandom random = new SplittableRandom(0);
    for (NegativeSampler sampler :
        List.of(
            new BasicNegativeSampler(training, 16, true),
            new BernoulliNegativeSampler(training, 16, true))) {
      for (int warm = 0; warm < 20_000; warm++) {
        sampler.sample(positives, n, random, negatives, keep);
      }
      long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
      for (int call = 0; call < 1_000; call++) {
        sampler.sample(positives, n, random, negatives, keep);
      }
      long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
      // 1 000 calls: anything per call would be >= 16 kB; allow a little for the JVM itself.
      assertTrue(allocated < 4_096, sampler + " allocated " + allocated + " bytes");
    }
  }

  @Test
  void badArgumentsAreRejected() {
    TriplesFactory training = denseGraph();
    assertEquals(
        "numNegsPerPos must be >= 1, got 0",
        assertThrows(
                IllegalArgumentException.class, () -> new BasicNegativeSampler(training, 0, false))
            .getMessage());
    NegativeSampler filtered = new BasicNegativeSampler(training, 2, true);
    assertEquals(
        "a filtered sampler needs keepOut of length >= batchSize * numNegsPerPos = 4,"
            + " got null",
        assertThrows(
                IllegalArgumentException.class,
                () -> filtered.sample(new int[6], 2, new SplittableRandom(1), new int[12], null))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> filtered.sample(new int[6], 2, new SplittableRandom(1), new int[11], new boolean[4]));
    assertThrows(
        IllegalArgumentException.class,
        () -> filtered.sample(new int[5], 2, new SplittableRandom(1), new int[12], new boolean[4]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BasicNegativeSampler(training, 1, false, EnumSet.noneOf(CorruptionTarget.class)));
    TriplesFactory oneEntity =
        TriplesFactory.fromMappedTriples(
            new int[] {0, 0, 0}, new String[] {"a"}, new String[] {"r"});
    assertThrows(
        IllegalArgumentException.class, () -> new BernoulliNegativeSampler(oneEntity, 1, false));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> NegativeSamplers.make("pseudotyped", training, 1, false));
    assertEquals(
        "unknown negative sampler \"pseudotyped\": expected one of [basic, bernoulli, shared]",
        unknown.getMessage());
    assertInstanceOf(
        BernoulliNegativeSampler.class,
        NegativeSamplers.make("BernoulliNegativeSampler", training, 1, false));
    assertFalse(NegativeSamplers.make("Basic", training, 3, false).filtered());
    assertEquals(3, NegativeSamplers.make("Basic", training, 3, false).numNegsPerPos());
  }
}
