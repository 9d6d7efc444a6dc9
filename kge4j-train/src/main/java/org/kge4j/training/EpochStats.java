package org.kge4j.training;

/**
 * What one finished epoch reports.
 *
 * @param epoch the 1-based epoch number
 * @param loss the epoch's loss as PyKEEN reports it: the instance-weighted mean of the batch losses
 *     for {@code mean} reduction, the mean over batches for {@code sum}; regularization included
 * @param seconds wall-clock seconds of the epoch's training (validation excluded)
 * @param triplesPerSecond training triples processed per second in this epoch
 */
public record EpochStats(int epoch, double loss, double seconds, double triplesPerSecond) {}
