package org.kge4j.prediction;

/**
 * The {@code k} best (score, id) pairs of a stream, kept in a bounded binary min-heap whose root is
 * the worst pair kept: {@code O(n log k)} for {@code n} candidates and no sort of all of them.
 *
 * <p>Order: a higher score is better; of equal scores the smaller id is better, so that the result
 * does not depend on the order in which candidates arrive. Scores must not be NaN.
 */
final class TopK {

  private final int[] ids;
  private final float[] scores;
  private int size;

  /** A heap for at most {@code capacity >= 1} pairs. */
  TopK(int capacity) {
    this.ids = new int[capacity];
    this.scores = new float[capacity];
  }

  /** Whether {@code (score, id)} would be kept: the heap has room or it beats the worst pair. */
  boolean accepts(float score, int id) {
    return size < ids.length || better(score, id, scores[0], ids[0]);
  }

  /** Keeps {@code (score, id)} if {@link #accepts} it, dropping the worst pair when full. */
  void offer(float score, int id) {
    if (size < ids.length) {
      int i = size++;
      // Sift up: parents that rank before the new pair move down, so the root stays the worst.
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!better(scores[parent], ids[parent], score, id)) {
          break;
        }
        set(i, scores[parent], ids[parent]);
        i = parent;
      }
      set(i, score, id);
    } else if (better(score, id, scores[0], ids[0])) {
      siftDown(score, id);
    }
  }

  /** The kept ids, best first. Empties the heap. */
  int[] drainBestFirst() {
    int[] out = new int[size];
    for (int i = size - 1; i >= 0; i--) {
      out[i] = ids[0];
      size--;
      if (size > 0) {
        siftDown(scores[size], ids[size]);
      }
    }
    return out;
  }

  /** Puts {@code (score, id)} at the root and moves it down below every worse child. */
  private void siftDown(float score, int id) {
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      int right = child + 1;
      if (right < size && better(scores[child], ids[child], scores[right], ids[right])) {
        child = right;
      }
      if (!better(score, id, scores[child], ids[child])) {
        break;
      }
      set(i, scores[child], ids[child]);
      i = child;
    }
    set(i, score, id);
  }

  private void set(int i, float score, int id) {
    scores[i] = score;
    ids[i] = id;
  }

  /** Whether {@code (s1, id1)} ranks before {@code (s2, id2)}. */
  static boolean better(float s1, int id1, float s2, int id2) {
    return s1 > s2 || (s1 == s2 && id1 < id2);
  }
}
