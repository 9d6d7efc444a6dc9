package org.kge4j.model;

/**
 * Where the chain rule of a query ({@link Model#chainTailQuery}, {@link Model#chainHeadQuery}) adds
 * the gradients of the query's two operands, each a row of caller-owned storage: the anchor
 * entity's row (the head of a tail query {@code q(h, r)}, the tail of a head query {@code q'(r,
 * t)}) at {@code entity[entityOffset, entityOffset + w)} and the relation's row at {@code
 * relation[relationOffset, relationOffset + w)}, {@code w} the table's width.
 *
 * @param entity the array holding the anchor entity's gradient row
 * @param entityOffset where that row starts in {@code entity}
 * @param relation the array holding the relation's gradient row
 * @param relationOffset where that row starts in {@code relation}
 */
public record OperandGradients(
    float[] entity, int entityOffset, float[] relation, int relationOffset) {}
