package org.kge4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kge4j.prediction.KnownSplit;
import org.kge4j.prediction.LabeledId;
import org.kge4j.prediction.Prediction;
import org.kge4j.prediction.ScoredTriple;
import org.kge4j.prediction.Target;
import org.kge4j.prediction.TargetPredictions;

/**
 * The one JSON form of predictions, written by {@code kge4j predict --format json} and returned by
 * {@code kge4j serve}, so that both give the same bytes for the same question.
 *
 * <p>A query, e.g. tails of {@code (h, r, ?)}:
 *
 * <pre>{@code
 * {
 *   "target" : "tail",
 *   "head" : { "id" : 3, "label" : "..." },
 *   "relation" : { "id" : 0, "label" : "..." },
 *   "top" : 10,
 *   "filtered" : [ "training", "validation", "testing" ],
 *   "answers" : [ { "rank" : 1, "id" : 7, "label" : "...", "score" : 4.25,
 *                   "known" : false, "known_in" : [ ] }, ... ]
 * }
 * }</pre>
 *
 * <p>Scored triples: {@code {"triples": [{"head": {id, label}, "relation": {...}, "tail": {...},
 * "score": s, "known": b, "known_in": [...]}, ...]}}. Scores are the model's float32 values,
 * written as the shortest decimal that reads back to the same float.
 */
final class PredictionJson {

  private PredictionJson() {}

  /** The document of one query's answers. */
  static Map<String, Object> document(TargetPredictions predictions) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("target", predictions.target().label());
    for (Map.Entry<Target, LabeledId> fixed : predictions.fixed().entrySet()) {
      document.put(fixed.getKey().label(), labeled(fixed.getValue()));
    }
    document.put("top", predictions.top());
    document.put("filtered", splits(predictions.filtered()));
    List<Map<String, Object>> answers = new ArrayList<>();
    int rank = 1;
    for (Prediction p : predictions.answers()) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("rank", rank++);
      answer.put("id", p.id());
      answer.put("label", p.label());
      answer.put("score", p.score());
      answer.put("known", p.known());
      answer.put("known_in", splits(p.knownIn()));
      answers.add(answer);
    }
    document.put("answers", answers);
    return document;
  }

  /** The document of scored triples, in their order. */
  static Map<String, Object> document(List<ScoredTriple> triples) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ScoredTriple t : triples) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("head", labeled(t.head()));
      row.put("relation", labeled(t.relation()));
      row.put("tail", labeled(t.tail()));
      row.put("score", t.score());
      row.put("known", t.known());
      row.put("known_in", splits(t.knownIn()));
      rows.add(row);
    }
    return Map.of("triples", rows);
  }

  /** {@code document} as indented JSON with a final newline. */
  static String write(Map<String, ?> document) {
    try {
      return OutputFiles.json().writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a prediction: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> labeled(LabeledId value) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", value.id());
    map.put("label", value.label());
    return map;
  }

  private static List<String> splits(Set<KnownSplit> splits) {
    return splits.stream().map(KnownSplit::label).toList();
  }
}
