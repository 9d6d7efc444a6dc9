package org.kge4j.hpo.study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.kge4j.hpo.HpoParameter;

/**
 * Studies held in this JVM's memory (Optuna's {@code InMemoryStorage}): shared by the threads that
 * use the same instance, lost when it is dropped. Every method is synchronized.
 */
public final class InMemoryStorage implements StudyStorage {
  private final Optional<Heartbeat> heartbeat;
  private final List<StudyRecord> studies = new ArrayList<>();

  /** An empty storage without heartbeats (threads of one JVM do not die silently). */
  public InMemoryStorage() {
    this.heartbeat = Optional.empty();
  }

  /** An empty storage whose running trials need heartbeats. */
  public InMemoryStorage(Heartbeat heartbeat) {
    this.heartbeat = Optional.of(heartbeat);
  }

  private static final class StudyRecord {
    final String name;
    final StudyDirection direction;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<TrialRecord> trials = new ArrayList<>();

    StudyRecord(String name, StudyDirection direction) {
      this.name = name;
      this.direction = direction;
    }
  }

  private static final class TrialRecord {
    final int number;
    TrialState state = TrialState.WAITING;
    Double value;
    final Map<String, Object> params = new LinkedHashMap<>();
    final Map<String, HpoParameter> distributions = new LinkedHashMap<>();
    final TreeMap<Integer, Double> intermediate = new TreeMap<>();
    Instant start;
    Instant end;
    long heartbeatMillis;
    String failMessage;
    final Map<String, String> userAttributes = new LinkedHashMap<>();
    final Map<String, String> systemAttributes = new LinkedHashMap<>();

    TrialRecord(int number) {
      this.number = number;
    }

    FrozenTrial freeze() {
      return new FrozenTrial(
          number,
          state,
          value == null ? OptionalDouble.empty() : OptionalDouble.of(value),
          params,
          distributions,
          intermediate,
          Optional.ofNullable(start),
          Optional.ofNullable(end),
          Optional.ofNullable(failMessage),
          userAttributes,
          systemAttributes);
    }
  }

  private StudyRecord study(long studyId) {
    if (studyId < 0 || studyId >= studies.size()) {
      throw new IllegalArgumentException("no study with id " + studyId);
    }
    return studies.get((int) studyId);
  }

  private TrialRecord trialRecord(long studyId, int number) {
    List<TrialRecord> trials = study(studyId).trials;
    if (number < 0 || number >= trials.size()) {
      throw new IllegalArgumentException(
          "study " + study(studyId).name + " has no trial " + number);
    }
    return trials.get(number);
  }

  private TrialRecord running(long studyId, int number) {
    TrialRecord t = trialRecord(studyId, number);
    if (t.state != TrialState.RUNNING) {
      throw new IllegalStateException(
          "trial " + number + " is " + t.state + ", not RUNNING: it can no longer be changed");
    }
    return t;
  }

  @Override
  public synchronized long createOrLoadStudy(String name, StudyDirection direction) {
    for (int id = 0; id < studies.size(); id++) {
      StudyRecord s = studies.get(id);
      if (s.name.equals(name)) {
        if (s.direction != direction) {
          throw new IllegalArgumentException(
              "study " + name + " exists with direction " + s.direction + ", got " + direction);
        }
        return id;
      }
    }
    studies.add(new StudyRecord(name, direction));
    return studies.size() - 1;
  }

  @Override
  public synchronized void setStudyAttribute(long studyId, String key, String value) {
    study(studyId).attributes.put(key, value);
  }

  @Override
  public synchronized Map<String, String> studyAttributes(long studyId) {
    return Map.copyOf(study(studyId).attributes);
  }

  @Override
  public synchronized int enqueueTrial(
      long studyId, Map<String, String> systemAttributes, Map<String, String> userAttributes) {
    List<TrialRecord> trials = study(studyId).trials;
    TrialRecord t = new TrialRecord(trials.size());
    t.systemAttributes.putAll(systemAttributes);
    t.userAttributes.putAll(userAttributes);
    trials.add(t);
    return t.number;
  }

