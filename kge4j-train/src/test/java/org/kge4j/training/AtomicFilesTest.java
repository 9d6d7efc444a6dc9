package org.kge4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("sub").resolve("results.json");
    AtomicFiles.write(target, p -> Files.writeString(p, "first"));
    AtomicFiles.write(target, p -> Files.writeString(p, "second"));
    assertEquals("second", Files.readString(target, StandardCharsets.UTF_8));
    try (var files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void aFailedWriteKeepsTheOldContentAndCleansUp() throws IOException {
    Path target = dir.resolve("checkpoint.kge4j");
    Files.writeString(target, "old");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    target,
                    p -> {
                      Files.writeString(p, "partial");
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(target));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void newFilesGetTheUsualPermissionsNotOwnerOnly() throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return; // permissions are a POSIX notion
    }
    Path plain = Files.createFile(dir.resolve("plain"));
    Path written = dir.resolve("written");
    AtomicFiles.write(written, p -> Files.writeString(p, "x"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
  }
}
