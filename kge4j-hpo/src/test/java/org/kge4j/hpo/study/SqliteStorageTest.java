package org.kge4j.hpo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.hpo.CategoricalParameter;
import org.kge4j.hpo.FloatParameter;
import org.kge4j.hpo.IntParameter;
import org.kge4j.hpo.PowerTwoParameter;
import org.kge4j.testing.JavaProcesses;

/**
 * The storage contract for both storages, what SQLite keeps across processes, and two real worker
 * processes on one study file (one of them killed with {@code kill -9}).
 */
class SqliteStorageTest {
  @TempDir Path dir;

  private List<Supplier<StudyStorage>> storages(Heartbeat heartbeat) {
    return List.of(
        () -> new InMemoryStorage(heartbeat),
        () -> SqliteStorage.open(dir.resolve("contract-" + System.nanoTime() + ".db"), heartbeat));
  }

  @Test
  void startTrialRespectsTheActiveLimitTheNumberLimitAndWaitingTrials() {
    for (Supplier<StudyStorage> make : storages(Heartbeat.DEFAULT)) {
      try (StudyStorage s = make.get()) {
        long id = s.createOrLoadStudy("limits", StudyDirection.MINIMIZE);
        assertEquals(0, s.startTrial(id, 2, 10).orElseThrow().number());
        assertEquals(1, s.startTrial(id, 2, 10).orElseThrow().number());
        assertEquals(Optional.empty(), s.startTrial(id, 2, 10), "2 running fill 2");
        assertTrue(s.finishTrial(id, 0, TrialOutcome.failed("x")));
        assertFalse(
            s.finishTrial(id, 0, TrialOutcome.complete(1)), "a finished trial stays finished");
        assertEquals(2, s.startTrial(id, 2, 10).orElseThrow().number(), "failed trials free room");
        int waiting = s.enqueueTrial(id, Map.of("k", "v"), Map.of());
        assertEquals(3, waiting);
        assertEquals(Optional.empty(), s.startTrial(id, 2, 10), "trials 1 and 2 still fill 2");
        FrozenTrial started = s.startTrial(id, 10, 3).orElseThrow();
        assertEquals(3, started.number(), "a waiting trial has its number: no number limit");
        assertEquals(Map.of("k", "v"), started.systemAttributes());
        assertEquals(Optional.empty(), s.startTrial(id, 10, 4), "a new trial 4 would reach 4");
        assertEquals(4, s.startTrial(id, 10, 10).orElseThrow().number());
        IllegalStateException e =
            assertThrows(
                IllegalStateException.class, () -> s.setTrialIntermediateValue(id, 0, 1, 0.5));
        assertEquals(
            "trial 0 is FAIL, not RUNNING: it can no longer be changed",
            e.getMessage(),
            make.toString());
      }
    }
  }

  @Test
  void aSilentWorkersTrialFailsAfterTheGrace() throws InterruptedException {
    Heartbeat quick = new Heartbeat(Duration.ofMillis(20), Duration.ofMillis(300));
    for (Supplier<StudyStorage> make : storages(quick)) {
      try (StudyStorage s = make.get()) {
        long id = s.createOrLoadStudy("stale", StudyDirection.MINIMIZE);
        s.startTrial(id, 10, 10);
        s.startTrial(id, 10, 10);
        assertEquals(List.of(), s.failStaleTrials(id));
        Thread.sleep(400);
        s.recordHeartbeat(id, 1);
        assertEquals(List.of(0), s.failStaleTrials(id), "trial 1 beat in time");
        FrozenTrial dead = s.trial(id, 0);
        assertEquals(TrialState.FAIL, dead.state());
        assertTrue(dead.failMessage().orElseThrow().startsWith("worker died: no heartbeat for "));
        assertTrue(dead.failMessage().orElseThrow().endsWith(" s (grace 0.3 s)"));
        assertEquals(TrialState.RUNNING, s.trial(id, 1).state());
      }
    }
  }

