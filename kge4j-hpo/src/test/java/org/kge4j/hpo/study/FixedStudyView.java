package org.kge4j.hpo.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A study view over hand-made trials whose system attributes pruners may set.
 *
 * @param name the study's name
 * @param direction whether the study minimises or maximises
 * @param byNumber the trials by number, which {@link #setTrialSystemAttribute} replaces
 */
record FixedStudyView(String name, StudyDirection direction, TreeMap<Integer, FrozenTrial> byNumber)
    implements StudyView {

  FixedStudyView(String name, StudyDirection direction, List<FrozenTrial> trials) {
    this(name, direction, new TreeMap<>());
    trials.forEach(this::put);
  }

  void put(FrozenTrial t) {
    byNumber.put(t.number(), t);
  }

  FrozenTrial get(int number) {
    return byNumber.get(number);
  }

  @Override
  public List<FrozenTrial> trials() {
    return new ArrayList<>(byNumber.values());
  }

  @Override
  public void setTrialSystemAttribute(int number, String key, String value) {
    FrozenTrial t = byNumber.get(number);
    Map<String, String> attributes = new LinkedHashMap<>(t.systemAttributes());
    attributes.put(key, value);
    byNumber.put(number, Trials.withSystemAttributes(t, attributes));
  }
}
