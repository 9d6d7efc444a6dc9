package org.kge4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from file:// URLs and a local HTTP server only: no test touches the network. */
class DatasetDownloadTest {

  private static final List<String> NATIONS_SHA256 = Datasets.spec("nations").sha256();

  @TempDir Path cache;

  /** Sources (archives, bad files) live outside the cache. */
  @TempDir Path sources;

  private static Path nations() {
    return SharedDatasets.directory().resolve("nations");
  }

  private static DatasetSpec plainSpec(URI base, List<String> sha256, int numTraining) {
    return new DatasetSpec(
        "nations", base, DatasetSpec.Packaging.FILES, Datasets.SPLIT_FILES, sha256, numTraining);
  }

  private List<String> leftovers(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".txt")).toList();
    }
  }

  @Test
  void plainFilesAreDownloadedVerifiedAndLoaded() throws IOException {
    DatasetSpec spec = plainSpec(nations().toUri(), NATIONS_SHA256, 1592);
    Path directory = Datasets.ensureDownloaded(spec, cache);
    assertEquals(cache.resolve("nations"), directory);
    for (String file : Datasets.SPLIT_FILES) {
      assertEquals(
          Files.readString(nations().resolve(file)), Files.readString(directory.resolve(file)));
    }
    assertEquals(List.of(), leftovers(directory));
    assertEquals(14, Datasets.fromDirectory(directory).numEntities());
  }

  @Test
  void httpDownloadFetchesOnlyMissingFiles() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger requests = new AtomicInteger();
    server.createContext(
        "/nations/",
        exchange -> {
          requests.incrementAndGet();
          String file = exchange.getRequestURI().getPath().substring("/nations/".length());
          byte[] body = Files.readAllBytes(nations().resolve(file));
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nations/");
      Files.createDirectories(cache.resolve("nations"));
      Files.copy(nations().resolve("train.txt"), cache.resolve("nations/train.txt"));
      Datasets.ensureDownloaded(plainSpec(base, NATIONS_SHA256, 1592), cache);
      assertEquals(2, requests.get());
      assertEquals(
          Files.readString(nations().resolve("test.txt")),
          Files.readString(cache.resolve("nations/test.txt")));
      Datasets.ensureDownloaded(plainSpec(base, NATIONS_SHA256, 1592), cache);
      assertEquals(2, requests.get(), "a complete cache must not download again");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void offlineErrorNamesTheDirectoryAndFiles() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    DatasetSpec spec =
        plainSpec(URI.create("http://127.0.0.1:" + port + "/nations/"), List.of(), -1);
    DatasetDownloadException e =
        assertThrows(DatasetDownloadException.class, () -> Datasets.ensureDownloaded(spec, cache));
    String message = e.getMessage();
    assertTrue(message.contains(cache.resolve("nations").toAbsolutePath().toString()), message);
    assertTrue(message.contains("[train.txt, valid.txt, test.txt]"), message);
    assertTrue(message.contains("KGE4J_DATASETS"), message);
    assertEquals(List.of(), leftovers(cache.resolve("nations")));
  }

  @Test
  void httpErrorStatusIsADownloadError() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
    try {
      DatasetSpec spec =
          plainSpec(
              URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x/"),
              List.of(),
              -1);
      DatasetDownloadException e =
          assertThrows(
              DatasetDownloadException.class, () -> Datasets.ensureDownloaded(spec, cache));
      assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
      assertFalse(Files.exists(cache.resolve("nations/train.txt")));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void checksumMismatchLeavesNothingBehind() throws IOException {
    List<String> wrong = List.of("0".repeat(64), NATIONS_SHA256.get(1), NATIONS_SHA256.get(2));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Datasets.ensureDownloaded(plainSpec(nations().toUri(), wrong, -1), cache));
    assertEquals(
        "downloaded nations/train.txt has SHA-256 "
            + NATIONS_SHA256.get(0)
            + ", expected "
            + "0".repeat(64),
        e.getMessage());
    try (Stream<Path> files = Files.list(cache.resolve("nations"))) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void wrongTrainingSizeAndUnparsableFilesAreRejected() throws IOException {
    assertTrue(
        assertThrows(
                IllegalStateException.class,
                () ->
                    Datasets.ensureDownloaded(plainSpec(nations().toUri(), List.of(), 1000), cache))
            .getMessage()
            .endsWith("has 1592 triples, expected 1000"));
    Path bad = Files.createDirectories(sources.resolve("bad"));
    Files.writeString(bad.resolve("train.txt"), "<html>not found</html>\n");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Datasets.ensureDownloaded(plainSpec(bad.toUri(), List.of(), -1), cache));
    assertTrue(
        e.getMessage().startsWith("downloaded nations/train.txt is not a triples file"),
        e.getMessage());
  }

  @Test
  void zipArchiveEntriesAreExtracted() throws IOException {
    Path zip = sources.resolve("fb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("Release/readme.txt"));
      out.write("ignored".getBytes(StandardCharsets.UTF_8));
      for (String file : Datasets.SPLIT_FILES) {
        out.putNextEntry(new ZipEntry("Release/" + file));
        out.write(Files.readAllBytes(nations().resolve(file)));
      }
    }
    DatasetSpec spec =
        new DatasetSpec(
            "fb",
            zip.toUri(),
            DatasetSpec.Packaging.ZIP,
            List.of("Release/train.txt", "Release/valid.txt", "Release/test.txt"),
            NATIONS_SHA256,
            1592);
    Path directory = Datasets.ensureDownloaded(spec, cache);
    assertEquals(List.of(), leftovers(directory));
    Dataset dataset = Datasets.fromDirectory(directory);
    assertEquals(55, dataset.numRelations());
    assertEquals(201, dataset.testing().numTriples());
  }

  @Test
  void tarGzArchiveEntriesAreExtracted() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    writeTarEntry(tar, "./notes.txt", "ignored".getBytes(StandardCharsets.UTF_8));
    for (String file : Datasets.SPLIT_FILES) {
      writeTarEntry(tar, "./" + file, Files.readAllBytes(nations().resolve(file)));
    }
    tar.write(new byte[1024]);
    Path archive = sources.resolve("wn.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
      tar.writeTo(out);
    }
    DatasetSpec spec =
        new DatasetSpec(
            "wn",
            archive.toUri(),
            DatasetSpec.Packaging.TAR_GZ,
            Datasets.SPLIT_FILES,
            NATIONS_SHA256,
            1592);
    Dataset dataset = Datasets.fromDirectory(Datasets.ensureDownloaded(spec, cache));
    assertEquals(14, dataset.numEntities());
    assertEquals(199, dataset.validation().numTriples());
  }

  @Test
  void archiveWithoutTheEntryIsADownloadError() throws IOException {
    Path zip = sources.resolve("empty.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("other.txt"));
      out.write('x');
    }
    DatasetSpec spec =
        new DatasetSpec(
            "e", zip.toUri(), DatasetSpec.Packaging.ZIP, Datasets.SPLIT_FILES, List.of(), -1);
    assertTrue(
        assertThrows(DatasetDownloadException.class, () -> Datasets.ensureDownloaded(spec, cache))
            .getMessage()
            .contains("has no entry"));
  }

  @Test
  void specValidatesItsFields() {
    URI url = URI.create("file:///x/");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DatasetSpec(
                "x", url, DatasetSpec.Packaging.FILES, List.of("train.txt"), List.of(), -1));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DatasetSpec(
                "x",
                url,
                DatasetSpec.Packaging.FILES,
                Datasets.SPLIT_FILES,
                List.of("abc", "def", "0"),
                -1));
  }

  /** Writes one ustar entry: a 512-byte header (name, octal size, checksum) and padded data. */
  private static void writeTarEntry(ByteArrayOutputStream tar, String name, byte[] data) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", data.length));
    put(header, 136, String.format("%011o", 0));
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int checksum = 0;
    for (byte b : header) {
      checksum += b & 0xff;
    }
    put(header, 148, String.format("%06o", checksum));
    header[154] = 0;
    tar.writeBytes(header);
    tar.writeBytes(data);
    tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
