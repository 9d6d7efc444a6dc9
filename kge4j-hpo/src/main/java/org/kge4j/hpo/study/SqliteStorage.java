package org.kge4j.hpo.study;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.kge4j.hpo.HpoParameter;
import org.sqlite.SQLiteConfig;

/**
 * Studies in an SQLite file ({@code org.xerial:sqlite-jdbc}), the embedded storage that lets
 * several worker processes share one study (Optuna's RDB storage, without a server).
 *
 * <p>The file uses write-ahead logging (readers never block the writer), a busy timeout (a writer
 * waits for another process's transaction instead of failing) and one transaction per method:
 * writes take the write lock up front ({@code BEGIN IMMEDIATE}), so the check-then-act of {@link
 * #startTrial} (count, pick a number, insert) is atomic across processes and trial numbers are
 * unique; reads see one consistent snapshot. One connection per instance, its methods synchronized
 * for the threads of one JVM.
 *
 * <p>Tables (schema version 1): {@code studies}, {@code study_attributes}, {@code trials} (number,
 * state, value, start/end/heartbeat in epoch milliseconds, fail message), {@code trial_params}
 * (definition in {@link StorageCodec}'s text form, value in Optuna's internal representation),
 * {@code trial_intermediate_values} (NaN stored as NULL), {@code trial_user_attributes}, {@code
 * trial_system_attributes}.
 */
public final class SqliteStorage implements StudyStorage {
  private static final String SCHEMA_VERSION = "1";
  private static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(60);

  private final Path file;
  private final Heartbeat heartbeat;
  private final Connection connection;

