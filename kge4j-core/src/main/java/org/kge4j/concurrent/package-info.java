/**
 * What kge4j's worker pools share across modules: named daemon threads ({@link
 * org.kge4j.concurrent.DaemonThreads}) for the training shards, the evaluation, graph-file ranges,
 * HPO heartbeats and the prediction server. In core, below every module that runs a pool, so that
 * no package of theirs depends on another's only for its threads.
 */
package org.kge4j.concurrent;
