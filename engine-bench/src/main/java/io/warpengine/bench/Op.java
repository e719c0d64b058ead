package io.warpengine.bench;

/**
 * The operations a workload issues: single-key PUT, GET and DELETE; QUANTUM_GET, a quantumGet of a key entangled
 * with {@link Workload#ENTANGLED_PER_KEY} others; BATCH, an atomic batch of {@link Workload#BATCH_WRITES} puts.
 */
enum Op { PUT, GET, DELETE, QUANTUM_GET, BATCH }
