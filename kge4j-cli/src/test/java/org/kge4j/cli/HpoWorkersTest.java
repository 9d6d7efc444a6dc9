package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.hpo.study.FrozenTrial;
import org.kge4j.hpo.study.SqliteStorage;
import org.kge4j.hpo.study.Study;
import org.kge4j.hpo.study.StudyDirection;
import org.kge4j.hpo.study.TrialState;
import org.kge4j.testing.JavaProcesses;

/** Two {@code kge4j hpo} processes on one SQLite study finish exactly {@code --n-trials}. */
class HpoWorkersTest {

  private static final Pattern TRIAL = Pattern.compile("^trial (\\d+) (COMPLETE|PRUNED|FAIL) ");

  @TempDir Path dir;

  private Process worker(Path storage, Path output) throws Exception {
    ProcessBuilder pb =
        JavaProcesses.of(
            Main.class,
            Cli.shortStudy(
                output,
                2,
                1,
                "--n-trials",
                "6",
                "--threads",
                "1",
                "--storage",
                storage.toString(),
                "--study-name",
                "shared"));
    File log = dir.resolve(output.getFileName() + ".log").toFile();
    pb.redirectErrorStream(true).redirectOutput(log);
    return pb.start();
  }

  private Set<Integer> trialsRunBy(String worker) throws Exception {
    Set<Integer> numbers = new HashSet<>();
    for (String line : Files.readAllLines(dir.resolve(worker + ".log"))) {
      Matcher m = TRIAL.matcher(line);
      if (m.find()) {
        assertTrue(numbers.add(Integer.parseInt(m.group(1))), line);
      }
    }
    return numbers;
  }

  @Test
  void twoWorkersOnOneStudyCompleteExactlyNTrialsTogether() throws Exception {
    Path storage = dir.resolve("shared.db");
    Process a = worker(storage, dir.resolve("a"));
    Process b = worker(storage, dir.resolve("b"));
    for (Process p : List.of(a, b)) {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "worker still running; logs in " + dir);
      assertEquals(0, p.exitValue(), () -> "worker failed: " + log(dir));
    }
    List<FrozenTrial> trials;
    try (SqliteStorage s = SqliteStorage.open(storage)) {
      trials = Study.builder("shared", StudyDirection.MAXIMIZE).storage(s).build().trials();
    }
    assertEquals(6, trials.size(), "no trial lost, none run twice");
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    Set<Integer> byA = trialsRunBy("a");
    Set<Integer> byB = trialsRunBy("b");
    Set<Integer> all = new HashSet<>(byA);
    all.addAll(byB);
    assertEquals(byA.size() + byB.size(), all.size(), "no trial run by both: " + byA + byB);
    assertEquals(Set.of(0, 1, 2, 3, 4, 5), all);
  }

  private static String log(Path dir) {
    List<String> text = new ArrayList<>();
    for (String name : List.of("a.log", "b.log")) {
      try {
        text.add(name + ":\n" + Files.readString(dir.resolve(name)));
      } catch (Exception e) {
        text.add(name + ": " + e);
      }
    }
    return String.join("\n", text);
  }
}
