package org.kge4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PyKEEN's create_inverse_triples: head prediction is tail prediction with the inverse relation.
 */
class InverseRelationsTest {

  @ParameterizedTest
  @ValueSource(strings = {"transe", "distmult", "complex", "rotate"})
  void headPredictionIsTailPredictionWithTheInverseRelation(String name) {
    Model model =
        Models.create(
            name, new ModelSpec(7, 3, 4, null, null, true), 1, null, new SplittableRandom(2));
    assertTrue(model.inverseRelations());
    assertEquals(6, model.numRelations());
    assertEquals(6, model.relationEmbeddings().numRows());
    assertEquals(4, model.headQueryRelation(1));
    assertEquals(1, model.headQueryRelation(4));
    int width = model.entityEmbeddings().width();
    float[] head = new float[width];
    float[] tail = new float[width];
    model.headQuery(1, 5, head, 0);
    model.tailQuery(5, 4, tail, 0);
    assertArrayEquals(tail, head);
    float[] heads = new float[7];
    float[] inverseTails = new float[7];
    model.scoreHeads(1, 5, heads);
    model.scoreTails(5, 4, inverseTails);
    assertArrayEquals(inverseTails, heads);
    // the head side's gradient reaches the inverse relation's row, not the relation's
    Gradients g = Gradients.of(model);
    float[] upstream = {0.5f, -1f, 0f, 2f, 0f, 0f, 1f};
    model.accumulateHeadsGradient(1, 5, upstream, 0, g);
    assertTrue(g.relations().isTouched(4));
    assertFalse(g.relations().isTouched(1));
    Gradients expected = Gradients.of(model);
    model.accumulateTailsGradient(5, 4, upstream, 0, expected);
    assertArrayEquals(expected.entities().values().toArray(), g.entities().values().toArray());
    assertArrayEquals(expected.relations().values().toArray(), g.relations().values().toArray());
    Model plain = Models.create(name, 7, 3, 4, 1, null, new SplittableRandom(2));
    assertFalse(plain.inverseRelations());
    assertEquals(1, plain.headQueryRelation(1));
  }
}
