/**
 * Shared with the other modules' tests through prescal-common's test-jar: sample events of every
 * type ({@link io.prescal.testing.EventSamples}), the replica settings every path must refuse alike
 * ({@link io.prescal.testing.ReplicaAttacks}) and the recorder of envelopes on Redis channels
 * ({@link io.prescal.testing.EventRecorder}). The Docker, Redis and browser support of the same
 * package lives in the prescal-testing module.
 */
package io.prescal.testing;
