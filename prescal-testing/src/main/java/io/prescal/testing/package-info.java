/**
 * Test infrastructure shared by every module's tests through the prescal-testing module (a plain
 * jar, so that a module's test classpath never needs another module's test-jar): real Docker for
 * integration tests ({@link io.prescal.testing.RequiresDocker}: run, skip or, under {@code
 * CI=true}, fail), throwaway Redis containers ({@link io.prescal.testing.RedisContainers}), image
 * names that work without a registry ({@link io.prescal.testing.TestImages}) and headless Chromium
 * ({@link io.prescal.testing.Browser}). The event samples stay with the contract in
 * prescal-common's test-jar.
 */
package io.prescal.testing;