  private SqliteStorage(Path file, Heartbeat heartbeat, Duration busyTimeout) {
    this.file = file;
    this.heartbeat = heartbeat;
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    try {
      this.connection =
          DriverManager.getConnection(
              "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    } catch (SQLException e) {
      throw new StorageException("cannot open SQLite study storage " + file + ": " + e, e);
    }
    try {
      createSchema();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Opens (creating if needed) the storage file with {@link Heartbeat#DEFAULT}. */
  public static SqliteStorage open(Path file) {
    return open(file, Heartbeat.DEFAULT);
  }

  /** Opens (creating if needed) the storage file with the given heartbeat policy. */
  public static SqliteStorage open(Path file, Heartbeat heartbeat) {
    return open(file, heartbeat, DEFAULT_BUSY_TIMEOUT);
  }

  /**
   * Opens (creating if needed) the storage file; {@code busyTimeout} (default 60 s) bounds how long
   * a write waits for another process's transaction.
   */
  public static SqliteStorage open(Path file, Heartbeat heartbeat, Duration busyTimeout) {
    if (busyTimeout.isNegative()) {
      throw new IllegalArgumentException("busy timeout must be >= 0, got " + busyTimeout);
    }
    return new SqliteStorage(file, heartbeat, busyTimeout);
  }

  /** The storage file. */
  public Path file() {
    return file;
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private <T> T transaction(String begin, String what, SqlWork<T> work) {
    try {
      execute(begin);
    } catch (SQLException e) {
      throw new StorageException(what + " in " + file + " failed: " + e.getMessage(), e);
    }
    try {
      T result = work.run();
      execute("COMMIT");
      return result;
    } catch (SQLException e) {
      rollback();
      throw new StorageException(what + " in " + file + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    }
  }

  private <T> T write(String what, SqlWork<T> work) {
    return transaction("BEGIN IMMEDIATE", what, work);
  }

  private <T> T read(String what, SqlWork<T> work) {
    return transaction("BEGIN", what, work);
  }

  private void rollback() {
    try {
      execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction left to roll back (SQLite ends some on error by itself)
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement s = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        s.setNull(i + 1, Types.NULL);
      } else if (a instanceof Double d) {
        if (Double.isNaN(d)) {
          s.setNull(i + 1, Types.REAL);
        } else {
          s.setDouble(i + 1, d);
        }
      } else if (a instanceof Long l) {
        s.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        s.setInt(i + 1, n);
      } else {
        s.setString(i + 1, a.toString());
      }
    }
    return s;
  }

  private int update(String sql, Object... args) throws SQLException {
    try (PreparedStatement s = prepare(sql, args)) {
      return s.executeUpdate();
    }
  }

  /** What reads one row of a result while the cursor stands on it. */
  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  /** Runs the query {@code sql} with {@code args} and hands each row to {@code each}, in order. */
  private void forEachRow(String sql, RowReader each, Object... args) throws SQLException {
    try (PreparedStatement s = prepare(sql, args);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        each.read(r);
      }
    }
  }

  /**
   * Hands each row {@code (t.number, columns...)} of the per-trial table {@code table} (aliased
   * {@code x}) to {@code each}: the rows of the study's trials that {@code filter} keeps, in the
   * order {@code orderBy} gives (empty: any).
   */
  private void forEachTrialRow(
      String table, String columns, String filter, String orderBy, long studyId, RowReader each)
      throws SQLException {
    forEachRow(
        "SELECT t.number, "
            + columns
            + " FROM "
            + table
            + " x JOIN trials t ON t.trial_id = x.trial_id WHERE t.study_id = ?"
            + filter
            + orderBy,
        each,
        studyId);
  }

  private Optional<Long> queryLong(String sql, Object... args) throws SQLException {
    try (PreparedStatement s = prepare(sql, args);
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      long v = r.getLong(1);
      return r.wasNull() ? Optional.empty() : Optional.of(v);
    }
  }

  private void createSchema() {
    write(
        "creating the study schema",
        () -> {
          execute(
              "CREATE TABLE IF NOT EXISTS kge4j_metadata"
                  + " (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
          update(
              "INSERT OR IGNORE INTO kge4j_metadata (key, value) VALUES ('schema_version', ?)",
              SCHEMA_VERSION);
          String version;
          try (PreparedStatement s =
                  prepare("SELECT value FROM kge4j_metadata WHERE key = 'schema_version'");
              ResultSet r = s.executeQuery()) {
            r.next();
            version = r.getString(1);
          }
          if (!SCHEMA_VERSION.equals(version)) {
            throw new IllegalArgumentException(
                "study storage "
                    + file
                    + " has schema version "
                    + version
                    + "; this kge4j reads version "
                    + SCHEMA_VERSION);
          }
          execute(
              "CREATE TABLE IF NOT EXISTS studies (study_id INTEGER PRIMARY KEY AUTOINCREMENT,"
                  + " name TEXT NOT NULL UNIQUE, direction TEXT NOT NULL)");
          execute(
              "CREATE TABLE IF NOT EXISTS study_attributes (study_id INTEGER NOT NULL"
                  + " REFERENCES studies, key TEXT NOT NULL, value TEXT NOT NULL,"
                  + " PRIMARY KEY (study_id, key))");
          execute(
              "CREATE TABLE IF NOT EXISTS trials (trial_id INTEGER PRIMARY KEY AUTOINCREMENT,"
                  + " study_id INTEGER NOT NULL REFERENCES studies, number INTEGER NOT NULL,"
                  + " state TEXT NOT NULL, value REAL, start_ms INTEGER, end_ms INTEGER,"
                  + " heartbeat_ms INTEGER, fail_message TEXT, UNIQUE (study_id, number))");
          execute("CREATE INDEX IF NOT EXISTS trials_by_state ON trials (study_id, state)");
          execute(
              "CREATE TABLE IF NOT EXISTS trial_params (trial_id INTEGER NOT NULL REFERENCES"
                  + " trials, position INTEGER NOT NULL, name TEXT NOT NULL, distribution TEXT"
                  + " NOT NULL, value REAL NOT NULL, PRIMARY KEY (trial_id, name))");
          execute(
              "CREATE TABLE IF NOT EXISTS trial_intermediate_values (trial_id INTEGER NOT NULL"
                  + " REFERENCES trials, step INTEGER NOT NULL, value REAL,"
                  + " PRIMARY KEY (trial_id, step))");
          for (String table : List.of("trial_user_attributes", "trial_system_attributes")) {
            execute(
                "CREATE TABLE IF NOT EXISTS "
                    + table
                    + " (trial_id INTEGER NOT NULL REFERENCES trials, key TEXT NOT NULL,"
                    + " value TEXT NOT NULL, PRIMARY KEY (trial_id, key))");
          }
          return null;
        });
  }

  private String studyName(long studyId) throws SQLException {
    try (PreparedStatement s = prepare("SELECT name FROM studies WHERE study_id = ?", studyId);
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new IllegalArgumentException("no study with id " + studyId + " in " + file);
      }
      return r.getString(1);
    }
  }

  /** The trial's row id and state. */
  private record TrialRow(long id, TrialState state) {}

  private TrialRow trialRow(long studyId, int number) throws SQLException {
    try (PreparedStatement s =
            prepare(
                "SELECT trial_id, state FROM trials WHERE study_id = ? AND number = ?",
                studyId,
                number);
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new IllegalArgumentException(
            "study " + studyName(studyId) + " has no trial " + number);
      }
      return new TrialRow(r.getLong(1), TrialState.valueOf(r.getString(2)));
    }
  }

  private long runningTrialId(long studyId, int number) throws SQLException {
    TrialRow row = trialRow(studyId, number);
    if (row.state() != TrialState.RUNNING) {
      throw new IllegalStateException(
          "trial " + number + " is " + row.state() + ", not RUNNING: it can no longer be changed");
    }
    return row.id();
  }

  @Override
  public synchronized long createOrLoadStudy(String name, StudyDirection direction) {
    return write(
        "creating study " + name,
        () -> {
          try (PreparedStatement s =
                  prepare("SELECT study_id, direction FROM studies WHERE name = ?", name);
              ResultSet r = s.executeQuery()) {
            if (r.next()) {
              StudyDirection stored = StudyDirection.valueOf(r.getString(2));
              if (stored != direction) {
                throw new IllegalArgumentException(
                    "study " + name + " exists with direction " + stored + ", got " + direction);
              }
              return r.getLong(1);
            }
          }
          update("INSERT INTO studies (name, direction) VALUES (?, ?)", name, direction.name());
          return queryLong("SELECT study_id FROM studies WHERE name = ?", name).orElseThrow();
        });
  }

  @Override
  public synchronized void setStudyAttribute(long studyId, String key, String value) {
    write(
        "setting study attribute " + key,
        () -> {
          studyName(studyId);
          return update(
              "INSERT OR REPLACE INTO study_attributes (study_id, key, value) VALUES (?, ?, ?)",
              studyId,
              key,
              value);
        });
  }

  @Override
  public synchronized Map<String, String> studyAttributes(long studyId) {
    return read(
        "reading study attributes",
        () -> {
          studyName(studyId);
          Map<String, String> attributes = new LinkedHashMap<>();
          forEachRow(
              "SELECT key, value FROM study_attributes WHERE study_id = ? ORDER BY key",
              r -> attributes.put(r.getString(1), r.getString(2)),
              studyId);
          return attributes;
        });
  }

  private int nextNumber(long studyId) throws SQLException {
    return queryLong("SELECT MAX(number) FROM trials WHERE study_id = ?", studyId)
        .map(n -> (int) (n + 1))
        .orElse(0);
  }

  @Override
  public synchronized int enqueueTrial(
      long studyId, Map<String, String> systemAttributes, Map<String, String> userAttributes) {
    return write(
        "enqueueing a trial",
        () -> {
          studyName(studyId);
          int number = nextNumber(studyId);
          update(
              "INSERT INTO trials (study_id, number, state) VALUES (?, ?, 'WAITING')",
              studyId,
              number);
          long id = trialRow(studyId, number).id();
          insertAttributes("trial_system_attributes", id, systemAttributes);
          insertAttributes("trial_user_attributes", id, userAttributes);
          return number;
        });
  }

  private void insertAttributes(String table, long trialId, Map<String, String> attributes)
      throws SQLException {
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      update(
          "INSERT INTO " + table + " (trial_id, key, value) VALUES (?, ?, ?)",
          trialId,
          e.getKey(),
          e.getValue());
    }
  }

  @Override
  public synchronized Optional<FrozenTrial> startTrial(
      long studyId, int maxActiveTrials, int maxTrialNumber) {
    return write(
        "starting a trial",
        () -> {
          studyName(studyId);
          long active =
              queryLong(
                      "SELECT COUNT(*) FROM trials WHERE study_id = ?"
                          + " AND state IN ('COMPLETE', 'PRUNED', 'RUNNING')",
                      studyId)
                  .orElse(0L);
          if (active >= maxActiveTrials) {
            return Optional.empty();
          }
          long now = System.currentTimeMillis();
          Optional<Long> waiting =
              queryLong(
                  "SELECT MIN(number) FROM trials WHERE study_id = ? AND state = 'WAITING'",
                  studyId);
          int number;
          if (waiting.isPresent()) {
            number = (int) (long) waiting.get();
            update(
                "UPDATE trials SET state = 'RUNNING', start_ms = ?, heartbeat_ms = ?"
                    + " WHERE study_id = ? AND number = ?",
                now,
                now,
                studyId,
                number);
          } else {
            number = nextNumber(studyId);
            if (number >= maxTrialNumber) {
              return Optional.empty();
            }
            update(
                "INSERT INTO trials (study_id, number, state, start_ms, heartbeat_ms)"
                    + " VALUES (?, ?, 'RUNNING', ?, ?)",
                studyId,
                number,
                now,
                now);
          }
          return Optional.of(load(studyId, number).get(0));
        });
  }

  @Override
  public synchronized void setTrialParameter(
      long studyId, int number, String name, HpoParameter parameter, Object value) {
    Object canonical = ParameterValues.coerce(parameter, value);
    write(
        "setting parameter " + name + " of trial " + number,
        () -> {
          long id = runningTrialId(studyId, number);
          if (queryLong(
                      "SELECT COUNT(*) FROM trial_params WHERE trial_id = ? AND name = ?", id, name)
                  .orElse(0L)
              > 0) {
            throw new IllegalStateException("trial " + number + " already has parameter " + name);
          }
          long position =
              queryLong("SELECT COUNT(*) FROM trial_params WHERE trial_id = ?", id).orElse(0L);
          return update(
              "INSERT INTO trial_params (trial_id, position, name, distribution, value)"
                  + " VALUES (?, ?, ?, ?, ?)",
              id,
              position,
              name,
              StorageCodec.encode(parameter),
              ParameterValues.toInternal(parameter, canonical));
        });
  }

  @Override
  public synchronized void setTrialIntermediateValue(
      long studyId, int number, int step, double value) {
    write(
        "reporting step " + step + " of trial " + number,
        () ->
            update(
                "INSERT OR REPLACE INTO trial_intermediate_values (trial_id, step, value)"
                    + " VALUES (?, ?, ?)",
                runningTrialId(studyId, number),
                step,
                value));
  }

  @Override
  public synchronized void setTrialAttribute(
      long studyId, int number, AttributeScope scope, String key, String value) {
    String table =
        scope == AttributeScope.USER ? "trial_user_attributes" : "trial_system_attributes";
    write(
        "setting attribute " + key + " of trial " + number,
        () ->
            update(
                "INSERT OR REPLACE INTO " + table + " (trial_id, key, value) VALUES (?, ?, ?)",
                runningTrialId(studyId, number),
                key,
                value));
  }

  @Override
  public synchronized boolean finishTrial(long studyId, int number, TrialOutcome outcome) {
    OptionalDouble value = outcome.value();
    return write(
        "finishing trial " + number,
        () ->
            update(
                    "UPDATE trials SET state = ?, value = ?, end_ms = ?, fail_message = ?"
                        + " WHERE study_id = ? AND number = ? AND state = 'RUNNING'",
                    outcome.state().name(),
                    value.isPresent() ? value.getAsDouble() : null,
                    System.currentTimeMillis(),
                    outcome.failMessage().orElse(null),
                    studyId,
                    number)
                == 1);
  }

  @Override
  public synchronized FrozenTrial trial(long studyId, int number) {
    return read(
        "reading trial " + number,
        () -> {
          trialRow(studyId, number);
          return load(studyId, number).get(0);
        });
  }

  @Override
  public synchronized List<FrozenTrial> trials(long studyId) {
    return read(
        "reading trials",
        () -> {
          studyName(studyId);
          return load(studyId, null);
        });
  }

  /** The trials of a study, or the one numbered {@code only}; inside a transaction. */
  private List<FrozenTrial> load(long studyId, Integer only) throws SQLException {
    String filter = only == null ? "" : " AND t.number = " + only;
    Map<Integer, Map<String, Object>> params = new HashMap<>();
    Map<Integer, Map<String, HpoParameter>> distributions = new HashMap<>();
    forEachTrialRow(
        "trial_params",
        "x.name, x.distribution, x.value",
        filter,
        " ORDER BY t.number, x.position",
        studyId,
        r -> {
          int number = r.getInt(1);
          String name = r.getString(2);
          HpoParameter p = StorageCodec.decode(name, r.getString(3));
          params
              .computeIfAbsent(number, k -> new LinkedHashMap<>())
              .put(name, ParameterValues.fromInternal(p, r.getDouble(4)));
          distributions.computeIfAbsent(number, k -> new LinkedHashMap<>()).put(name, p);
        });
    Map<Integer, TreeMap<Integer, Double>> intermediate = new HashMap<>();
    forEachTrialRow(
        "trial_intermediate_values",
        "x.step, x.value",
        filter,
        "",
        studyId,
        r -> {
          double v = r.getDouble(3);
          // SQLite stores NaN as NULL
          double value = r.wasNull() ? Double.NaN : v;
          intermediate.computeIfAbsent(r.getInt(1), k -> new TreeMap<>()).put(r.getInt(2), value);
        });
    Map<Integer, Map<String, String>> user = attributes("trial_user_attributes", studyId, filter);
    Map<Integer, Map<String, String>> system =
        attributes("trial_system_attributes", studyId, filter);
    List<FrozenTrial> trials = new ArrayList<>();
    forEachRow(
        "SELECT t.number, t.state, t.value, t.start_ms, t.end_ms, t.fail_message"
            + " FROM trials t WHERE t.study_id = ?"
            + filter
            + " ORDER BY t.number",
        r -> {
          int number = r.getInt(1);
          double value = r.getDouble(3);
          OptionalDouble optionalValue =
              r.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
          long start = r.getLong(4);
          Optional<Instant> startTime =
              r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(start));
          long end = r.getLong(5);
          Optional<Instant> endTime =
              r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(end));
          trials.add(
              new FrozenTrial(
                  number,
                  TrialState.valueOf(r.getString(2)),
                  optionalValue,
                  params.getOrDefault(number, Map.of()),
                  distributions.getOrDefault(number, Map.of()),
                  intermediate.getOrDefault(number, new TreeMap<>()),
                  startTime,
                  endTime,
                  Optional.ofNullable(r.getString(6)),
                  user.getOrDefault(number, Map.of()),
                  system.getOrDefault(number, Map.of())));
        },
        studyId);
    return trials;
  }

