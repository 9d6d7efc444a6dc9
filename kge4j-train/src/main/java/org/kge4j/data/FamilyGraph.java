package org.kge4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The embedded default dataset: a synthetic family tree generated deterministically from a seed.
 *
 * <p>Founding couples have children; children marry across families (or marry in-laws who enter the
 * tree without parents) and have children in turn, over {@link #NUM_GENERATIONS} generations. The
 * facts are gendered kinship relations, read "head is REL of tail": {@code father_of, mother_of,
 * son_of, daughter_of, husband_of, wife_of, brother_of, sister_of, grandfather_of, grandmother_of,
 * grandson_of, granddaughter_of, uncle_of, aunt_of, nephew_of, niece_of, cousin_of}. Most are
 * compositions of others (grandfather_of = father_of ∘ parent, uncle_of = brother_of ∘ parent or
 * husband_of ∘ aunt_of, cousin_of = child ∘ sibling ∘ parent) and every relation has an inverse, so
 * an embedding model can infer held-out facts.
 *
 * <p>The triples are split 80/10/10 into training, validation and testing such that every entity
 * and relation of the validation and testing splits occurs in training: a triple is only held out
 * while both its entities and its relation keep at least one other training triple.
 *
 * <p>Randomness comes from a private SplitMix64 generator, so the same seed gives the same dataset
 * on every JVM.
 */
public final class FamilyGraph {

  /** The seed of the embedded default dataset. */
  public static final long DEFAULT_SEED = 20_061_999L;

  /** Number of founding couples. */
  public static final int NUM_FOUNDING_COUPLES = 24;

  /** Number of generations, founders included. */
  public static final int NUM_GENERATIONS = 4;

  /**
   * The kinship relations, read "head is REL of tail", declared in the sorted order of their labels
   * so that a relation's id is its ordinal.
   */
  private enum Kinship {
    AUNT,
    BROTHER,
    COUSIN,
    DAUGHTER,
    FATHER,
    GRANDDAUGHTER,
    GRANDFATHER,
    GRANDMOTHER,
    GRANDSON,
    HUSBAND,
    MOTHER,
    NEPHEW,
    NIECE,
    SISTER,
    SON,
    UNCLE,
    WIFE;

    /** The relation's label: {@code aunt_of}, {@code brother_of}, ... */
    String label() {
      return name().toLowerCase(Locale.ROOT) + "_of";
    }
  }

  /** The relation labels, indexed by id. */
  static final String[] RELATIONS =
      Arrays.stream(Kinship.values()).map(Kinship::label).toArray(String[]::new);

  private FamilyGraph() {}

  /**
   * Generates the family dataset for {@code seed}; {@link Datasets#embedded()} uses {@link
   * #DEFAULT_SEED}. The dataset is named {@code embedded} for the default seed and {@code
   * embedded-<seed>} otherwise.
   */
  public static Dataset generate(long seed) {
    Population people = grow(new SplitMix64(seed));
    long[] facts = facts(people);
    String name = seed == DEFAULT_SEED ? Datasets.EMBEDDED : Datasets.EMBEDDED + "-" + seed;
    return split(name, people.size(), facts, new SplitMix64(seed ^ 0x5DEECE66DL));
  }

  // ---------------------------------------------------------------- population

  /** Growable columns of person attributes; -1 = none. */
  private static final class Population {
    final List<int[]> rows = new ArrayList<>(); // {male (1/0), father, mother, spouse}

    int add(boolean male, int father, int mother) {
      rows.add(new int[] {male ? 1 : 0, father, mother, -1});
      return rows.size() - 1;
    }

    int size() {
      return rows.size();
    }

    boolean male(int p) {
      return rows.get(p)[0] == 1;
    }

    int father(int p) {
      return rows.get(p)[1];
    }

    int mother(int p) {
      return rows.get(p)[2];
    }

    int spouse(int p) {
      return rows.get(p)[3];
    }

    void marry(int a, int b) {
      rows.get(a)[3] = b;
      rows.get(b)[3] = a;
    }
  }

  private static Population grow(SplitMix64 random) {
    Population people = new Population();
    List<int[]> couples = new ArrayList<>();
    for (int i = 0; i < NUM_FOUNDING_COUPLES; i++) {
      int husband = people.add(true, -1, -1);
      int wife = people.add(false, -1, -1);
      people.marry(husband, wife);
      couples.add(new int[] {husband, wife});
    }
    for (int generation = 1; generation < NUM_GENERATIONS; generation++) {
      List<Integer> children = new ArrayList<>();
      for (int[] couple : couples) {
        // 1-4 children, mostly 2-3: a family size that gives every child siblings or cousins.
        int numChildren = 1 + random.nextInt(2) + random.nextInt(3);
        for (int c = 0; c < numChildren; c++) {
          children.add(people.add(random.nextInt(2) == 0, couple[0], couple[1]));
        }
      }
      couples = generation + 1 < NUM_GENERATIONS ? marry(people, children, random) : List.of();
    }
    return people;
  }

  /** Marries most of a generation: to a non-relative of the same generation, else an in-law. */
  private static List<int[]> marry(Population people, List<Integer> generation, SplitMix64 random) {
    List<int[]> couples = new ArrayList<>();
    int[] order = generation.stream().mapToInt(Integer::intValue).toArray();
    random.shuffle(order);
    for (int p : order) {
      if (people.spouse(p) >= 0 || random.nextInt(10) >= 8) {
        continue; // already married, or stays single (20 %)
      }
      int partner = -1;
      // Scan the shuffled generation, taking each eligible person with probability 1/3, so that
      // partners are not always the first eligible one; nobody eligible left -> an in-law.
      for (int q : order) {
        if (people.spouse(q) < 0
            && q != p
            && people.male(q) != people.male(p)
            && !sharesGrandparent(people, p, q)
            && random.nextInt(3) == 0) {
          partner = q;
          break;
        }
      }
      if (partner < 0) {
        partner = people.add(!people.male(p), -1, -1);
      }
      people.marry(p, partner);
      couples.add(people.male(p) ? new int[] {p, partner} : new int[] {partner, p});
    }
    return couples;
  }

  /** Whether {@code a} and {@code b} are siblings or first cousins (or closer). */
  private static boolean sharesGrandparent(Population people, int a, int b) {
    int[] ga = grandparents(people, a);
    int[] gb = grandparents(people, b);
    for (int x : ga) {
      for (int y : gb) {
        if (x >= 0 && x == y) {
          return true;
        }
      }
    }
    return people.father(a) >= 0 && people.father(a) == people.father(b);
  }

  private static int[] grandparents(Population people, int p) {
    int f = people.father(p);
    int m = people.mother(p);
    return new int[] {
      f < 0 ? -1 : people.father(f), f < 0 ? -1 : people.mother(f),
      m < 0 ? -1 : people.father(m), m < 0 ? -1 : people.mother(m)
    };
  }

  // ---------------------------------------------------------------- facts

  private static long[] facts(Population people) {
    int n = people.size();
    Set<Long> facts = new LinkedHashSet<>();
    List<List<Integer>> children = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      children.add(new ArrayList<>());
    }
    for (int p = 0; p < n; p++) {
      if (people.father(p) >= 0) {
        children.get(people.father(p)).add(p);
        children.get(people.mother(p)).add(p);
      }
    }
    for (int p = 0; p < n; p++) {
      boolean male = people.male(p);
      int spouse = people.spouse(p);
      if (spouse >= 0) {
        add(facts, n, p, male ? Kinship.HUSBAND : Kinship.WIFE, spouse);
      }
      for (int child : children.get(p)) {
        add(facts, n, p, male ? Kinship.FATHER : Kinship.MOTHER, child);
        add(facts, n, child, people.male(child) ? Kinship.SON : Kinship.DAUGHTER, p);
        for (int grandchild : children.get(child)) {
          add(facts, n, p, male ? Kinship.GRANDFATHER : Kinship.GRANDMOTHER, grandchild);
          Kinship ofGrandparent =
              people.male(grandchild) ? Kinship.GRANDSON : Kinship.GRANDDAUGHTER;
          add(facts, n, grandchild, ofGrandparent, p);
        }
      }
      if (people.father(p) < 0) {
        continue;
      }
      for (int sibling : children.get(people.father(p))) {
        if (sibling == p) {
          continue;
        }
        add(facts, n, p, male ? Kinship.BROTHER : Kinship.SISTER, sibling);
        // p is uncle/aunt of the sibling's children, and so is p's spouse (by marriage).
        for (int nephew : children.get(sibling)) {
          addAvuncular(facts, people, n, p, nephew);
          if (spouse >= 0) {
            addAvuncular(facts, people, n, spouse, nephew);
          }
          for (int cousin : children.get(p)) {
            add(facts, n, cousin, Kinship.COUSIN, nephew);
          }
        }
      }
    }
    return facts.stream().mapToLong(Long::longValue).toArray();
  }

  private static void addAvuncular(
      Set<Long> facts, Population people, int n, int elder, int younger) {
    add(facts, n, elder, people.male(elder) ? Kinship.UNCLE : Kinship.AUNT, younger);
    add(facts, n, younger, people.male(younger) ? Kinship.NEPHEW : Kinship.NIECE, elder);
  }

  private static void add(Set<Long> facts, int n, int head, Kinship relation, int tail) {
    facts.add(((long) head * RELATIONS.length + relation.ordinal()) * n + tail);
  }

  // ---------------------------------------------------------------- split

  private static Dataset split(String name, int numEntities, long[] facts, SplitMix64 random) {
    int numRelations = RELATIONS.length;
    int[] triples = new int[3 * facts.length];
    int[] entityCount = new int[numEntities];
    int[] relationCount = new int[numRelations];
    for (int i = 0; i < facts.length; i++) {
      int tail = (int) (facts[i] % numEntities);
      long rest = facts[i] / numEntities;
      int relation = (int) (rest % numRelations);
      int head = (int) (rest / numRelations);
      triples[3 * i] = head;
      triples[3 * i + 1] = relation;
      triples[3 * i + 2] = tail;
      entityCount[head]++;
      entityCount[tail]++;
      relationCount[relation]++;
    }
    int[] order = new int[facts.length];
    Arrays.setAll(order, i -> i);
    random.shuffle(order);
    int heldOutQuota = facts.length / 10;
    int[] assignment = new int[facts.length]; // 0 train, 1 valid, 2 test
    int valid = 0;
    int test = 0;
    for (int i : order) {
      if (valid == heldOutQuota && test == heldOutQuota) {
        break;
      }
      int h = triples[3 * i];
      int r = triples[3 * i + 1];
      int t = triples[3 * i + 2];
      // Hold out only while h, t and r keep another training triple (a self-loop counts twice).
      int needed = h == t ? 3 : 2;
      if (entityCount[h] < needed || entityCount[t] < needed || relationCount[r] < 2) {
        continue;
      }
      entityCount[h]--;
      entityCount[t]--;
      relationCount[r]--;
      if (valid < heldOutQuota) {
        assignment[i] = 1;
        valid++;
      } else {
        assignment[i] = 2;
        test++;
      }
    }
    int width = Integer.toString(numEntities - 1).length();
    String[] entityLabels = new String[numEntities];
    for (int e = 0; e < numEntities; e++) {
      entityLabels[e] = "person_" + "0".repeat(width - Integer.toString(e).length()) + e;
    }
    return new Dataset(
        name,
        select(triples, assignment, 0, entityLabels),
        select(triples, assignment, 1, entityLabels),
        select(triples, assignment, 2, entityLabels));
  }

  private static TriplesFactory select(
      int[] triples, int[] assignment, int which, String[] entityLabels) {
    int count = 0;
    for (int a : assignment) {
      count += a == which ? 1 : 0;
    }
    int[] out = new int[3 * count];
    int k = 0;
    for (int i = 0; i < assignment.length; i++) {
      if (assignment[i] == which) {
        System.arraycopy(triples, 3 * i, out, 3 * k++, 3);
      }
    }
    return TriplesFactory.fromMappedTriples(out, entityLabels, RELATIONS);
  }

  /** SplitMix64 (Steele, Lea, Flood 2014): fixed algorithm, so datasets never change. */
  private static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long nextLong() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    int nextInt(int bound) {
      return (int) Math.floorMod(nextLong(), (long) bound);
    }

    void shuffle(int[] a) {
      for (int i = a.length - 1; i > 0; i--) {
        int j = nextInt(i + 1);
        int tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
      }
    }
  }
}
