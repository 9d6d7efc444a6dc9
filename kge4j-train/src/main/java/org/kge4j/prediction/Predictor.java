package org.kge4j.prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.kge4j.data.Dataset;
import org.kge4j.data.TriplesFactory;
import org.kge4j.model.Model;
import org.kge4j.sampling.TripleSet;

/**
 * Asks a trained model questions (PyKEEN's {@code predict_target} and {@code predict_triples}): the
 * top-k tails of {@code (h, r, ?)}, heads of {@code (?, r, t)} and relations of {@code (h, ?, t)},
 * and the scores of given triples, by label or by id. Labels and ids are those of the dataset's
 * training {@link TriplesFactory}.
 *
 * <p><b>Ranking.</b> Candidates are ordered by descending score; equal scores are ordered by
 * ascending id, so that every answer is deterministic. Only the best {@code top} are kept, in a
 * bounded heap ({@code O(n log top)} for {@code n} candidates, no sort of all of them). Tails and
 * heads are scored in one 1-N call ({@link Model#scoreTails(int, int, float[])}, {@link
 * Model#scoreHeads(int, int, float[])}), relations one by one with {@link Model#score}. A tail or
 * head answer carries the 1-N score, which may differ from {@code score(h, r, t)} of the same
 * triple in the last float bits (the kernels sum in another order).
 *
 * <p><b>Known triples.</b> A candidate whose completed triple lies in one of the {@link
 * #filtered()} splits is left out (by default all three: training, validation, testing, as in
 * filtered evaluation); {@link #filtering(Set)} chooses the splits, an empty set keeps every
 * candidate. Every answer carries the splits that contain its triple ({@link
 * Prediction#knownIn()}), so a kept known answer is flagged.
 *
 * <p><b>Threads.</b> A predictor never writes to the model, and holds only immutable state: it is
 * safe to use from several threads at once as long as nobody changes the model's parameters
 * meanwhile. Each query allocates its own score buffer ({@code numEntities} floats).
 *
 * <p><b>Errors.</b> An unknown label throws {@link UnknownLabelException} with the closest labels;
 * an id out of range or {@code top < 1} throws {@link IllegalArgumentException}; a NaN score throws
 * {@link IllegalStateException} naming the query and the candidate.
 */
public final class Predictor {

  /** How many closest labels an {@link UnknownLabelException} suggests. */
  public static final int SUGGESTIONS = 5;

  private final Model model;
  private final int numRelations;
  private final TriplesFactory labels;
  private final Map<KnownSplit, TripleSet> known;
  private final Set<KnownSplit> filtered;

  private Predictor(
      Model model,
      TriplesFactory labels,
      Map<KnownSplit, TripleSet> known,
      Set<KnownSplit> filtered) {
    this.model = model;
    // The data's relations: a model with inverse relations holds twice as many rows, the
    // inverses unlabelled.
    this.numRelations = labels.numRelations();
    this.labels = labels;
    this.known = known;
    this.filtered = Prediction.immutableSplits(filtered);
  }

