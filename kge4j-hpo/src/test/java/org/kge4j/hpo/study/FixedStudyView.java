package org.kge4j.hpo.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A study view over hand-made trials whose system attributes pruners may set. */
final class FixedStudyView implements StudyView {
  private final String name;
  private final StudyDirection direction;
  private final TreeMap<Integer, FrozenTrial> trials = new TreeMap<>();

  FixedStudyView(String name, StudyDirection direction, List<FrozenTrial> trials) {
    this.name = name;
    this.direction = direction;
    trials.forEach(this::put);
  }

  void put(FrozenTrial t) {
    trials.put(t.number(), t);
  }

  FrozenTrial get(int number) {
    return trials.get(number);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StudyDirection direction() {
    return direction;
  }

  @Override
  public List<FrozenTrial> trials() {
    return new ArrayList<>(trials.values());
  }

  @Override
  public void setTrialSystemAttribute(int number, String key, String value) {
    FrozenTrial t = trials.get(number);
    Map<String, String> attributes = new LinkedHashMap<>(t.systemAttributes());
    attributes.put(key, value);
    trials.put(number, Trials.withSystemAttributes(t, attributes));
  }
}
