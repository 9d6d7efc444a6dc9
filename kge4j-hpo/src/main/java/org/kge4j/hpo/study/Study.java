package org.kge4j.hpo.study;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kge4j.concurrent.DaemonThreads;

/**
 * A hyper-parameter search (Optuna's {@code Study}): a named set of trials in a {@link
 * StudyStorage}, optimised in one direction by a {@link Sampler} and a {@link Pruner}.
 *
 * <pre>{@code
 * Study study = Study.builder("lr-search", StudyDirection.MINIMIZE)
 *     .sampler(new TpeSampler(42))
 *     .storage(SqliteStorage.open(Path.of("study.db")))
 *     .build();
 * study.optimize(trial -> {
 *   double lr = trial.suggestFloat("lr", 1e-4, 1e-1, true);
 *   return (Math.log10(lr) + 2) * (Math.log10(lr) + 2);
 * }, 50);
 * FrozenTrial best = study.bestTrial().orElseThrow();
 * }</pre>
 *
 * <p>Building a study creates it in its storage or loads it (same name, same direction), so several
 * processes that open the same storage and name share one study, and running {@link #optimize}
 * again resumes it. {@code nTrials} is the study's total: a worker starts a trial only while the
 * finished ({@code COMPLETE} or {@code PRUNED}) and running trials number fewer than {@code
 * nTrials}, waits while other workers' trials run, and stops once the study holds {@code nTrials}
 * finished trials; failed trials do not count. So two workers with {@code nTrials = 6} finish six
 * trials together. Before each trial a worker fails trials whose heartbeat went stale (their worker
 * died). A study object is safe for concurrent {@code optimize} calls from several threads.
 */
public final class Study implements StudyView {
  private static final System.Logger LOG = System.getLogger(Study.class.getName());

  /** The system attribute holding an enqueued trial's fixed parameters (Optuna's name). */
  static final String FIXED_PARAMS = "fixed_params";

  /** How long a worker waits before looking again when other workers' trials fill the study. */
  static final Duration WAIT_POLL = Duration.ofMillis(200);

  private final String name;
  private final StudyDirection direction;
  private final Sampler sampler;
  private final Pruner pruner;
  private final StudyStorage storage;
  private final long studyId;
  private final AtomicBoolean stopRequested = new AtomicBoolean();

  private Study(Builder b) {
    this.name = b.name;
    this.direction = b.direction;
    this.sampler = b.sampler;
    this.pruner = b.pruner;
    this.storage = b.storage;
    this.studyId = storage.createOrLoadStudy(name, direction);
  }

