package io.prescal.proxy.provider.docker;

import io.prescal.proxy.provider.SettingsProblem;
import java.time.Duration;
import java.util.List;

/**
 * How the proxy reaches its Docker engine (docs/autoscaling.md, "Docker provider").
 *
 * @param host the engine's address, e.g. {@code unix:///var/run/docker.sock} or {@code
 *     tcp://127.0.0.1:2375}; null takes {@code DOCKER_HOST}, else the platform default
 * @param connectTimeout how long connecting to the engine may take
 * @param responseTimeout how long one engine call may wait for data; longer than any stop grace (a
 *     stop answers only once the container is gone)
 * @param pingInterval how often a reachable engine is pinged to notice an outage
 * @param maxBackoff the longest pause between pings while the engine is unreachable
 */
public record DockerEngineSettings(
    String host,
    Duration connectTimeout,
    Duration responseTimeout,
    Duration pingInterval,
    Duration maxBackoff) {

  /** DOCKER_HOST or the default socket; 5 s to connect, 2 min per call, ping every 5 s. */
  public static DockerEngineSettings defaults() {
    return new DockerEngineSettings(
        null,
        Duration.ofSeconds(5),
        Duration.ofMinutes(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  /** The defaults with another host. */
  public DockerEngineSettings withHost(String newHost) {
    return new DockerEngineSettings(
        newHost, connectTimeout, responseTimeout, pingInterval, maxBackoff);
  }

  /** Every problem in these settings; empty when they are usable. */
  public List<SettingsProblem> problems() {
    return new SettingsProblem.Collector()
        .check(
            host == null || host.matches("(unix|tcp|npipe)://.+"),
            "host",
            host,
            "unix:///path, tcp://host:port or npipe://path, or none for DOCKER_HOST")
        .check(positive(connectTimeout), "connectTimeout", connectTimeout, "a duration > 0")
        .check(positive(responseTimeout), "responseTimeout", responseTimeout, "a duration > 0")
        .check(positive(pingInterval), "pingInterval", pingInterval, "a duration > 0")
        .check(positive(maxBackoff), "maxBackoff", maxBackoff, "a duration > 0")
        .problems();
  }

  /** These settings when valid, else an exception that lists every problem. */
  public DockerEngineSettings validated() {
    SettingsProblem.throwIfAny("Docker engine settings", problems());
    return this;
  }

  private static boolean positive(Duration d) {
    return d != null && d.isPositive();
  }
}
