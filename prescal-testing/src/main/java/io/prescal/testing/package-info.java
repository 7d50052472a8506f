/**
 * Test infrastructure shared by every module's tests through the prescal-testing module (a plain
 * jar, so that a module's test classpath never needs another module's test-jar): real Docker for
 * integration tests ({@link io.prescal.testing.RequiresDocker}: run, skip or, under {@code
 * CI=true}, fail), throwaway Redis containers ({@link io.prescal.testing.RedisContainers}, one per
 * test class with {@link io.prescal.testing.RedisExtension}, one that survives a restart on its
 * port with {@link io.prescal.testing.RestartableRedis}), what arrives on Redis channels ({@link
 * io.prescal.testing.ChannelRecorder}), image names that work without a registry ({@link
 * io.prescal.testing.TestImages}) and headless Chromium ({@link io.prescal.testing.Browser}). What
 * needs the event contract (its samples, the envelope recorder) stays with it in prescal-common's
 * test-jar.
 */
package io.prescal.testing;
