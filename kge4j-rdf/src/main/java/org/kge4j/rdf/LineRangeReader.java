package org.kge4j.rdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.kge4j.concurrent.DaemonThreads;

/**
 * Reads an uncompressed N-Triples or N-Quads file on several threads: the file is cut at line ends
 * into byte ranges, RIOT parses each range on its own ({@link RdfReader#readLines}) into a
 * collector that shares one pair of label maps with the others ({@link
 * InternedTriples#sharingLabels()}), and the ranges' triples, counts and warnings are joined in
 * file order, while one more task hashes the file.
 *
 * <p>The result is the sequential read's: the same labels and triples (so the same {@link
 * org.kge4j.data.TriplesFactory}), counts and SHA-256, and the same warnings logged at the same
 * {@code file:line:column} (a range's line numbers are shifted by the line ends before it, counted
 * only when one of its warnings is logged). A cut after {@code \n} cannot split a UTF-8 character
 * (every byte of a multi-byte one is at least 0x80), and blank nodes keep their labels from the
 * file ({@link RdfReader#fileLabels()}), so {@code _:b1} in two ranges is one node. RIOT does
 * accept a statement spread over lines (line ends are white space to its tokenizer, and an IRI may
 * even hold one, with a warning): cut there, the range before the cut ends inside a statement and
 * fails. Whenever a range fails, for that reason or because the file is malformed, {@link #read}
 * returns nothing and the caller reads the file sequentially, which gives the sequential read's
 * result or its error with {@code file:line:column} — and nothing has been written either way.
 *
 * <p>Memory: the label maps are shared, so each label is held once; the ranges' triple arrays are
 * joined into one of the exact size, 12 bytes per triple beside theirs (30 in all at that moment,
 * as for one array that grows).
 */
final class LineRangeReader {

  /** The smallest range worth a task: below it, a file is read sequentially. */
  static final long MIN_RANGE_BYTES = 1 << 20;

  /**
   * Ranges per worker: several, so that a worker slowed by the hashing, Jena's start-up or another
   * process does not leave the others waiting at the end.
   */
  static final int RANGES_PER_WORKER = 4;

  private LineRangeReader() {}

