/**
 * Shared with the other modules' tests through prescal-common's test-jar: sample events of every
 * type ({@link io.prescal.testing.EventSamples}) and the replica settings every path must refuse
 * alike ({@link io.prescal.testing.ReplicaAttacks}). The Docker, Redis and browser support of the
 * same package lives in the prescal-testing module.
 */
package io.prescal.testing;
