/**
 * Asking a trained model questions, the Java counterpart of PyKEEN's {@code pykeen.predict}: the
 * top-k tails of {@code (h, r, ?)}, heads of {@code (?, r, t)} and relations of {@code (h, ?, t)},
 * and the scores of given triples, by label or by id. Entry point: {@link
 * org.kge4j.prediction.Predictor}.
 */
package org.kge4j.prediction;