  /**
   * A predictor for {@code model} over {@code dataset}'s id space that filters the known triples of
   * all three splits.
   *
   * @throws IllegalArgumentException if the model's entity or relation count differs from the
   *     dataset's (a model with inverse relations has two relation rows per relation)
   */
  public static Predictor of(Model model, Dataset dataset) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dataset, "dataset");
    int rowsPerRelation = model.inverseRelations() ? 2 : 1;
    if (model.numEntities() != dataset.numEntities()
        || model.numRelations() != rowsPerRelation * dataset.numRelations()) {
      throw new IllegalArgumentException(
          "the model has "
              + model.numEntities()
              + " entities and "
              + model.numRelations()
              + " relations"
              + (model.inverseRelations() ? " (with their inverses)" : "")
              + ", but dataset "
              + dataset.name()
              + " has "
              + dataset.numEntities()
              + " and "
              + dataset.numRelations());
    }
    Map<KnownSplit, TripleSet> known = new EnumMap<>(KnownSplit.class);
    known.put(KnownSplit.TRAINING, TripleSet.of(List.of(dataset.training())));
    known.put(KnownSplit.VALIDATION, TripleSet.of(List.of(dataset.validation())));
    known.put(KnownSplit.TESTING, TripleSet.of(List.of(dataset.testing())));
    return new Predictor(model, dataset.training(), known, EnumSet.allOf(KnownSplit.class));
  }

  /**
   * A predictor that shares this one's model and indexes but leaves out the known triples of {@code
   * splits} only (empty: keep every candidate).
   */
  public Predictor filtering(Set<KnownSplit> splits) {
    return new Predictor(model, labels, known, splits);
  }

  /** The splits whose known triples are left out of answers; unmodifiable. */
  public Set<KnownSplit> filtered() {
    return filtered;
  }

  /** The model asked. */
  public Model model() {
    return model;
  }

  /** Number of entities of the id space. */
  public int numEntities() {
    return model.numEntities();
  }

  /**
   * Number of relations of the id space: the data's, also for a model with inverse relations (whose
   * inverse rows are no relations to predict).
   */
  public int numRelations() {
    return numRelations;
  }

  /**
   * The id of entity {@code label}.
   *
   * @throws UnknownLabelException if there is no such entity, with the closest labels
   */
  public int entityId(String label) {
    Integer id = labels.entityToId().get(label);
    if (id == null) {
      throw new UnknownLabelException(
          "entity", label, ClosestLabels.find(label, labels.entityToId().keySet(), SUGGESTIONS));
    }
    return id;
  }

  /**
   * The id of relation {@code label}.
   *
   * @throws UnknownLabelException if there is no such relation, with the closest labels
   */
  public int relationId(String label) {
    Integer id = labels.relationToId().get(label);
    if (id == null) {
      throw new UnknownLabelException(
          "relation",
          label,
          ClosestLabels.find(label, labels.relationToId().keySet(), SUGGESTIONS));
    }
    return id;
  }

  /** Entity {@code id} with its label. */
  public LabeledId entity(int id) {
    return new LabeledId(checkEntity("entity", id), labels.entityLabel(id));
  }

  /** Relation {@code id} with its label. */
  public LabeledId relation(int id) {
    return new LabeledId(checkRelation(id), labels.relationLabel(id));
  }

  /** {@link #predictTails(int, int, int)} by labels. */
  public TargetPredictions predictTails(String head, String relation, int top) {
    return predictTails(entityId(head), relationId(relation), top);
  }

  /**
   * The {@code top} best tails of {@code (head, relation, ?)}.
   *
   * @throws IllegalArgumentException if an id is out of range or {@code top < 1}
   */
  public TargetPredictions predictTails(int head, int relation, int top) {
    checkEntity("head", head);
    checkRelation(relation);
    checkTop(top);
    float[] scores = new float[model.numEntities()];
    model.scoreTails(head, relation, scores);
    return rank(Target.TAIL, head, relation, -1, scores, top);
  }

  /** {@link #predictHeads(int, int, int)} by labels. */
  public TargetPredictions predictHeads(String relation, String tail, int top) {
    return predictHeads(relationId(relation), entityId(tail), top);
  }

  /**
   * The {@code top} best heads of {@code (?, relation, tail)}.
   *
   * @throws IllegalArgumentException if an id is out of range or {@code top < 1}
   */
  public TargetPredictions predictHeads(int relation, int tail, int top) {
    checkRelation(relation);
    checkEntity("tail", tail);
    checkTop(top);
    float[] scores = new float[model.numEntities()];
    model.scoreHeads(relation, tail, scores);
    return rank(Target.HEAD, -1, relation, tail, scores, top);
  }

  /** {@link #predictRelations(int, int, int)} by labels. */
  public TargetPredictions predictRelations(String head, String tail, int top) {
    return predictRelations(entityId(head), entityId(tail), top);
  }

  /**
   * The {@code top} best relations of {@code (head, ?, tail)} among the data's relations, each
   * scored with {@link Model#score}.
   *
   * @throws IllegalArgumentException if an id is out of range or {@code top < 1}
   */
  public TargetPredictions predictRelations(int head, int tail, int top) {
    checkEntity("head", head);
    checkEntity("tail", tail);
    checkTop(top);
    float[] scores = new float[numRelations];
    for (int r = 0; r < scores.length; r++) {
      scores[r] = model.score(head, r, tail);
    }
    return rank(Target.RELATION, head, -1, tail, scores, top);
  }

  /**
   * The best {@code top} candidates for {@code target} by {@code scores} (indexed by candidate id),
   * leaving out the filtered triples; the other two positions are fixed to the given ids.
   */
  private TargetPredictions rank(
      Target target, int head, int relation, int tail, float[] scores, int top) {
    TopK best = new TopK(Math.min(top, scores.length));
    String what = target.label();
    for (int c = 0; c < scores.length; c++) {
      int h = target == Target.HEAD ? c : head;
      int r = target == Target.RELATION ? c : relation;
      int t = target == Target.TAIL ? c : tail;
      float s = checkScore(scores[c], h, r, t, what);
      if (best.accepts(s, c) && !isFiltered(h, r, t)) {
        best.offer(s, c);
      }
    }
    List<Prediction> answers = new ArrayList<>();
    for (int c : best.drainBestFirst()) {
      int h = target == Target.HEAD ? c : head;
      int r = target == Target.RELATION ? c : relation;
      int t = target == Target.TAIL ? c : tail;
      String label = target == Target.RELATION ? labels.relationLabel(c) : labels.entityLabel(c);
      answers.add(new Prediction(c, label, scores[c], knownIn(h, r, t)));
    }
    Map<Target, LabeledId> fixed = new EnumMap<>(Target.class);
    if (target != Target.HEAD) {
      fixed.put(Target.HEAD, entity(head));
    }
    if (target != Target.RELATION) {
      fixed.put(Target.RELATION, relation(relation));
    }
    if (target != Target.TAIL) {
      fixed.put(Target.TAIL, entity(tail));
    }
    return new TargetPredictions(target, fixed, top, filtered, answers);
  }

  /** {@link #scoreTriple(int, int, int)} by labels. */
  public ScoredTriple scoreTriple(String head, String relation, String tail) {
    return scoreTriple(entityId(head), relationId(relation), entityId(tail));
  }

  /**
   * The score of {@code (head, relation, tail)} with the splits that contain it; never filtered.
   *
   * @throws IllegalArgumentException if an id is out of range
   */
  public ScoredTriple scoreTriple(int head, int relation, int tail) {
    LabeledId h = entity(head);
    LabeledId r = relation(relation);
    LabeledId t = entity(tail);
    float score = checkScore(model.score(head, relation, tail), head, relation, tail, "triple");
    return new ScoredTriple(h, r, t, score, knownIn(head, relation, tail));
  }

  /**
   * The scores of labelled triples, in the given order.
   *
   * @param triples {@code {head, relation, tail}} label arrays
   * @throws UnknownLabelException if a label is unknown
   * @throws IllegalArgumentException if a row is not three labels
   */
  public List<ScoredTriple> scoreTriples(List<String[]> triples) {
    List<ScoredTriple> scored = new ArrayList<>(triples.size());
    for (int i = 0; i < triples.size(); i++) {
      String[] row = triples.get(i);
      if (row == null || row.length != 3) {
        throw new IllegalArgumentException(
            "triple " + i + " must be {head, relation, tail}, got " + Arrays.toString(row));
      }
      scored.add(scoreTriple(row[0], row[1], row[2]));
    }
    return scored;
  }

  private boolean isFiltered(int head, int relation, int tail) {
    for (KnownSplit split : filtered) {
      if (known.get(split).contains(head, relation, tail)) {
        return true;
      }
    }
    return false;
  }

  private Set<KnownSplit> knownIn(int head, int relation, int tail) {
    EnumSet<KnownSplit> in = EnumSet.noneOf(KnownSplit.class);
    for (Map.Entry<KnownSplit, TripleSet> e : known.entrySet()) {
      if (e.getValue().contains(head, relation, tail)) {
        in.add(e.getKey());
      }
    }
    return in;
  }

  private int checkEntity(String what, int id) {
    if (id < 0 || id >= model.numEntities()) {
      throw new IllegalArgumentException(
          what + " id must be in [0, " + model.numEntities() + "), got " + id);
    }
    return id;
  }

  private int checkRelation(int id) {
    if (id < 0 || id >= numRelations) {
      throw new IllegalArgumentException(
          "relation id must be in [0, " + numRelations + "), got " + id);
    }
    return id;
  }

  private static void checkTop(int top) {
    if (top < 1) {
      throw new IllegalArgumentException("top must be >= 1, got " + top);
    }
  }

  private static float checkScore(float score, int head, int relation, int tail, String what) {
    if (Float.isNaN(score)) {
      throw new IllegalStateException(
          "the model scored ("
              + head
              + ", "
              + relation
              + ", "
              + tail
              + ") NaN while ranking a "
              + what
              + "; its parameters are not finite");
    }
    return score;
  }
}
