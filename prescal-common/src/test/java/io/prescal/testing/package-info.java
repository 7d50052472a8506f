/**
 * Sample events of every type ({@link io.prescal.testing.EventSamples}), shared with the other
 * modules' tests through prescal-common's test-jar. The Docker, Redis and browser support of the
 * same package lives in the prescal-testing module.
 */
package io.prescal.testing;
