package org.kge4j.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/** The pools' threads are daemons with the names their factory gives. */
class DaemonThreadsTest {

  @Test
  void aNamedFactoryMakesDaemonsWithThatNameRunningTheirTask() {
    ThreadFactory factory = DaemonThreads.named("kge4j-test");
    int[] ran = new int[1];
    Thread first = factory.newThread(() -> ran[0]++);
    Thread second = factory.newThread(() -> {});
    assertTrue(first.isDaemon());
    assertTrue(second.isDaemon());
    assertEquals("kge4j-test", first.getName());
    assertEquals("kge4j-test", second.getName());
    first.run();
    assertEquals(1, ran[0]);
  }

  @Test
  void aNumberedFactoryCountsItsDaemonsFromOne() {
    ThreadFactory factory = DaemonThreads.numbered("kge4j-test-");
    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});
    assertTrue(first.isDaemon());
    assertTrue(second.isDaemon());
    assertEquals("kge4j-test-1", first.getName());
    assertEquals("kge4j-test-2", second.getName());
  }
}
