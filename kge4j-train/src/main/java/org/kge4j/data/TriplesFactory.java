package org.kge4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Immutable mapped triples with their label&lt;-&gt;id maps, the Java counterpart of PyKEEN's
 * {@code TriplesFactory}.
 *
 * <p>Ids are assigned like PyKEEN's {@code create_entity_mapping} / {@code
 * create_relation_mapping}: the distinct labels sorted by Unicode code point ({@link
 * #CODE_POINT_ORDER}, NumPy's order) get ids {@code 0..n-1}. Entities are the labels that occur as
 * head or tail. A factory built against an existing mapping (validation and test splits, {@link
 * #fromPath(Path, TriplesFactory)}) reuses that mapping and drops the triples whose labels it does
 * not know, as PyKEEN does; the number dropped is reported through {@link System.Logger} and {@link
 * #numDroppedTriples()}.
 *
 * <p>Triples are stored row-major as {@code (numTriples, 3)} ints {@code h, r, t}. Factories built
 * from labels (files) hold them as PyKEEN's {@code np.unique(axis=0)} does: sorted by {@code (h, r,
 * t)} with duplicates removed; {@link #fromMappedTriples} keeps the given order and duplicates
 * (PyKEEN's {@code CoreTriplesFactory}).
 */
public final class TriplesFactory {

  private static final System.Logger LOG = System.getLogger(TriplesFactory.class.getName());

  /**
   * Label order of the id assignment: by Unicode code point, as NumPy's {@code np.unique} sorts
   * strings. ({@link String#compareTo} compares UTF-16 units and differs for characters beyond
   * U+FFFF.)
   */
  public static final Comparator<String> CODE_POINT_ORDER = TriplesFactory::compareCodePoints;

  private final IdSpace ids;
  private final int[] triples;
  private final int numDroppedTriples;

  private TriplesFactory(IdSpace ids, int[] triples, int numDropped) {
    this.ids = ids;
    this.triples = triples;
    this.numDroppedTriples = numDropped;
  }

  /**
   * The id space of a factory, PyKEEN's {@code entity_to_id} and {@code relation_to_id}: the label
   * of every id and the map back. Splits of one graph share one instance.
   *
   * @param entityLabels label of entity id {@code i} at index {@code i}
   * @param entityToId unmodifiable label -&gt; id map of the entities, in id order
   * @param relationLabels label of relation id {@code i} at index {@code i}
   * @param relationToId unmodifiable label -&gt; id map of the relations, in id order
   */
  private record IdSpace(
      String[] entityLabels,
      Map<String, Integer> entityToId,
      String[] relationLabels,
      Map<String, Integer> relationToId) {

    /** The id space of the given labels, ids in array order. */
    static IdSpace of(String[] entityLabels, String[] relationLabels) {
      return new IdSpace(entityLabels, index(entityLabels), relationLabels, index(relationLabels));
    }
  }

  /**
   * Maps labelled triples, creating the id maps from their sorted distinct labels.
   *
   * @param labeledTriples triples as {@code {head, relation, tail}} label arrays
   * @throws IllegalArgumentException if there are no triples or a row is not three non-null labels
   */
  public static TriplesFactory fromLabeledTriples(List<String[]> labeledTriples) {
    Objects.requireNonNull(labeledTriples, "labeledTriples");
    if (labeledTriples.isEmpty()) {
      throw new IllegalArgumentException("labeledTriples must contain at least one triple, got 0");
    }
    TreeSet<String> entities = new TreeSet<>(CODE_POINT_ORDER);
    TreeSet<String> relations = new TreeSet<>(CODE_POINT_ORDER);
    for (int i = 0; i < labeledTriples.size(); i++) {
      String[] row = checkRow(labeledTriples.get(i), i);
      entities.add(row[0]);
      relations.add(row[1]);
      entities.add(row[2]);
    }
    String[] entityLabels = entities.toArray(new String[0]);
    String[] relationLabels = relations.toArray(new String[0]);
    return map(labeledTriples, IdSpace.of(entityLabels, relationLabels), "labeledTriples");
  }

  /**
   * Maps labelled triples with the id maps of {@code mapping} (PyKEEN's {@code
   * entity_to_id=training.entity_to_id, relation_to_id=training.relation_to_id}); triples with an
   * unknown entity or relation are dropped, counted and logged.
   *
   * @param labeledTriples triples as {@code {head, relation, tail}} label arrays
   * @param mapping the factory whose id maps to reuse, usually the training split
   * @param source what the triples are (a file name), used in the log message
   */
  public static TriplesFactory fromLabeledTriples(
      List<String[]> labeledTriples, TriplesFactory mapping, String source) {
    Objects.requireNonNull(labeledTriples, "labeledTriples");
    Objects.requireNonNull(mapping, "mapping");
    for (int i = 0; i < labeledTriples.size(); i++) {
      checkRow(labeledTriples.get(i), i);
    }
    return map(labeledTriples, mapping.ids, source);
  }

  /**
   * Builds a factory from already mapped triples and the labels of their ids.
   *
   * @param mappedTriples row-major {@code (n, 3)} ids {@code h, r, t}; copied
   * @param entityLabels label of entity id {@code i} at index {@code i}; distinct
   * @param relationLabels label of relation id {@code i} at index {@code i}; distinct
   * @throws IllegalArgumentException if the length is not a multiple of 3, an id is out of range or
   *     a label repeats
   */
  public static TriplesFactory fromMappedTriples(
      int[] mappedTriples, String[] entityLabels, String[] relationLabels) {
    Objects.requireNonNull(mappedTriples, "mappedTriples");
    IdSpace ids = IdSpace.of(entityLabels.clone(), relationLabels.clone());
    int numEntities = ids.entityLabels().length;
    int numRelations = ids.relationLabels().length;
    if (ids.entityToId().size() != numEntities || ids.relationToId().size() != numRelations) {
      throw new IllegalArgumentException(
          "entity and relation labels must be distinct, got "
              + numEntities
              + " entity labels with "
              + ids.entityToId().size()
              + " distinct and "
              + numRelations
              + " relation labels with "
              + ids.relationToId().size()
              + " distinct");
    }
    return withTriples(ids, mappedTriples);
  }

  /**
   * Maps triples whose columns index into label arrays in any order, such as the first-seen order
   * of a file read as a stream: the result is the factory that {@link #fromLabeledTriples(List)}
   * builds from the same triples written as labels (ids from the code-point-sorted labels, triples
   * sorted by {@code (h, r, t)} with duplicates removed), without holding one {@code String[]} per
   * triple.
   *
   * <p>Every given label gets an id, so callers pass only labels that occur in the triples.
   *
   * @param internedTriples row-major {@code h, r, t} indexes into {@code entityLabels} and {@code
   *     relationLabels}; only the first {@code 3 * numTriples} values are read
   * @param numTriples number of triples, {@code >= 1}
   * @param entityLabels distinct entity labels, indexed by the head and tail columns
   * @param relationLabels distinct relation labels, indexed by the relation column
   * @param source what the triples are (a file name), used in the log message about duplicates
   * @throws IllegalArgumentException if there is no triple, the array is too short, an index is out
   *     of range or a label repeats
   */
  public static TriplesFactory fromInternedTriples(
      int[] internedTriples,
      int numTriples,
      String[] entityLabels,
      String[] relationLabels,
      String source) {
    Objects.requireNonNull(internedTriples, "internedTriples");
    Objects.requireNonNull(source, "source");
    if (numTriples < 1 || 3L * numTriples > internedTriples.length) {
      throw new IllegalArgumentException(
          "numTriples must be in [1, internedTriples.length / 3 = "
              + internedTriples.length / 3
              + "], got "
              + numTriples);
    }
    IdSpace ids =
        IdSpace.of(
            sortedDistinct(entityLabels, "entity"), sortedDistinct(relationLabels, "relation"));
    int[] entityIds = new int[entityLabels.length];
    for (int i = 0; i < entityIds.length; i++) {
      entityIds[i] = ids.entityToId().get(entityLabels[i]);
    }
    int[] relationIds = new int[relationLabels.length];
    for (int i = 0; i < relationIds.length; i++) {
      relationIds[i] = ids.relationToId().get(relationLabels[i]);
    }
    long numEntities = ids.entityLabels().length;
    long numRelations = ids.relationLabels().length;
    checkIds(
        "internedTriples", internedTriples, 3 * numTriples, entityIds.length, relationIds.length);
    long[] keys = new long[numTriples];
    for (int i = 0; i < numTriples; i++) {
      long h = entityIds[internedTriples[3 * i]];
      long r = relationIds[internedTriples[3 * i + 1]];
      long t = entityIds[internedTriples[3 * i + 2]];
      keys[i] = (h * numRelations + r) * numEntities + t;
    }
    return fromKeys(keys, numTriples, ids, 0, source);
  }

  /**
   * A factory with this factory's id space and other triples, PyKEEN's {@code
   * clone_and_exchange_triples}: the triples are kept in the given order (as {@link
   * #fromMappedTriples}), the label arrays and maps are shared. Splits of one graph use it so that
   * they share one id space.
   *
   * @param mappedTriples row-major {@code (n, 3)} ids {@code h, r, t} of this id space; copied
   * @throws IllegalArgumentException if the length is not a multiple of 3 or an id is out of range
   */
  public TriplesFactory cloneAndExchangeTriples(int[] mappedTriples) {
    return withTriples(ids, mappedTriples);
  }

  /**
   * Reads a PyKEEN-style TSV file ({@code head<TAB>relation<TAB>tail}, one triple per line) and
   * creates the id maps from it.
   *
   * @throws IllegalArgumentException if the file is empty or a line is malformed (the message names
   *     the file and the 1-based line number)
   * @throws UncheckedIOException if the file cannot be read
   */
  public static TriplesFactory fromPath(Path path) {
    return fromLabeledTriples(readLabeledTriples(path));
  }

  /**
   * Reads a TSV file with the id maps of {@code mapping}, dropping (and logging) triples with
   * unknown labels; see {@link #fromLabeledTriples(List, TriplesFactory, String)}.
   */
  public static TriplesFactory fromPath(Path path, TriplesFactory mapping) {
    return fromLabeledTriples(readLabeledTriples(path), mapping, path.toString());
  }

  /**
   * Reads the labelled triples of a TSV file. Every line must hold exactly three non-empty,
   * tab-separated fields; a trailing {@code \r} is ignored and so are blank lines.
   *
   * @throws IllegalArgumentException on a malformed line ({@code file:line: ...}), a file without
   *     triples, or a missing file
   */
  public static List<String[]> readLabeledTriples(Path path) {
    Objects.requireNonNull(path, "path");
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "triples file " + path.toAbsolutePath() + " does not exist or is not a regular file");
    }
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length != 3
            || fields[0].isEmpty()
            || fields[1].isEmpty()
            || fields[2].isEmpty()) {
          throw new IllegalArgumentException(
              path
                  + ":"
                  + lineNumber
                  + ": expected 3 non-empty tab-separated fields head<TAB>relation<TAB>tail, got "
                  + fields.length
                  + " field(s) in \""
                  + abbreviate(line)
                  + "\"");
        }
        rows.add(fields);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read triples file " + path, e);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(path + ": file contains no triples (it is empty)");
    }
    return rows;
  }

  /** Number of entities of the id space (for a split: the shared space of the mapping). */
  public int numEntities() {
    return ids.entityLabels().length;
  }

  /** Number of relations of the id space. */
  public int numRelations() {
    return ids.relationLabels().length;
  }

  /** Number of (mapped, kept) triples. */
  public int numTriples() {
    return triples.length / 3;
  }

  /** Head id of triple {@code i}. */
  public int head(int i) {
    return triples[3 * checkTriple(i)];
  }

  /** Relation id of triple {@code i}. */
  public int relation(int i) {
    return triples[3 * checkTriple(i) + 1];
  }

  /** Tail id of triple {@code i}. */
  public int tail(int i) {
    return triples[3 * checkTriple(i) + 2];
  }

  /** A copy of the triples, row-major {@code (numTriples, 3)}: {@code h, r, t}. */
  public int[] mappedTriples() {
    return triples.clone();
  }

  /**
   * Copies the triples into {@code out} (length {@code >= 3 * numTriples()}) without allocating.
   */
  public void copyMappedTriples(int[] out) {
    if (out.length < triples.length) {
      throw new IllegalArgumentException(
          "out must have length >= " + triples.length + " (3 * numTriples), got " + out.length);
    }
    System.arraycopy(triples, 0, out, 0, triples.length);
  }

  /** Number of triples dropped because an entity or relation was not in the mapping. */
  public int numDroppedTriples() {
    return numDroppedTriples;
  }

  /** Label of entity {@code id}. */
  public String entityLabel(int id) {
    return label(ids.entityLabels(), "entity", id);
  }

  /** Label of relation {@code id}. */
  public String relationLabel(int id) {
    return label(ids.relationLabels(), "relation", id);
  }

  /** {@code labels[id]}, or an error naming the {@code kind} of id and the valid range. */
  private static String label(String[] labels, String kind, int id) {
    if (id < 0 || id >= labels.length) {
      throw new IllegalArgumentException(
          kind + " id must be in [0, " + labels.length + "), got " + id);
    }
    return labels[id];
  }

  /** Unmodifiable label -&gt; id map of the entities (iteration order = id order). */
  public Map<String, Integer> entityToId() {
    return ids.entityToId();
  }

  /** Unmodifiable label -&gt; id map of the relations (iteration order = id order). */
  public Map<String, Integer> relationToId() {
    return ids.relationToId();
  }

  /** Whether this factory uses the same id space (identical label arrays) as {@code other}. */
  public boolean sharesIdSpaceWith(TriplesFactory other) {
    return Arrays.equals(ids.entityLabels(), other.ids.entityLabels())
        && Arrays.equals(ids.relationLabels(), other.ids.relationLabels());
  }

  @Override
  public String toString() {
    return "TriplesFactory[numEntities="
        + numEntities()
        + ", numRelations="
        + numRelations()
        + ", numTriples="
        + numTriples()
        + "]";
  }

  private int checkTriple(int i) {
    if (i < 0 || i >= numTriples()) {
      throw new IllegalArgumentException(
          "triple index must be in [0, " + numTriples() + "), got " + i);
    }
    return i;
  }

  private static TriplesFactory map(List<String[]> rows, IdSpace ids, String source) {
    Map<String, Integer> e2id = ids.entityToId();
    Map<String, Integer> r2id = ids.relationToId();
    long numEntities = ids.entityLabels().length;
    long numRelations = ids.relationLabels().length;
    long[] keys = new long[rows.size()];
    int n = 0;
    for (String[] row : rows) {
      Integer h = e2id.get(row[0]);
      Integer r = r2id.get(row[1]);
      Integer t = e2id.get(row[2]);
      if (h == null || r == null || t == null) {
        continue;
      }
      keys[n++] = (h * numRelations + r) * numEntities + t;
    }
    int dropped = rows.size() - n;
    if (dropped > 0) {
      LOG.log(
          Level.WARNING,
          "{0}: dropped {1} of {2} triples with an entity or relation unknown"
              + " to the training mapping",
          source,
          dropped,
          rows.size());
    }
    return fromKeys(keys, n, ids, dropped, source);
  }

  /**
   * The factory of the first {@code n} keys {@code (h * numRelations + r) * numEntities + t}, as
   * PyKEEN maps with {@code np.unique(axis=0)}: triples sorted by {@code (h, r, t)}, duplicates
   * removed (and logged). Sorts {@code keys} in place.
   */
  private static TriplesFactory fromKeys(
      long[] keys, int n, IdSpace ids, int dropped, String source) {
    long numEntities = ids.entityLabels().length;
    long numRelations = ids.relationLabels().length;
    Arrays.sort(keys, 0, n);
    int[] mapped = new int[3 * n];
    int unique = 0;
    for (int i = 0; i < n; i++) {
      if (i > 0 && keys[i] == keys[i - 1]) {
        continue;
      }
      mapped[3 * unique] = (int) (keys[i] / numEntities / numRelations);
      mapped[3 * unique + 1] = (int) (keys[i] / numEntities % numRelations);
      mapped[3 * unique + 2] = (int) (keys[i] % numEntities);
      unique++;
    }
    if (unique < n) {
      LOG.log(Level.INFO, "{0}: removed {1} duplicate triples", source, n - unique);
    }
    // Without duplicates the array is already exact: no second copy at the peak of a large load.
    int[] exact = unique == n ? mapped : Arrays.copyOf(mapped, 3 * unique);
    return new TriplesFactory(ids, exact, dropped);
  }

  /**
   * A factory of the given id space holding a copy of the {@code (n, 3)} mapped triples in the
   * given order, after checking their length and id ranges.
   */
  private static TriplesFactory withTriples(IdSpace ids, int[] mappedTriples) {
    Objects.requireNonNull(mappedTriples, "mappedTriples");
    if (mappedTriples.length % 3 != 0) {
      throw new IllegalArgumentException(
          "mappedTriples length must be a multiple of 3, got " + mappedTriples.length);
    }
    int[] copy = mappedTriples.clone();
    checkIds(
        "mappedTriples", copy, copy.length, ids.entityLabels().length, ids.relationLabels().length);
    return new TriplesFactory(ids, copy, 0);
  }

  /**
   * Checks that the first {@code length} values of the row-major {@code (h, r, t)} triples {@code
   * triples} index an entity ({@code [0, numEntities)}) resp. a relation; the message names the
   * array by the caller's parameter {@code name}, the triple and the column.
   */
  private static void checkIds(
      String name, int[] triples, int length, int numEntities, int numRelations) {
    for (int i = 0; i < length; i++) {
      int bound = i % 3 == 1 ? numRelations : numEntities;
      if (triples[i] < 0 || triples[i] >= bound) {
        throw new IllegalArgumentException(
            name
                + "["
                + i
                + "] (triple "
                + i / 3
                + ", column "
                + i % 3
                + ") must be in [0, "
                + bound
                + "), got "
                + triples[i]);
      }
    }
  }

  /** The labels sorted by code point, checked to be non-null and distinct. */
  private static String[] sortedDistinct(String[] labels, String kind) {
    Objects.requireNonNull(labels, kind + "Labels");
    String[] sorted = labels.clone();
    for (String label : sorted) {
      Objects.requireNonNull(label, kind + " label");
    }
    if (anyCharAtOrAbove(sorted, Character.MIN_SURROGATE)) {
      Arrays.sort(sorted, CODE_POINT_ORDER);
    } else {
      // UTF-16 order is code point order unless two labels first differ where both hold a char
      // from U+D800 up; without such chars String's own comparison (a vectorised intrinsic) sorts
      // alike, several times faster than a char loop over labels that share long IRI prefixes
      Arrays.sort(sorted);
    }
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i].equals(sorted[i - 1])) {
        throw new IllegalArgumentException(
            kind + " labels must be distinct, got \"" + abbreviate(sorted[i]) + "\" twice");
      }
    }
    return sorted;
  }

  private static boolean anyCharAtOrAbove(String[] labels, char bound) {
    for (String label : labels) {
      for (int i = 0; i < label.length(); i++) {
        if (label.charAt(i) >= bound) {
          return true;
        }
      }
    }
    return false;
  }

  private static String[] checkRow(String[] row, int index) {
    if (row == null || row.length != 3 || row[0] == null || row[1] == null || row[2] == null) {
      throw new IllegalArgumentException(
          "labeled triple "
              + index
              + " must be {head, relation, tail} with non-null labels, got "
              + (row == null ? "null" : Arrays.toString(row)));
    }
    return row;
  }

  private static Map<String, Integer> index(String[] labels) {
    Map<String, Integer> map = new LinkedHashMap<>(labels.length * 2);
    for (int i = 0; i < labels.length; i++) {
      map.put(Objects.requireNonNull(labels[i], "label"), i);
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Code point order in one pass over UTF-16 units: the units' order equals the code points' except
   * that U+E000..U+FFFF sort after the surrogates that encode U+10000 and above, so at the first
   * difference between two units at or above U+D800 both are shifted to put the surrogates last
   * (ICU's {@code compareCodePointOrder}); sorting the labels of a large graph file no longer
   * decodes every character.
   */
  private static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        if (ca >= Character.MIN_SURROGATE && cb >= Character.MIN_SURROGATE) {
          return Integer.compare(surrogatesLast(ca), surrogatesLast(cb));
        }
        return Integer.compare(ca, cb);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int surrogatesLast(char c) {
    return c > Character.MAX_SURROGATE ? c - 0x800 : c + 0x2000;
  }

  private static String abbreviate(String line) {
    String visible = line.replace("\t", "\\t");
    return visible.length() <= 80 ? visible : visible.substring(0, 77) + "...";
  }
}
