package org.kge4j.rdf.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes a synthetic N-Triples file for the loading benchmark: {@code lines} statements whose
 * subjects and objects are drawn from {@code entities} IRIs with power-law (Zipf, exponent 1)
 * frequencies, as real graphs have a few hubs and a long tail; relations are drawn the same way
 * from {@code relations} IRIs. A fraction of the statements has a literal object (a string, a
 * language-tagged string or an integer, in turn) and 1 % of subjects are blank nodes.
 *
 * <pre>
 * java -cp ... org.kge4j.rdf.bench.SyntheticNTriples FILE [LINES [ENTITIES [RELATIONS
 *     [LITERAL_FRACTION [SEED]]]]]
 * </pre>
 *
 * Defaults: 1,000,000 lines, 100,000 entities, 200 relations, 5 % literals, seed 1. The same
 * arguments always write the same file.
 */
public final class SyntheticNTriples {

  private static final String ENTITY = "http://example.org/entity/E";
  private static final String RELATION = "http://example.org/relation/r";

  private SyntheticNTriples() {}

  /** Writes the file; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println(
          "usage: SyntheticNTriples FILE [LINES [ENTITIES [RELATIONS [LITERAL_FRACTION [SEED]]]]]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int entities = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int relations = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    double literals = args.length > 4 ? Double.parseDouble(args[4]) : 0.05;
    long seed = args.length > 5 ? Long.parseLong(args[5]) : 1;
    write(file, lines, entities, relations, literals, seed);
    System.out.printf(
        "wrote %s: %,d lines, %,d entities, %d relations, %.0f %% literals, %,d bytes%n",
        file, lines, entities, relations, 100 * literals, Files.size(file));
  }

  static void write(Path file, int lines, int entities, int relations, double literals, long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    double[] entityWeights = zipf(entities);
    double[] relationWeights = zipf(relations);
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      for (int i = 0; i < lines; i++) {
        int subject = draw(entityWeights, random);
        if (random.nextDouble() < 0.01) {
          out.write("_:b" + subject);
        } else {
          out.write("<" + ENTITY + subject + ">");
        }
        out.write(" <" + RELATION + draw(relationWeights, random) + "> ");
        if (random.nextDouble() < literals) {
          switch (i % 3) {
            case 0 -> out.write("\"value " + i + "\"");
            case 1 -> out.write("\"name " + subject + "\"@en");
            default -> out.write("\"" + i + "\"^^<http://www.w3.org/2001/XMLSchema#integer>");
          }
        } else {
          out.write("<" + ENTITY + draw(entityWeights, random) + ">");
        }
        out.write(" .\n");
      }
    }
  }

  /** Cumulative weights {@code 1 / (k + 1)}. */
  private static double[] zipf(int n) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    return cumulative;
  }

  private static int draw(double[] cumulative, SplittableRandom random) {
    int k =
        Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
    return k >= 0 ? k : -k - 1;
  }
}