  @Test
  void everyFieldSurvivesReopeningTheFile() {
    Path file = dir.resolve("round-trip.db");
    List<FrozenTrial> before;
    try (SqliteStorage s = SqliteStorage.open(file)) {
      long id = s.createOrLoadStudy("round trip", StudyDirection.MAXIMIZE);
      s.setStudyAttribute(id, "dataset", "nations");
      s.startTrial(id, 10, 10);
      s.setTrialParameter(id, 0, "lr", new FloatParameter("lr", 1e-4, 1e-1, true), 0.0031415);
      s.setTrialParameter(id, 0, "dim", new IntParameter("dim", 16, 256, 16, false), 48);
      s.setTrialParameter(id, 0, "batch", new PowerTwoParameter("batch", 4, 12), 256);
      CategoricalParameter odd = new CategoricalParameter("a;b:c", List.of("x:1;", "", "3:yy"));
      s.setTrialParameter(id, 0, "a;b:c", odd, "3:yy");
      s.setTrialIntermediateValue(id, 0, 0, 0.25);
      s.setTrialIntermediateValue(id, 0, 5, Double.NaN);
      s.setTrialIntermediateValue(id, 0, 7, Double.NEGATIVE_INFINITY);
      s.setTrialAttribute(id, 0, AttributeScope.USER, "stopped_epoch", "5");
      s.setTrialAttribute(id, 0, AttributeScope.SYSTEM, "completed_rung_0", "0.25");
      assertTrue(s.finishTrial(id, 0, TrialOutcome.complete(0.75)));
      s.startTrial(id, 10, 10);
      s.finishTrial(id, 1, TrialOutcome.failed("boom: ünïcode"));
      s.enqueueTrial(id, Map.of("fixed_params", "1:xd4:0.25"), Map.of("memo", "m"));
      before = s.trials(id);
    }
    try (SqliteStorage s = SqliteStorage.open(file)) {
      long id = s.createOrLoadStudy("round trip", StudyDirection.MAXIMIZE);
      List<FrozenTrial> after = s.trials(id);
      assertEquals(before, after);
      FrozenTrial t = after.get(0);
      assertEquals(List.of("lr", "dim", "batch", "a;b:c"), List.copyOf(t.params().keySet()));
      assertEquals(256, t.params().get("batch"));
      assertEquals(new PowerTwoParameter("batch", 4, 12), t.distributions().get("batch"));
      assertEquals(0.0031415, t.params().get("lr"));
      assertEquals(48, t.params().get("dim"));
      assertEquals("3:yy", t.params().get("a;b:c"));
      assertEquals(new FloatParameter("lr", 1e-4, 1e-1, true), t.distributions().get("lr"));
      assertTrue(Double.isNaN(t.intermediateValues().get(5)));
      assertEquals(Double.NEGATIVE_INFINITY, t.intermediateValues().get(7));
      assertEquals(OptionalDouble.of(0.75), t.value());
      assertTrue(t.duration().isPresent());
      assertEquals(Optional.of("boom: ünïcode"), after.get(1).failMessage());
      assertEquals(TrialState.WAITING, after.get(2).state());
      assertEquals(Optional.empty(), after.get(2).start());
      assertEquals(Map.of("dataset", "nations"), s.studyAttributes(id));
      assertEquals(t, s.trial(id, 0));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> s.createOrLoadStudy("round trip", StudyDirection.MINIMIZE));
      assertEquals("study round trip exists with direction MAXIMIZE, got MINIMIZE", e.getMessage());
    }
  }

  @Test
  void aStudyResumesFromTheFile() {
    Path file = dir.resolve("resume.db");
    for (int run = 0; run < 2; run++) {
      try (SqliteStorage storage = SqliteStorage.open(file)) {
        Study study =
            Study.builder("resume", StudyDirection.MINIMIZE)
                .sampler(new RandomSampler(3))
                .storage(storage)
                .build();
        study.optimize(t -> t.suggestFloat("x", 0, 1), 3 + 2 * run);
      }
    }
    try (SqliteStorage storage = SqliteStorage.open(file)) {
      List<FrozenTrial> trials =
          Study.builder("resume", StudyDirection.MINIMIZE).storage(storage).build().trials();
      assertEquals(List.of(0, 1, 2, 3, 4), trials.stream().map(FrozenTrial::number).toList());
    }
  }

  @Test
  void aFileOfAnotherSchemaVersionIsRefused() throws Exception {
    Path file = dir.resolve("future.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kge4j_metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute("INSERT INTO kge4j_metadata VALUES ('schema_version', '2')");
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SqliteStorage.open(file));
    assertEquals(
        "study storage " + file + " has schema version 2; this kge4j reads version 1",
        e.getMessage());
    Path text = Files.writeString(dir.resolve("not-a-db.db"), "hello, this is no database at all");
    StorageException bad = assertThrows(StorageException.class, () -> SqliteStorage.open(text));
    assertTrue(bad.getMessage().contains(text.toString()), bad.getMessage());
  }

  @Test
  void theFileUsesWriteAheadLogging() throws Exception {
    Path file = dir.resolve("wal.db");
    SqliteStorage.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
      r.next();
      assertEquals("wal", r.getString(1));
    }
  }

  // ---- two real worker processes on one study file ----

  private Process worker(Path db, String study, int nTrials, Path work, String mode)
      throws IOException {
    ProcessBuilder pb =
        JavaProcesses.of(
            WorkerMain.class,
            db.toString(),
            study,
            Integer.toString(nTrials),
            work.toString(),
            mode);
    File log = work.resolve("worker-" + System.nanoTime() + ".log").toFile();
    pb.redirectErrorStream(true).redirectOutput(log);
    return pb.start();
  }

  private static void awaitFiles(Path work, String prefix, int count, Process... workers)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(work)) {
        if (files.filter(p -> p.getFileName().toString().startsWith(prefix)).count() >= count) {
          return;
        }
      }
      for (Process p : workers) {
        if (!p.isAlive() && p.exitValue() != 0) {
          throw new AssertionError("a worker exited with " + p.exitValue() + "; logs in " + work);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + count + " files " + prefix + "* in " + work + " within 60 s");
  }

  /**
   * One worker process per mode on study {@code name} in {@code <name>.db}, working in directory
   * {@code name}: started, and released together once both are ready.
   */
  private Process[] startTogether(String name, int nTrials, String... modes) throws Exception {
    Path db = dir.resolve(name + ".db");
    Path work = Files.createDirectories(dir.resolve(name));
    Process[] workers = new Process[modes.length];
    for (int i = 0; i < modes.length; i++) {
      workers[i] = worker(db, name, nTrials, work, modes[i]);
    }
    awaitFiles(work, "ready-", modes.length, workers);
    Files.writeString(work.resolve("go"), "");
    return workers;
  }

  private static List<FrozenTrial> trialsOf(Path db, String study) {
    try (SqliteStorage storage = SqliteStorage.open(db)) {
      return Study.builder(study, StudyDirection.MINIMIZE).storage(storage).build().trials();
    }
  }

  private static void assertExitsCleanly(Process p, Path work) throws InterruptedException {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "worker still running; logs in " + work);
    assertEquals(0, p.exitValue(), "worker exit code; logs in " + work);
  }

  @Test
  void twoWorkerProcessesFinishExactlyNTrialsTogether() throws Exception {
    int n = 12;
    Path work = dir.resolve("shared");
    for (Process p : startTogether("shared", n, "normal", "normal")) {
      assertExitsCleanly(p, work);
    }
    List<FrozenTrial> trials = trialsOf(dir.resolve("shared.db"), "shared");
    assertEquals(n, trials.size());
    assertTrue(
        trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE),
        "every trial complete, none evaluated twice");
    Set<Integer> numbers = new HashSet<>();
    Set<String> workers = new HashSet<>();
    for (FrozenTrial t : trials) {
      assertTrue(numbers.add(t.number()));
      workers.add(t.userAttributes().get("worker"));
      assertEquals(
          t.userAttributes().get("worker"), Files.readString(work.resolve("ran-" + t.number())));
    }
    assertEquals(2, workers.size(), "both workers ran trials");
    try (Stream<Path> ran = Files.list(work)) {
      assertEquals(n, ran.filter(p -> p.getFileName().toString().startsWith("ran-")).count());
    }
  }

  @Test
  void whenOneWorkerIsKilledTheOtherFailsItsTrialAndFinishesTheStudy() throws Exception {
    int n = 6;
    Path work = dir.resolve("killed");
    Process[] workers = startTogether("killed", n, "hang", "normal");
    Process victim = workers[0];
    Process survivor = workers[1];
    awaitFiles(work, "hanging", 1, victim, survivor);
    int hung = Integer.parseInt(Files.readString(work.resolve("hanging")));
    victim.destroyForcibly();
    assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
    assertExitsCleanly(survivor, work);
    List<FrozenTrial> trials = trialsOf(dir.resolve("killed.db"), "killed");
    List<Integer> failed = new ArrayList<>();
    for (FrozenTrial t : trials) {
      if (t.state() == TrialState.FAIL) {
        failed.add(t.number());
        assertTrue(
            t.failMessage().orElseThrow().startsWith("worker died: no heartbeat for "),
            t.failMessage().orElseThrow());
      } else {
        assertEquals(TrialState.COMPLETE, t.state());
      }
    }
    assertEquals(List.of(hung), failed, "only the killed worker's trial failed");
    assertEquals(n, trials.size() - 1, n + " complete trials besides the failed one");
  }
}
