package org.kge4j.hpo.study;

import java.util.List;

/**
 * What samplers and pruners see of a study: its name, direction and trials, and the one write they
 * may make, a trial's system attribute. {@link Study} is the full view; {@link HyperbandPruner}
 * narrows it to one bracket.
 */
public interface StudyView {
  /** The study's name. */
  String name();

  /** Whether the study minimises or maximises. */
  StudyDirection direction();

  /** Every trial of the study (of every worker), by number. */
  List<FrozenTrial> trials();

  /** Sets a system attribute of a trial (e.g. a rung value of successive halving). */
  void setTrialSystemAttribute(int number, String key, String value);
}