  /**
   * Reads {@code file} with {@code workers} threads in up to {@value #RANGES_PER_WORKER} ranges per
   * worker of at least {@value #MIN_RANGE_BYTES} bytes.
   *
   * @return the triples, counts and SHA-256; empty if the file is too small to cut, there is only
   *     one worker, or a range failed: then read the file sequentially
   */
  static Optional<GraphFiles.Collected> read(
      Path file, String source, GraphFormat format, boolean keepLiterals, int workers) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    long ranges = Math.min((long) RANGES_PER_WORKER * workers, size / MIN_RANGE_BYTES);
    if (workers < 2 || ranges < 2) {
      return Optional.empty();
    }
    return read(file, source, format, keepLiterals, (int) ranges, workers);
  }

  /**
   * Reads {@code file} cut into (up to) {@code ranges} ranges with {@code workers} threads.
   *
   * @return the triples, counts and SHA-256; empty if a range failed: then read the file
   *     sequentially
   * @throws UncheckedIOException if this thread is interrupted
   */
  static Optional<GraphFiles.Collected> read(
      Path file, String source, GraphFormat format, boolean keepLiterals, int ranges, int workers) {
    ExecutorService pool =
        Executors.newFixedThreadPool(workers, DaemonThreads.named("kge4j-rdf-range"));
    try {
      long[] bounds = bounds(file, ranges);
      Future<String> hash = pool.submit(() -> sha256(file));
      InternedTriples all = new InternedTriples();
      List<Future<Range>> parts = new ArrayList<>();
      for (int i = 0; i + 1 < bounds.length; i++) {
        long start = bounds[i];
        long end = bounds[i + 1];
        InternedTriples triples = all.sharingLabels();
        parts.add(pool.submit(() -> readRange(file, format, keepLiterals, start, end, triples)));
      }
      // After a failure the other results are not needed: the finally stops their tasks.
      List<Range> read = new ArrayList<>();
      for (Future<Range> part : parts) {
        Optional<Range> range = result(part);
        if (range.isEmpty()) {
          return Optional.empty();
        }
        read.add(range.get());
      }
      Optional<String> sha256 = result(hash);
      if (sha256.isEmpty()) {
        return Optional.empty();
      }
      Tally tally = join(file, source, read, all);
      return Optional.of(new GraphFiles.Collected(all, tally, sha256.get()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          "cannot read " + source + ": interrupted", new InterruptedIOException());
    } catch (IOException e) {
      return Optional.empty(); // The sequential read reports it.
    } finally {
      stop(pool);
    }
  }

  /**
   * Waits for {@code task}.
   *
   * @return its result; empty if it failed
   * @throws Error what the task threw, if an {@code Error} (e.g. out of memory)
   */
  private static <T> Optional<T> result(Future<T> task) throws InterruptedException {
    try {
      return Optional.of(task.get());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      return Optional.empty();
    }
  }

  /**
   * Stops the workers and waits for them, so that a failed attempt holds no memory when the
   * sequential read starts: tasks not started are dropped, running ones interrupted, which ends
   * their reads (files are interruptible channels).
   */
  private static void stop(ExecutorService pool) {
    pool.shutdownNow();
    try {
      pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Joins the ranges into {@code all} and their counts in file order; logs their warnings. */
  private static Tally join(Path file, String source, List<Range> ranges, InternedTriples all)
      throws IOException {
    Tally tally = new Tally();
    long counted = 0; // The line ends before this byte are known: ...
    long lineEnds = 0; // ... this many.
    List<InternedTriples> parts = new ArrayList<>();
    for (Range range : ranges) {
      if (tally.warnings < RdfReader.LOGGED_WARNINGS && !range.warnings().isEmpty()) {
        lineEnds += lineEnds(file, counted, range.start());
        counted = range.start();
        long number = tally.warnings;
        for (Warning warning : range.warnings()) {
          long line = warning.line() < 1 ? warning.line() : lineEnds + warning.line();
          RdfReader.logWarning(source, line, warning.col(), warning.message(), ++number);
        }
      }
      tally.add(range.tally());
      parts.add(range.triples());
    }
    all.addAll(parts);
    return tally;
  }

  /**
   * The range bounds: {@code 0}, then for each {@code i} in {@code 1 .. ranges - 1} the start of
   * the first line that starts at or after {@code i / ranges} of the file, then the file size; cuts
   * that coincide (a line longer than a range) are merged.
   */
  static long[] bounds(Path file, int ranges) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      long size = channel.size();
      long[] bounds = new long[ranges + 1];
      int n = 1;
      for (int i = 1; i < ranges; i++) {
        long cut = lineStart(channel, size * i / ranges);
        // RIOT skips a byte order mark at the start of a stream, not within: none may start a
        // range.
        while (cut < size && startsWithBom(channel, cut)) {
          cut = lineStart(channel, cut + 1);
        }
        if (cut > bounds[n - 1] && cut < size) {
          bounds[n++] = cut;
        }
      }
      bounds[n++] = size;
      return Arrays.copyOf(bounds, n);
    }
  }

  /** The first position at or after {@code from} that follows a {@code \n}, or the file size. */
  private static long lineStart(FileChannel channel, long from) throws IOException {
    if (from == 0) {
      return 0;
    }
    ByteBuffer buffer = ByteBuffer.allocate(1 << 13);
    long position = from - 1; // The byte before a line start is its predecessor's '\n'.
    while (channel.read(buffer.clear(), position) > 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        if (buffer.get() == '\n') {
          return position + buffer.position();
        }
      }
      position += buffer.limit();
    }
    return channel.size();
  }

  private static boolean startsWithBom(FileChannel channel, long position) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(3);
    while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) > 0) {
      // Read on: a read may return fewer bytes.
    }
    return bytes.position() == 3
        && bytes.get(0) == (byte) 0xEF
        && bytes.get(1) == (byte) 0xBB
        && bytes.get(2) == (byte) 0xBF;
  }

  /** The number of {@code \n} bytes in {@code [from, to)} of the file. */
  private static long lineEnds(Path file, long from, long to) throws IOException {
    long count = 0;
    try (FileChannel channel = FileChannel.open(file)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      for (long position = from; position < to; ) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), to - position));
        int read = channel.read(buffer, position);
        if (read < 0) {
          break;
        }
        for (int i = 0; i < read; i++) {
          if (buffer.get(i) == '\n') {
            count++;
          }
        }
        position += read;
      }
    }
    return count;
  }

  private static Range readRange(
      Path file,
      GraphFormat format,
      boolean keepLiterals,
      long start,
      long end,
      InternedTriples triples)
      throws IOException {
    Tally tally = new Tally();
    RangeErrors errors = new RangeErrors(tally);
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(start);
      InputStream range =
          BoundedInputStream.builder().setInputStream(in).setMaxCount(end - start).get();
      RdfReader.readLines(range, format, errors, keepLiterals, triples, tally);
    }
    return new Range(start, triples, tally, errors.first);
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = GraphFiles.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** One range's triples and counts, and its first warnings with lines counted from its start. */
  private record Range(long start, InternedTriples triples, Tally tally, List<Warning> warnings) {}

  private record Warning(String message, long line, long col) {}

  /**
   * Counts a range's warnings and keeps the first ones, to be logged in file order; an error fails
   * the range (the sequential read then reports it).
   */
  private static final class RangeErrors implements ErrorHandler {
    private final Tally tally;
    final List<Warning> first = new ArrayList<>();

    RangeErrors(Tally tally) {
      this.tally = tally;
    }

    @Override
    public void warning(String message, long line, long col) {
      tally.warnings++;
      if (first.size() < RdfReader.LOGGED_WARNINGS) {
        first.add(new Warning(message, line, col));
      }
    }

    @Override
    public void error(String message, long line, long col) {
      throw new RiotException(message);
    }

    @Override
    public void fatal(String message, long line, long col) {
      error(message, line, col);
    }
  }
}
