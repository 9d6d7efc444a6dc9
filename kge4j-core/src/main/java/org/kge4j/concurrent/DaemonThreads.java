package org.kge4j.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for kge4j's worker pools (training shards, evaluation, graph-file ranges, HPO
 * heartbeats, the prediction server). Their threads are daemons, so that a pool whose owner failed
 * before shutting it down never keeps the JVM from exiting, and they carry a kge4j name, so that a
 * thread dump tells which part of kge4j runs them.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A factory of daemon threads that are all called {@code name}. */
  public static ThreadFactory named(String name) {
    return task -> daemon(new Thread(task, name));
  }

  /**
   * A factory of daemon threads called {@code prefix1}, {@code prefix2}, ... in the order it
   * creates them, for pools whose threads are told apart in logs.
   */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> daemon(new Thread(task, prefix + count.incrementAndGet()));
  }

  private static Thread daemon(Thread thread) {
    thread.setDaemon(true);
    return thread;
  }
}
