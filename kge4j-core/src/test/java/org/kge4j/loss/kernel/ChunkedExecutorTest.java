package org.kge4j.loss.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kge4j.testing.RandomArrays.gaussian;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.kge4j.loss.MarginActivation;

/**
 * Fixed chunking: values and gradients are bit-identical for any thread count and equal to the
 * chunk-by-chunk sum in chunk order; the facade turns NaN into exceptions naming the element.
 */
class ChunkedExecutorTest {
  /** Large enough for helper threads ({@code >= PARALLEL_THRESHOLD}), with a ragged last chunk. */
  private static final int SIZE = 4 * ChunkedExecutor.CHUNK + 13;

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    assertTrue(SIZE >= ChunkedExecutor.PARALLEL_THRESHOLD);
    Random random = new Random(5);
    float[] x = gaussian(random, SIZE);
    float[] t = new float[SIZE];
    boolean[] keep = new boolean[SIZE];
    for (int i = 0; i < SIZE; i++) {
      t[i] = random.nextInt(50) == 0 ? 1f : 0f;
      keep[i] = random.nextBoolean();
    }
    MarginKernel kernel = MarginKernels.active();
    for (MarginActivation activation :
        new MarginActivation[] {MarginActivation.RELU, MarginActivation.SOFTPLUS}) {
      MarginTerms terms = new MarginTerms(activation, 1f, 0f, 0.5f, 0.5f);
      // The definition: each chunk on its own, added in chunk order.
      float[] chunkedGrad = new float[SIZE];
      LabelledTerm chunkedTerm = new LabelledTerm(terms, x, t, null, 1f, 0f, chunkedGrad);
      double chunked = 0;
      for (int lo = 0; lo < SIZE; lo += ChunkedExecutor.CHUNK) {
        chunked +=
            kernel.labelled(chunkedTerm, 1f / SIZE, lo, Math.min(SIZE, lo + ChunkedExecutor.CHUNK));
      }
      for (int threads = 1; threads <= 3; threads++) {
        ChunkedExecutor executor = new ChunkedExecutor(threads);
        for (int repeat = 0; repeat < 3; repeat++) {
          float[] grad = new float[SIZE];
          LabelledTerm term = new LabelledTerm(terms, x, t, null, 1f, 0f, grad);
          double value = executor.sum(kernel, term, 1f / SIZE, 0, SIZE);
          assertEquals(
              Double.doubleToRawLongBits(chunked),
              Double.doubleToRawLongBits(value),
              activation + " labelled with " + threads + " threads");
          assertArrayEquals(chunkedGrad, grad);
        }
        float[] grad = new float[SIZE];
        float[] oneThreadGrad = new float[SIZE];
        ChunkedExecutor oneThread = new ChunkedExecutor(1);
        for (boolean positive : new boolean[] {false, true}) {
          LossTerm term =
              positive
                  ? new PositiveTerm(terms, x, null, grad)
                  : new NegativeTerm(terms, x, keep, grad);
          LossTerm oneThreadTerm =
              positive
                  ? new PositiveTerm(terms, x, null, oneThreadGrad)
                  : new NegativeTerm(terms, x, keep, oneThreadGrad);
          double value = executor.sum(kernel, term, 0.5f, 0, SIZE);
          double oneThreadValue = oneThread.sum(kernel, oneThreadTerm, 0.5f, 0, SIZE);
          assertEquals(
              Double.doubleToRawLongBits(oneThreadValue),
              Double.doubleToRawLongBits(value),
              (positive ? "positive" : "negative") + " term with " + threads + " threads");
          assertArrayEquals(oneThreadGrad, grad);
        }
      }
      // And the chunked fast result agrees with the reference over the whole range.
      float[] referenceGrad = new float[SIZE];
      double reference =
          ScalarMarginKernel.INSTANCE.labelled(
              new LabelledTerm(terms, x, t, null, 1f, 0f, referenceGrad), 1f / SIZE, 0, SIZE);
      assertEquals(reference, chunked, 1e-6 + 1e-5 * Math.abs(reference));
    }
  }

  @Test
  void rangesNotStartingAtZeroAreChunkedFromTheirStart() {
    Random random = new Random(6);
    float[] x = gaussian(random, SIZE + 100);
    float[] grad = new float[SIZE + 100];
    float[] expected = new float[SIZE + 100];
    MarginKernel kernel = MarginKernels.active();
    MarginTerms terms = new MarginTerms(MarginActivation.RELU, 1f, 0f, 0.5f, 0.5f);
    double value =
        new ChunkedExecutor(2)
            .sum(kernel, new NegativeTerm(terms, x, null, grad), 1f, 50, SIZE + 50);
    double reference =
        ScalarMarginKernel.INSTANCE.negativeTerm(
            new NegativeTerm(terms, x, null, expected), 1f, 50, SIZE + 50);
    assertEquals(reference, value, 1e-5 * reference);
    assertArrayEquals(expected, grad);
  }

  @Test
  void facadeNamesTheInvalidElementOfALargeInput() {
    float[] x = new float[SIZE];
    x[3 * ChunkedExecutor.CHUNK + 1] = Float.NaN;
    float[] t = new float[SIZE];
    MarginTerms terms = new MarginTerms(MarginActivation.RELU, 1f, 0f, 0.5f, 0.5f);
    LabelledTerm term = new LabelledTerm(terms, x, t, null, 1f, 0f, new float[SIZE]);
    Executable call = () -> MarginKernels.sum(term, 1f, 0, SIZE, "predictions");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(
        e.getMessage().contains("flat index " + (3 * ChunkedExecutor.CHUNK + 1)), e.getMessage());
    x[3 * ChunkedExecutor.CHUNK + 1] = 0f;
    t[SIZE - 1] = 1.5f;
    e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(
        e.getMessage().contains("1.5") && e.getMessage().contains("flat index " + (SIZE - 1)),
        e.getMessage());
  }

  @Test
  void parallelismMustBePositive() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ChunkedExecutor(0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    assertEquals(3, MarginKernels.parseThreads(" 3 "));
    assertEquals(Runtime.getRuntime().availableProcessors(), MarginKernels.parseThreads(null));
    e = assertThrows(IllegalArgumentException.class, () -> MarginKernels.parseThreads("two"));
    assertTrue(e.getMessage().contains("'two'") && e.getMessage().contains(">= 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MarginKernels.parseThreads("0"));
    assertTrue(MarginKernels.parallelism() >= 1);
  }
}
