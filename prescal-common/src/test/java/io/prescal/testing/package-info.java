/**
 * Test support shared by every module through prescal-common's test-jar: real Docker and Redis for
 * integration tests ({@link io.prescal.testing.RequiresDocker}, {@link
 * io.prescal.testing.RedisContainers}), image names ({@link io.prescal.testing.TestImages}) and
 * sample events ({@link io.prescal.testing.EventSamples}), headless Chromium ({@link
 * io.prescal.testing.Browser}) and the replica settings every path must refuse alike ({@link
 * io.prescal.testing.ReplicaAttacks}).
 */
package io.prescal.testing;