  @Override
  public synchronized Optional<FrozenTrial> startTrial(
      long studyId, int maxActiveTrials, int maxTrialNumber) {
    List<TrialRecord> trials = study(studyId).trials;
    long active =
        trials.stream()
            .filter(
                t ->
                    t.state == TrialState.COMPLETE
                        || t.state == TrialState.PRUNED
                        || t.state == TrialState.RUNNING)
            .count();
    if (active >= maxActiveTrials) {
      return Optional.empty();
    }
    TrialRecord t =
        trials.stream().filter(r -> r.state == TrialState.WAITING).findFirst().orElse(null);
    if (t == null) {
      if (trials.size() >= maxTrialNumber) {
        return Optional.empty();
      }
      t = new TrialRecord(trials.size());
      trials.add(t);
    }
    long now = System.currentTimeMillis();
    t.state = TrialState.RUNNING;
    t.start = Instant.ofEpochMilli(now);
    t.heartbeatMillis = now;
    return Optional.of(t.freeze());
  }

  @Override
  public synchronized void setTrialParameter(
      long studyId, int number, String name, HpoParameter parameter, Object value) {
    TrialRecord t = running(studyId, number);
    if (t.params.containsKey(name)) {
      throw new IllegalStateException("trial " + number + " already has parameter " + name);
    }
    t.params.put(name, ParameterValues.coerce(parameter, value));
    t.distributions.put(name, parameter);
  }

  @Override
  public synchronized void setTrialIntermediateValue(
      long studyId, int number, int step, double value) {
    running(studyId, number).intermediate.put(step, value);
  }

  @Override
  public synchronized void setTrialAttribute(
      long studyId, int number, AttributeScope scope, String key, String value) {
    TrialRecord t = running(studyId, number);
    (scope == AttributeScope.USER ? t.userAttributes : t.systemAttributes).put(key, value);
  }

  @Override
  public synchronized boolean finishTrial(long studyId, int number, TrialOutcome outcome) {
    TrialRecord t = trialRecord(studyId, number);
    if (t.state != TrialState.RUNNING) {
      return false;
    }
    OptionalDouble value = outcome.value();
    t.state = outcome.state();
    t.value = value.isPresent() ? value.getAsDouble() : null;
    t.failMessage = outcome.failMessage().orElse(null);
    t.end = Instant.ofEpochMilli(System.currentTimeMillis());
    return true;
  }

  @Override
  public synchronized FrozenTrial trial(long studyId, int number) {
    return trialRecord(studyId, number).freeze();
  }

  @Override
  public synchronized List<FrozenTrial> trials(long studyId) {
    return study(studyId).trials.stream().map(TrialRecord::freeze).toList();
  }

  @Override
  public Optional<Heartbeat> heartbeat() {
    return heartbeat;
  }

  @Override
  public synchronized void recordHeartbeat(long studyId, int number) {
    TrialRecord t = trialRecord(studyId, number);
    if (t.state == TrialState.RUNNING) {
      t.heartbeatMillis = System.currentTimeMillis();
    }
  }

  @Override
  public synchronized List<Integer> failStaleTrials(long studyId) {
    if (heartbeat.isEmpty()) {
      return List.of();
    }
    long now = System.currentTimeMillis();
    List<Integer> failed = new ArrayList<>();
    for (TrialRecord t : study(studyId).trials) {
      if (t.state == TrialState.RUNNING
          && now - t.heartbeatMillis > heartbeat.get().grace().toMillis()) {
        t.state = TrialState.FAIL;
        t.failMessage = heartbeat.get().staleMessage(now - t.heartbeatMillis);
        t.end = Instant.ofEpochMilli(now);
        failed.add(t.number);
      }
    }
    return failed;
  }

  @Override
  public void close() {}
}
