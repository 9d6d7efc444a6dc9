package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.testing.JavaProcesses;

/** A run stopped from outside (SIGTERM, as Ctrl-C or kill) records that and says how to resume. */
class InterruptTest {

  @Test
  void anInterruptedRunIsMarkedAndPointsToItsCheckpoint(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    Path checkpoint = run.resolve(OutputFiles.CHECKPOINT_FILE);
    Path err = dir.resolve("stderr.txt");
    Process process =
        JavaProcesses.of(
                Main.class,
                "train",
                "--epochs",
                "100000",
                "--dim",
                "8",
                "--threads",
                "1",
                "--eval-frequency",
                "0",
                "--checkpoint-frequency",
                "1",
                "--quiet",
                "--output",
                run.toString())
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(err.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(checkpoint) && System.nanoTime() < deadline && process.isAlive()) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(checkpoint), () -> "no checkpoint within 60 s: " + read(err));
    } finally {
      process.destroy();
    }
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the JVM stops after SIGTERM");
    JsonNode results = Cli.results(run);
    assertEquals("failed", results.get("status").asText());
    assertEquals("interrupted", results.get("error").asText());
    assertTrue(
        read(err)
            .contains(
                "kge4j train: interrupted; continue with: kge4j train --resume " + checkpoint),
        () -> read(err));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
