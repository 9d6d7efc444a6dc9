package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkersTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void runBesideRunsTheSerialWorkOnceAndEveryTaskOnce(int threads) {
    try (Workers workers = new Workers(threads)) {
      AtomicInteger serial = new AtomicInteger();
      AtomicIntegerArray runs = new AtomicIntegerArray(9);
      workers.runBeside(serial::incrementAndGet, 9, runs::incrementAndGet);
      assertEquals(1, serial.get());
      int[] counts = new int[9];
      for (int s = 0; s < 9; s++) {
        counts[s] = runs.get(s);
      }
      assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, counts);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aFailingSerialTaskFailsTheRunWithItsOwnException(int threads) {
    try (Workers workers = new Workers(threads)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  workers.runBeside(
                      () -> {
                        throw new IllegalStateException("look-ups failed");
                      },
                      4,
                      s -> {}));
      assertEquals("look-ups failed", e.getMessage());
    }
  }
}
