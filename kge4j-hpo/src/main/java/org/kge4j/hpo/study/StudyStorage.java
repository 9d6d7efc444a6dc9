package org.kge4j.hpo.study;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kge4j.hpo.HpoParameter;

/**
 * Where studies and their trials live (Optuna's {@code BaseStorage}). Parallel workers are a
 * storage concern: every method is atomic, and workers that share a storage share its studies.
 * Studies are addressed by the id {@link #createOrLoadStudy} returns, trials by their number within
 * the study.
 *
 * <p>Contract: trial numbers are 0, 1, 2, ... in order of creation, unique within a study; {@link
 * #startTrial} hands each trial to exactly one worker; writes to a trial that is no longer {@code
 * RUNNING} throw {@link IllegalStateException} (its worker may have been declared dead);
 * implementations must be safe for concurrent use by threads (and, for shared files, processes).
 */
public interface StudyStorage extends AutoCloseable {
  /**
   * The id of the study with this name, created if absent.
   *
   * @throws IllegalArgumentException if the study exists with the other direction
   */
  long createOrLoadStudy(String name, StudyDirection direction);

  /** Sets a study attribute (e.g. dataset hash, seed, software version). */
  void setStudyAttribute(long studyId, String key, String value);

  /** The study's attributes. */
  Map<String, String> studyAttributes(long studyId);

  /** Adds a {@code WAITING} trial with the given attributes; returns its number. */
  int enqueueTrial(
      long studyId, Map<String, String> systemAttributes, Map<String, String> userAttributes);

  /**
   * Atomically starts a trial, if the study has room: when fewer than {@code maxActiveTrials}
   * trials are {@code COMPLETE}, {@code PRUNED} or {@code RUNNING}, the oldest {@code WAITING}
   * trial becomes {@code RUNNING}, or else, when the next number is below {@code maxTrialNumber}, a
   * new {@code RUNNING} trial is created; its start time and heartbeat are now.
   *
   * @return the started trial, or empty when there was no room
   */
  Optional<FrozenTrial> startTrial(long studyId, int maxActiveTrials, int maxTrialNumber);

  /** Records a suggested value of a {@code RUNNING} trial. */
  void setTrialParameter(
      long studyId, int number, String name, HpoParameter parameter, Object value);

  /** Records an intermediate value (NaN and infinities allowed) of a {@code RUNNING} trial. */
  void setTrialIntermediateValue(long studyId, int number, int step, double value);

  /** Sets a user or system attribute of a {@code RUNNING} trial. */
  void setTrialAttribute(long studyId, int number, AttributeScope scope, String key, String value);

  /**
   * Finishes a {@code RUNNING} trial with its outcome: a finished state, its value and, for {@code
   * FAIL}, a message.
   *
   * @return false when the trial was no longer running (another worker failed it as stale)
   */
  boolean finishTrial(long studyId, int number, TrialOutcome outcome);

  /** One trial. */
  FrozenTrial trial(long studyId, int number);

  /** All trials of the study, by number. */
  List<FrozenTrial> trials(long studyId);

  /** The heartbeat policy, if this storage supports heartbeats. */
  Optional<Heartbeat> heartbeat();

  /** Refreshes the heartbeat of a {@code RUNNING} trial (nothing once it has finished). */
  void recordHeartbeat(long studyId, int number);

  /**
   * Marks {@code FAIL} every {@code RUNNING} trial whose heartbeat is older than the grace period;
   * returns their numbers (none without a heartbeat policy).
   */
  List<Integer> failStaleTrials(long studyId);

  /** Releases the storage's resources. */
  @Override
  void close();
}