  private Map<Integer, Map<String, String>> attributes(String table, long studyId, String filter)
      throws SQLException {
    Map<Integer, Map<String, String>> byTrial = new HashMap<>();
    forEachTrialRow(
        table,
        "x.key, x.value",
        filter,
        " ORDER BY t.number, x.key",
        studyId,
        r ->
            byTrial
                .computeIfAbsent(r.getInt(1), k -> new LinkedHashMap<>())
                .put(r.getString(2), r.getString(3)));
    return byTrial;
  }

  @Override
  public Optional<Heartbeat> heartbeat() {
    return Optional.of(heartbeat);
  }

  @Override
  public synchronized void recordHeartbeat(long studyId, int number) {
    write(
        "recording the heartbeat of trial " + number,
        () ->
            update(
                "UPDATE trials SET heartbeat_ms = ?"
                    + " WHERE study_id = ? AND number = ? AND state = 'RUNNING'",
                System.currentTimeMillis(),
                studyId,
                number));
  }

  @Override
  public synchronized List<Integer> failStaleTrials(long studyId) {
    return write(
        "failing stale trials",
        () -> {
          long now = System.currentTimeMillis();
          long oldest = now - heartbeat.grace().toMillis();
          Map<Integer, Long> stale = new LinkedHashMap<>();
          forEachRow(
              "SELECT number, heartbeat_ms FROM trials WHERE study_id = ?"
                  + " AND state = 'RUNNING' AND heartbeat_ms < ? ORDER BY number",
              r -> stale.put(r.getInt(1), r.getLong(2)),
              studyId,
              oldest);
          for (Map.Entry<Integer, Long> e : stale.entrySet()) {
            update(
                "UPDATE trials SET state = 'FAIL', end_ms = ?, fail_message = ?"
                    + " WHERE study_id = ? AND number = ?",
                now,
                heartbeat.staleMessage(now - e.getValue()),
                studyId,
                e.getKey());
          }
          return List.copyOf(stale.keySet());
        });
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StorageException("cannot close SQLite study storage " + file + ": " + e, e);
    }
  }
}
