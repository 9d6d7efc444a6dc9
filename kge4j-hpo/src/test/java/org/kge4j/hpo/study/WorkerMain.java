package org.kge4j.hpo.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A worker process for the storage tests: {@code WorkerMain DB STUDY N_TRIALS DIR MODE} joins the
 * SQLite study and runs TPE trials until the study holds {@code N_TRIALS} finished ones. Each
 * evaluation creates {@code DIR/ran-<number>} (failing if a trial were evaluated twice) and records
 * the worker's pid. Once it has opened the study it writes {@code DIR/ready-<pid>} and waits for
 * {@code DIR/go}, so concurrent workers start their trials together. Mode {@code hang} makes the
 * worker's first trial write {@code DIR/hanging} and sleep until the process is killed.
 */
public final class WorkerMain {
  /** Heartbeat of the test workers: a beat every 100 ms, stale after 1 s. */
  static final Heartbeat HEARTBEAT = new Heartbeat(Duration.ofMillis(100), Duration.ofSeconds(1));

  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    String name = args[1];
    int nTrials = Integer.parseInt(args[2]);
    Path dir = Path.of(args[3]);
    boolean hang = args[4].equals("hang");
    String pid = Long.toString(ProcessHandle.current().pid());
    try (SqliteStorage storage = SqliteStorage.open(db, HEARTBEAT)) {
      Study study =
          Study.builder(name, StudyDirection.MINIMIZE)
              .sampler(new TpeSampler(7))
              .pruner(new NopPruner())
              .storage(storage)
              .build();
      Files.writeString(dir.resolve("ready-" + pid), pid);
      while (!Files.exists(dir.resolve("go"))) {
        Thread.sleep(10);
      }
      boolean[] hung = {false};
      study.optimize(
          t -> {
            Files.writeString(dir.resolve("ran-" + t.number()), pid);
            t.setUserAttribute("worker", pid);
            double x = t.suggestFloat("x", -1, 1);
            if (hang && !hung[0]) {
              hung[0] = true;
              // written aside and moved in, so that the test, which reads it as soon as it
              // exists, never sees it empty (a loaded machine showed it between create and write)
              Path aside =
                  Files.writeString(dir.resolve("tmp-hanging"), Integer.toString(t.number()));
              Files.move(aside, dir.resolve("hanging"), StandardCopyOption.ATOMIC_MOVE);
              Thread.sleep(Long.MAX_VALUE);
            }
            for (int step = 0; step < 3; step++) {
              t.report(step, x * x + 1.0 / (step + 1));
              Thread.sleep(15);
            }
            return x * x;
          },
          nTrials);
    }
  }
}
