package org.kge4j.rdf.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.kge4j.data.TriplesFactory;
import org.kge4j.rdf.CleanupSplitter;
import org.kge4j.rdf.GraphFileOptions;
import org.kge4j.rdf.GraphFiles;
import org.kge4j.rdf.GraphRead;
import org.kge4j.rdf.SplitRatios;
import org.kge4j.rdf.TripleSplit;

/**
 * Times loading a graph file ({@link GraphFiles#read}: parse, intern, PyKEEN's id mapping, SHA-256)
 * and splitting it, repeated in one JVM, and measures the peak live heap: the largest heap
 * occupancy after any garbage collection during a repetition (reported by the collectors'
 * notifications), which is what the loader needs at least, garbage excluded.
 *
 * <p>It compares that peak with the bound of the loader's data structures (README, "Your own
 * graph"): {@code 40 MiB + Σ over labels (bytes + 128) + 42 bytes × statements} — the JVM and
 * Jena's classes, each label's string and map entries, and per statement at most 42 bytes of int
 * arrays (the growing triple array, its sort keys and the mapped copy, or the split's parts). Run
 * it with {@code -Xmx} set to the printed bound to see the load fit.
 *
 * <pre>
 * java -cp ... org.kge4j.rdf.bench.LoadBenchmark FILE [REPETITIONS]
 * </pre>
 */
public final class LoadBenchmark {

  private static final double MIB = 1024 * 1024;

  private LoadBenchmark() {}

  /** Loads {@code FILE} {@code REPETITIONS} times (default 5) and prints the figures. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: LoadBenchmark FILE [REPETITIONS]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    AtomicLong peakAfterGc = trackPeakAfterGc();
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "%s: %,d bytes; Java %s, %d processors, max heap %.0f MiB%n",
        file,
        size(file),
        System.getProperty("java.version"),
        runtime.availableProcessors(),
        runtime.maxMemory() / MIB);

    // CPU time of the whole process (the loading threads, JIT compilers and GC): a figure that
    // other processes on a shared machine disturb far less than wall-clock time. It measures work,
    // not speed, as the load runs on several threads.
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Double> readRates = new ArrayList<>();
    List<Double> cpuRates = new ArrayList<>();
    double[] splitSeconds = new double[repetitions];
    long peak = 0;
    GraphRead read = null;
    for (int rep = 0; rep < repetitions; rep++) {
      read = null; // The previous repetition's graph must not count towards this one's heap.
      System.gc();
      peakAfterGc.set(0);
      long cpuStart = os.getProcessCpuTime();
      long start = System.nanoTime();
      read = GraphFiles.read(file, GraphFileOptions.defaults());
      long loaded = System.nanoTime();
      double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
      TripleSplit split = CleanupSplitter.split(read.triples(), SplitRatios.DEFAULT, 42);
      long end = System.nanoTime();
      double seconds = (loaded - start) / 1e9;
      splitSeconds[rep] = (end - loaded) / 1e9;
      double rate = read.counts().statements() / seconds;
      readRates.add(rate);
      cpuRates.add(read.counts().statements() / cpuSeconds);
      peak = Math.max(peak, peakAfterGc.get());
      System.out.printf(
          Locale.ROOT,
          "rep %d: read %.2f s = %,.0f statements/s (CPU %.2f s = %,.0f/s; %,d statements, %,d"
              + " triples, %,d entities, %,d relations); split %.2f s (%d moved); peak live heap"
              + " %.1f MiB%n",
          rep + 1,
          seconds,
          rate,
          cpuSeconds,
          cpuRates.get(rep),
          read.counts().statements(),
          read.triples().numTriples(),
          read.triples().numEntities(),
          read.triples().numRelations(),
          splitSeconds[rep],
          split.movedToTraining(),
          peakAfterGc.get() / MIB);
    }
    summarise("read (wall clock)", readRates);
    summarise("read (CPU time of the process)", cpuRates);
    double[] splits = splitSeconds.clone();
    Arrays.sort(splits);
    System.out.printf(Locale.ROOT, "split: median %.2f s%n", median(splits));
    long bound = bound(read);
    System.out.printf(
        Locale.ROOT,
        "peak live heap %.1f MiB; bound 40 MiB + labels + 42 B x statements = %.1f MiB"
            + " (-Xmx%dm): %s%n",
        peak / MIB,
        bound / MIB,
        (long) Math.ceil(bound / MIB),
        peak <= bound ? "within" : "EXCEEDED");
  }

  /** The first (cold JVM) rate, then the median, min and max of the later ones. */
  private static void summarise(String what, List<Double> rates) {
    if (rates.size() == 1) {
      System.out.printf(Locale.ROOT, "%s: %,.0f statements/s%n", what, rates.get(0));
      return;
    }
    double[] warm =
        rates.subList(1, rates.size()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%s: first (cold JVM) %,.0f statements/s; later %d: median %,.0f, min %,.0f, max %,.0f"
            + " statements/s%n",
        what,
        rates.get(0),
        warm.length,
        median(warm),
        warm[0],
        warm[warm.length - 1]);
  }

  /** {@code 40 MiB + Σ (label bytes + 128) + 42 × statements}. */
  static long bound(GraphRead read) {
    TriplesFactory triples = read.triples();
    long labels = 0;
    for (String label : triples.entityToId().keySet()) {
      labels += bytes(label) + 128;
    }
    for (String label : triples.relationToId().keySet()) {
      labels += bytes(label) + 128;
    }
    return 40L * 1024 * 1024 + labels + 42L * read.counts().statements();
  }

  /** A compact string's bytes: one per character if all are Latin-1, else two. */
  private static long bytes(String label) {
    return label.chars().allMatch(c -> c < 256) ? label.length() : 2L * label.length();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The largest heap occupancy after a collection since the last reset, updated by every GC. */
  private static AtomicLong trackPeakAfterGc() {
    AtomicLong peak = new AtomicLong();
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                  if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                  }
                }
                peak.accumulateAndGet(used, Math::max);
              },
              null,
              null);
    }
    return peak;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