  /**
   * A builder for the study {@code name}; defaults: {@code new TpeSampler(0)}, {@code new
   * MedianPruner()} (Optuna's and PyKEEN's default pruner), a new {@link InMemoryStorage}.
   */
  public static Builder builder(String name, StudyDirection direction) {
    return new Builder(name, direction);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StudyDirection direction() {
    return direction;
  }

  /** The sampler. */
  public Sampler sampler() {
    return sampler;
  }

  /** The pruner. */
  public Pruner pruner() {
    return pruner;
  }

  /** The storage. */
  public StudyStorage storage() {
    return storage;
  }

  long studyId() {
    return studyId;
  }

  @Override
  public List<FrozenTrial> trials() {
    return storage.trials(studyId);
  }

  /** The trials in any of the given states, by number. */
  public List<FrozenTrial> trials(Set<TrialState> states) {
    return trials().stream().filter(t -> states.contains(t.state())).toList();
  }

  /** The complete trial with the best value (the lowest-numbered among equals), if any. */
  public Optional<FrozenTrial> bestTrial() {
    Comparator<FrozenTrial> byValue =
        Comparator.comparingDouble((FrozenTrial t) -> t.value().getAsDouble());
    if (direction == StudyDirection.MAXIMIZE) {
      byValue = byValue.reversed();
    }
    return trials(Set.of(TrialState.COMPLETE)).stream()
        .min(byValue.thenComparingInt(FrozenTrial::number));
  }

  @Override
  public void setTrialSystemAttribute(int number, String key, String value) {
    storage.setTrialAttribute(studyId, number, AttributeScope.SYSTEM, key, value);
  }

  /** Sets a study attribute (e.g. dataset hash, seeds, kge4j version). */
  public void setAttribute(String key, String value) {
    storage.setStudyAttribute(studyId, key, value);
  }

  /** The study's attributes. */
  public Map<String, String> attributes() {
    return storage.studyAttributes(studyId);
  }

  /**
   * Adds a trial whose objective gets these values (numbers or strings) for the named parameters
   * (Optuna's {@code enqueue_trial}); other parameters are sampled. Workers run enqueued trials
   * before new ones. Returns its number.
   */
  public int enqueueTrial(Map<String, ?> params) {
    return enqueueTrial(params, Map.of());
  }

  /** {@link #enqueueTrial(Map)} with user attributes for the trial. */
  public int enqueueTrial(Map<String, ?> params, Map<String, String> userAttributes) {
    return storage.enqueueTrial(
        studyId, Map.of(FIXED_PARAMS, StorageCodec.encodeValues(params)), userAttributes);
  }

  /** {@link #optimize(Objective, int, Duration)} without a time limit. */
  public void optimize(Objective objective, int nTrials) {
    run(objective, nTrials, Long.MAX_VALUE);
  }

  /**
   * Runs trials until the study holds {@code nTrials} finished trials, or until {@code timeout} has
   * passed when a trial ends (a running trial is not interrupted), or until the sampler has no more
   * points (grid), or {@link #stop()} is called, or the thread is interrupted.
   */
  public void optimize(Objective objective, int nTrials, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    long now = System.nanoTime();
    long nanos = timeout.toNanos();
    run(objective, nTrials, nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos);
  }

  /**
   * Makes the running {@link #optimize} calls of this study object return once their current trial
   * has finished, starting no further trial (Optuna's {@code Study.stop}), e.g. from an objective
   * that sees every trial fail. Later {@code optimize} calls run normally.
   */
  public void stop() {
    stopRequested.set(true);
  }

  private void run(Objective objective, int nTrials, long deadlineNanos) {
    Objects.requireNonNull(objective, "objective");
    Preconditions.atLeast("n_trials", nTrials, 1);
    int maxNumber = sampler.trialLimit().orElse(Integer.MAX_VALUE);
    ScheduledExecutorService beats =
        storage.heartbeat().isPresent()
            ? Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("kge4j-hpo-heartbeat-" + name))
            : null;
    try {
      while (!stopRequested.get()
          && !Thread.currentThread().isInterrupted()
          && System.nanoTime() < deadlineNanos) {
        for (int stale : storage.failStaleTrials(studyId)) {
          LOG.log(
              System.Logger.Level.WARNING,
              "study {0}: trial {1} failed: its worker died",
              name,
              stale);
        }
        Optional<FrozenTrial> started = storage.startTrial(studyId, nTrials, maxNumber);
        if (started.isPresent()) {
          runTrial(objective, started.get(), beats);
          continue;
        }
        List<FrozenTrial> all = trials();
        long finished =
            all.stream()
                .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
                .count();
        boolean waiting = all.stream().anyMatch(t -> t.state() == TrialState.WAITING);
        boolean exhausted = all.size() >= maxNumber && !waiting;
        if (finished >= nTrials || exhausted) {
          return;
        }
        // the running trials of other workers fill the study: wait for them to finish or fail
        Thread.sleep(WAIT_POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopRequested.set(false);
      if (beats != null) {
        beats.shutdownNow();
      }
    }
  }

  private void runTrial(Objective objective, FrozenTrial started, ScheduledExecutorService beats) {
    int number = started.number();
    Trial trial = new Trial(this, started);
    ScheduledFuture<?> beat = null;
    if (beats != null) {
      long interval = storage.heartbeat().orElseThrow().interval().toMillis();
      beat =
          beats.scheduleAtFixedRate(
              () -> {
                try {
                  storage.recordHeartbeat(studyId, number);
                } catch (RuntimeException e) {
                  LOG.log(
                      System.Logger.Level.WARNING,
                      "study " + name + ": heartbeat of trial " + number + " failed",
                      e);
                }
              },
              interval,
              interval,
              TimeUnit.MILLISECONDS);
    }
    TrialOutcome outcome;
    Error fatal = null;
    try {
      double v = objective.evaluate(trial);
      outcome =
          Double.isFinite(v)
              ? TrialOutcome.complete(v)
              : TrialOutcome.failed(
                  "the objective returned " + v + "; a trial's value must be finite");
    } catch (TrialPrunedException e) {
      OptionalDouble value = OptionalDouble.empty();
      FrozenTrial now = storage.trial(studyId, number);
      if (now.lastStep().isPresent()) {
        double last = now.intermediateValues().get(now.lastStep().getAsInt());
        value = Double.isFinite(last) ? OptionalDouble.of(last) : OptionalDouble.empty();
      }
      outcome = TrialOutcome.pruned(value);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = TrialOutcome.failed("interrupted: " + e);
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      outcome = TrialOutcome.failed(e.toString());
    } catch (Error e) {
      outcome = TrialOutcome.failed(e.toString());
      fatal = e;
    } finally {
      if (beat != null) {
        beat.cancel(false);
      }
    }
    TrialState state = outcome.state();
    boolean recorded = storage.finishTrial(studyId, number, outcome);
    if (!recorded) {
      LOG.log(
          System.Logger.Level.WARNING,
          "study {0}: trial {1} had already been failed by another worker (heartbeat older than"
              + " the grace period); its outcome {2} is dropped",
          name,
          number,
          state);
    } else if (state == TrialState.FAIL) {
      LOG.log(
          System.Logger.Level.WARNING,
          "study {0}: trial {1} failed with parameters {2}: {3}",
          name,
          number,
          trial.params(),
          outcome.failMessage().orElseThrow());
    } else {
      LOG.log(
          System.Logger.Level.DEBUG,
          "study {0}: trial {1} {2} with value {3} and parameters {4}",
          name,
          number,
          state,
          outcome.value(),
          trial.params());
    }
    if (fatal != null) {
      throw fatal;
    }
  }

  @Override
  public String toString() {
    return "Study(" + name + ", " + direction + ", " + sampler + ", " + pruner + ")";
  }

  /** Options of a {@link Study}. */
  public static final class Builder {
    private final String name;
    private final StudyDirection direction;
    private Sampler sampler = new TpeSampler(0);
    private Pruner pruner = new MedianPruner();
    private StudyStorage storage;

    private Builder(String name, StudyDirection direction) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a study needs a non-blank name, got '" + name + "'");
      }
      this.name = name;
      this.direction = Objects.requireNonNull(direction, "direction");
    }

    /** The sampler (default {@code new TpeSampler(0)}). */
    public Builder sampler(Sampler sampler) {
      this.sampler = Objects.requireNonNull(sampler, "sampler");
      return this;
    }

    /** The pruner (default {@code new MedianPruner()}). */
    public Builder pruner(Pruner pruner) {
      this.pruner = Objects.requireNonNull(pruner, "pruner");
      return this;
    }

    /** The storage (default a new {@link InMemoryStorage}). */
    public Builder storage(StudyStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** Creates the study in its storage, or loads it if it exists with the same direction. */
    public Study build() {
      if (storage == null) {
        storage = new InMemoryStorage();
      }
      return new Study(this);
    }
  }
}
