package org.kge4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Resolves datasets by name or directory, PyKEEN's {@code get_dataset}.
 *
 * <ul>
 *   <li>{@code null}, {@code ""} or {@code "embedded"}: the embedded default, a synthetic family
 *       graph ({@link FamilyGraph}, fixed seed) that needs no files;
 *   <li>a known name ({@link #names()}: nations, umls, kinships, fb15k237, wn18rr; case and
 *       punctuation are ignored, so {@code "FB15k-237"} works): read from the cache directory
 *       {@code <cache>/<name>/{train,valid,test}.txt}, downloaded first from the URL PyKEEN uses
 *       when missing;
 *   <li>anything else: a directory holding {@code train.txt}, {@code valid.txt} and {@code
 *       test.txt} (write {@code ./nations} to load a directory named like a known dataset).
 * </ul>
 *
 * <p>The cache directory is, in order of precedence, the system property {@value
 * #DATASETS_PROPERTY}, the environment variable {@value #DATASETS_ENV}, or {@code
 * ~/.kge4j/datasets}. Downloads go to a temporary file in the target directory that is verified
 * (non-empty, parses as triples, SHA-256 and training size when recorded) and then moved into place
 * atomically, so a cache never holds a partial file.
 *
 * <p>All splits are mapped with the training split's ids; validation and testing triples with
 * entities or relations unknown to training are dropped and logged, as in PyKEEN.
 */
public final class Datasets {

  /** Name of the embedded default dataset. */
  public static final String EMBEDDED = "embedded";

  /** The split file names, in the order training, validation, testing. */
  public static final List<String> SPLIT_FILES = List.of("train.txt", "valid.txt", "test.txt");

  /** System property that overrides the cache directory. */
  public static final String DATASETS_PROPERTY = "kge4j.datasets";

  /** Environment variable that overrides the cache directory. */
  public static final String DATASETS_ENV = "KGE4J_DATASETS";

  private static final System.Logger LOG = System.getLogger(Datasets.class.getName());

  private static final String PYKEEN_BUNDLED =
      "https://raw.githubusercontent.com/pykeen/pykeen/master/src/pykeen/datasets/";

  private static final Map<String, DatasetSpec> KNOWN = known();

  private Datasets() {}

  private static Map<String, DatasetSpec> known() {
    Map<String, DatasetSpec> specs = new LinkedHashMap<>();
    // PyKEEN bundles these three; the hashes are those of its files (= ../shared/datasets).
    specs.put(
        "nations",
        new DatasetSpec(
            "nations",
            URI.create(PYKEEN_BUNDLED + "nations/"),
            DatasetSpec.Packaging.FILES,
            SPLIT_FILES,
            List.of(
                "0830fa9da8e5bba2ccdaa45b7bdc9130451ba66b09ff2708f35fccaf82473e57",
                "2b337a62e51a2f45c283eac98a70d21b7e0e102136be1539b2a52c652a7b0530",
                "3971085165b47b6aeaec68058c6d8d98b3005e929db81268410b95ae4db770ab"),
            1592));
    specs.put(
        "umls",
        new DatasetSpec(
            "umls",
            URI.create(PYKEEN_BUNDLED + "umls/"),
            DatasetSpec.Packaging.FILES,
            SPLIT_FILES,
            List.of(
                "873ef4925516b83e7f6f8cc02b4be51d848828710a7f65a956f0ac4a9e452f35",
                "025c98f8a4891e2a6582ec5b40ee0d904031edad9c52554522f4b7904820c98e",
                "a7eb529a3d2810fcc96341ccc97c625a5e202f8389673aa6bd317eeebbb79014"),
            5216));
    specs.put(
        "kinships",
        new DatasetSpec(
            "kinships",
            URI.create(PYKEEN_BUNDLED + "kinships/"),
            DatasetSpec.Packaging.FILES,
            SPLIT_FILES,
            List.of(
                "738612111a6acf0e39662bde24c7e72a4d1edf20931beea077da367dda689731",
                "c56f8630a583178b1e569f11a64aa535ae1ce0b0912d8b1e24716be2b37f04da",
                "05e5733265761d55be9c05bfaff5a8d0808df46f9c1e9d66cc3f2fe114e43d88"),
            8544));
    // The archives' hashes are not recorded here; their training sizes (PyKEEN's docdata) are.
    specs.put(
        "fb15k237",
        new DatasetSpec(
            "fb15k237",
            URI.create(
                "https://download.microsoft.com/download/8/7/0/8700516A-AB3D-4850-B4BB-805C515AECE1/"
                    + "FB15K-237.2.zip"),
            DatasetSpec.Packaging.ZIP,
            List.of("Release/train.txt", "Release/valid.txt", "Release/test.txt"),
            List.of(),
            272_115));
    specs.put(
        "wn18rr",
        new DatasetSpec(
            "wn18rr",
            URI.create("https://github.com/TimDettmers/ConvE/raw/master/WN18RR.tar.gz"),
            DatasetSpec.Packaging.TAR_GZ,
            SPLIT_FILES,
            List.of(),
            86_835));
    return Collections.unmodifiableMap(specs);
  }

  /**
   * Loads a dataset by name or directory, using {@link #cacheDirectory()} for named datasets.
   *
   * @param nameOrDirectory {@code null}/{@code "embedded"}, a name of {@link #names()}, or a
   *     directory with {@code train.txt}, {@code valid.txt}, {@code test.txt}
   * @throws IllegalArgumentException for an unknown name that is no directory (the message lists
   *     the known names), or for malformed or empty split files
   * @throws DatasetDownloadException if a named dataset is missing and cannot be downloaded
   */
  public static Dataset load(String nameOrDirectory) {
    return load(nameOrDirectory, cacheDirectory());
  }

  /**
   * Loads a dataset by name or directory, reading and downloading named datasets in {@code
   * cacheDirectory}; see {@link #load(String)}.
   */
  public static Dataset load(String nameOrDirectory, Path cacheDirectory) {
    if (nameOrDirectory == null
        || nameOrDirectory.isBlank()
        || normalize(nameOrDirectory).equals(EMBEDDED)) {
      return embedded();
    }
    DatasetSpec spec = KNOWN.get(normalize(nameOrDirectory));
    if (spec != null) {
      return fromDirectory(ensureDownloaded(spec, cacheDirectory), spec.name());
    }
    Path directory = Path.of(nameOrDirectory);
    if (Files.isDirectory(directory)) {
      return fromDirectory(directory);
    }
    throw new IllegalArgumentException(
        "unknown dataset \""
            + nameOrDirectory
            + "\": expected "
            + EMBEDDED
            + ", one of "
            + names()
            + " or a directory holding "
            + SPLIT_FILES
            + " (no such directory: "
            + directory.toAbsolutePath()
            + ")");
  }

  /** The embedded default dataset: {@link FamilyGraph#generate} with its default seed. */
  public static Dataset embedded() {
    return EmbeddedHolder.DATASET;
  }

  /** Generated once, on first use; the dataset is immutable. */
  private static final class EmbeddedHolder {
    static final Dataset DATASET = FamilyGraph.generate(FamilyGraph.DEFAULT_SEED);
  }

  /** The known downloadable dataset names, in a fixed order. */
  public static List<String> names() {
    return List.copyOf(KNOWN.keySet());
  }

  /**
   * The download specification of a known dataset.
   *
   * @throws IllegalArgumentException if {@code name} is not one of {@link #names()}
   */
  public static DatasetSpec spec(String name) {
    DatasetSpec spec = name == null ? null : KNOWN.get(normalize(name));
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown dataset name \"" + name + "\": expected one of " + names());
    }
    return spec;
  }

  /**
   * The cache directory for named datasets: system property {@value #DATASETS_PROPERTY}, else
   * environment variable {@value #DATASETS_ENV}, else {@code ~/.kge4j/datasets}.
   */
  public static Path cacheDirectory() {
    String property = System.getProperty(DATASETS_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv(DATASETS_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".kge4j", "datasets");
  }

  /**
   * Reads {@code train.txt}, {@code valid.txt}, {@code test.txt} of a directory; the dataset is
   * named after the directory.
   *
   * @throws IllegalArgumentException if a file is missing (the message names the directory and the
   *     missing files), empty or malformed
   */
  public static Dataset fromDirectory(Path directory) {
    Path fileName = directory.toAbsolutePath().normalize().getFileName();
    return fromDirectory(directory, fileName == null ? directory.toString() : fileName.toString());
  }

  private static Dataset fromDirectory(Path directory, String name) {
    List<String> missing = missingSplits(directory);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "dataset directory "
              + directory.toAbsolutePath()
              + " must hold "
              + SPLIT_FILES
              + ", missing "
              + missing);
    }
    TriplesFactory training = TriplesFactory.fromPath(directory.resolve(SPLIT_FILES.get(0)));
    TriplesFactory validation =
        TriplesFactory.fromPath(directory.resolve(SPLIT_FILES.get(1)), training);
    TriplesFactory testing =
        TriplesFactory.fromPath(directory.resolve(SPLIT_FILES.get(2)), training);
    return new Dataset(name, training, validation, testing);
  }

  /**
   * Makes sure {@code <cacheDirectory>/<spec.name()>} holds the three split files, downloading and
   * verifying the missing ones; files already present are used as they are.
   *
   * @return the dataset's directory
   * @throws DatasetDownloadException if a download fails; the message names the directory and files
   *     to provide by hand
   * @throws IllegalStateException if a downloaded file fails verification
   */
  public static Path ensureDownloaded(DatasetSpec spec, Path cacheDirectory) {
    Path directory = cacheDirectory.resolve(spec.name());
    List<String> missing = missingSplits(directory);
    if (missing.isEmpty()) {
      return directory;
    }
    LOG.log(
        Level.INFO,
        "downloading dataset {0} from {1} into {2}",
        spec.name(),
        spec.url(),
        directory);
    try {
      Files.createDirectories(directory);
      if (spec.packaging() == DatasetSpec.Packaging.FILES) {
        for (int split = 0; split < 3; split++) {
          if (missing.contains(SPLIT_FILES.get(split))) {
            Path part = Files.createTempFile(directory, SPLIT_FILES.get(split), ".part");
            try {
              fetch(spec.url().resolve(spec.entries().get(split)), part);
              install(spec, split, part, directory);
            } finally {
              Files.deleteIfExists(part);
            }
          }
        }
      } else {
        Path archive = Files.createTempFile(directory, spec.name(), ".archive.part");
        try {
          fetch(spec.url(), archive);
          extract(spec, archive, directory, missing);
        } finally {
          Files.deleteIfExists(archive);
        }
      }
    } catch (IOException e) {
      String fromArchive =
          spec.packaging() == DatasetSpec.Packaging.FILES
              ? ""
              : " (the archive's entries " + spec.entries() + ")";
      throw new DatasetDownloadException(
          "cannot download dataset "
              + spec.name()
              + " from "
              + spec.url()
              + " ("
              + e
              + "). Without network, put the files "
              + SPLIT_FILES
              + fromArchive
              + " (head<TAB>relation<TAB>tail per line) into "
              + directory.toAbsolutePath()
              + ", or point -D"
              + DATASETS_PROPERTY
              + " or "
              + DATASETS_ENV
              + " at a directory that holds "
              + spec.name()
              + "/"
              + SPLIT_FILES.get(0)
              + " etc.",
          e);
    }
    return directory;
  }

  private static List<String> missingSplits(Path directory) {
    List<String> missing = new ArrayList<>();
    for (String file : SPLIT_FILES) {
      if (!Files.isRegularFile(directory.resolve(file))) {
        missing.add(file);
      }
    }
    return missing;
  }

  private static void fetch(URI uri, Path target) throws IOException {
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      Files.copy(Path.of(uri), target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
    try {
      HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(target));
      if (response.statusCode() != 200) {
        throw new IOException("HTTP status " + response.statusCode() + " for " + uri);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("download of " + uri + " interrupted");
    }
  }

  /**
   * Extracts the missing splits from a ZIP or tar.gz archive, each through a verified temp file.
   */
  private static void extract(DatasetSpec spec, Path archive, Path directory, List<String> missing)
      throws IOException {
    boolean[] found = new boolean[3];
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
      if (spec.packaging() == DatasetSpec.Packaging.ZIP) {
        ZipInputStream zip = new ZipInputStream(raw);
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
          extractEntry(spec, entry.getName(), zip, directory, missing, found);
        }
      } else {
        TarReader tar = new TarReader(new GZIPInputStream(raw));
        for (String name; (name = tar.nextEntry()) != null; ) {
          extractEntry(spec, name, tar.entryStream(), directory, missing, found);
        }
      }
    }
    for (int split = 0; split < 3; split++) {
      if (!found[split] && missing.contains(SPLIT_FILES.get(split))) {
        throw new IOException(
            "archive " + spec.url() + " has no entry " + spec.entries().get(split));
      }
    }
  }

  private static void extractEntry(
      DatasetSpec spec,
      String entryName,
      InputStream in,
      Path directory,
      List<String> missing,
      boolean[] found)
      throws IOException {
    String normalized = entryName.startsWith("./") ? entryName.substring(2) : entryName;
    int split = spec.entries().indexOf(normalized);
    if (split < 0 || !missing.contains(SPLIT_FILES.get(split))) {
      return;
    }
    found[split] = true;
    Path part = Files.createTempFile(directory, SPLIT_FILES.get(split), ".part");
    try {
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      install(spec, split, part, directory);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Verifies a downloaded split file and moves it into place atomically. */
  private static void install(DatasetSpec spec, int split, Path part, Path directory)
      throws IOException {
    String file = SPLIT_FILES.get(split);
    if (Files.size(part) == 0) {
      throw new IllegalStateException(
          "downloaded " + spec.name() + "/" + file + " from " + spec.url() + " is empty");
    }
    if (!spec.sha256().isEmpty()) {
      String actual = sha256(part);
      if (!actual.equals(spec.sha256().get(split))) {
        throw new IllegalStateException(
            "downloaded "
                + spec.name()
                + "/"
                + file
                + " has SHA-256 "
                + actual
                + ", expected "
                + spec.sha256().get(split));
      }
    }
    int lines;
    try {
      lines = TriplesFactory.readLabeledTriples(part).size();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "downloaded " + spec.name() + "/" + file + " is not a triples file: " + e.getMessage(),
          e);
    }
    if (split == 0 && spec.numTrainingTriples() >= 0 && lines != spec.numTrainingTriples()) {
      throw new IllegalStateException(
          "downloaded "
              + spec.name()
              + "/"
              + file
              + " has "
              + lines
              + " triples, expected "
              + spec.numTrainingTriples());
    }
    Path target = directory.resolve(file);
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Lower-case hex SHA-256 of a file. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256, which every Java SE must provide", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStreamSink.INSTANCE);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** Discards bytes; used to drain a digest stream. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {
      // Bytes only feed the digest.
    }

    @Override
    public void write(byte[] b, int off, int len) {
      // Bytes only feed the digest.
    }
  }

  /** Minimal reader of (ustar / GNU) tar streams: regular files and GNU long names. */
  private static final class TarReader {
    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
      this.in = in;
    }

    /** Advances to the next regular file and returns its name, or null at the end. */
    String nextEntry() throws IOException {
      String longName = null;
      while (true) {
        in.skipNBytes(remaining + padding);
        remaining = 0;
        padding = 0;
        byte[] header = in.readNBytes(512);
        if (header.length < 512 || isZero(header)) {
          return null;
        }
        long size =
            Long.parseLong(
                field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        String name = longName != null ? longName : field(header, 0, 100);
        String prefix = field(header, 345, 155);
        if (longName == null && !prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        if (type == 'L') {
          longName =
              new String(in.readNBytes((int) size), StandardCharsets.UTF_8).replace("\0", "");
          in.skipNBytes((512 - size % 512) % 512);
          continue;
        }
        remaining = size;
        padding = (512 - size % 512) % 512;
        if (type == '0' || type == 0) {
          return name;
        }
        longName = null;
      }
    }

    /** The current entry's bytes. */
    InputStream entryStream() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          if (remaining <= 0) {
            return -1;
          }
          int b = in.read();
          if (b >= 0) {
            remaining--;
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (remaining <= 0) {
            return -1;
          }
          int n = in.read(b, off, (int) Math.min(len, remaining));
          if (n > 0) {
            remaining -= n;
          }
          return n;
        }
      };
    }

    private static boolean isZero(byte[] block) {
      for (byte b : block) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }

    private static String field(byte[] header, int offset, int length) {
      int end = offset;
      while (end < offset + length && header[end] != 0) {
        end++;
      }
      return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
  }
}
