package io.prescal.traffic.engine;

import io.prescal.traffic.net.Transport;
import io.prescal.traffic.plan.RateProfile;
import java.time.Duration;
import java.util.List;

/**
 * Everything a run needs, checked.
 *
 * @param targets the URLs, used in turn
 * @param threads event loops (one worker each)
 * @param connections closed model: connections kept busy; open model: connections opened up front
 * @param maxConnections open model: the most connections the run may open
 * @param profile the open model's planned rate, or null for the closed model
 * @param duration how long to send after warm-up, or null (until {@code requests} or the profile's
 *     end)
 * @param requests measured requests to send, or 0 for no limit
 * @param warmup a period before measurement, whose requests count in no figure
 * @param connectTimeout the longest wait for a connection
 * @param requestTimeout the longest wait for a complete response
 * @param backendHeader the response header naming the backend (per-backend statistics), or null
 * @param transport epoll or NIO
 * @param wire HTTP/1.1 or HTTP/2, streams per connection, and TLS for https targets
 */
public record LoadPlan(
    List<Target> targets,
    int threads,
    int connections,
    int maxConnections,
    RateProfile profile,
    Duration duration,
    long requests,
    Duration warmup,
    Duration connectTimeout,
    Duration requestTimeout,
    String backendHeader,
    Transport transport,
    Wire wire) {
  public LoadPlan {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets: none (expected: at least one URL)");
    }
    if (wire.tls() == null && targets.stream().anyMatch(Target::tls)) {
      throw new IllegalArgumentException("https targets need the client TLS settings");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads: " + threads + " (expected: >= 1)");
    }
    if (connections < threads && profile == null) {
      throw new IllegalArgumentException(
          "--connections: " + connections + " (expected: >= --threads=" + threads + ")");
    }
    if (maxConnections < Math.max(1, connections)) {
      throw new IllegalArgumentException(
          "--max-connections: "
              + maxConnections
              + " (expected: >= --connections="
              + connections
              + ")");
    }
    if (duration == null && requests == 0 && profile == null) {
      throw new IllegalArgumentException(
          "no end: give --duration or --requests (e.g. -d 30s or -n 10000)");
    }
  }

  /** Whether this is the open model (a planned rate). */
  public boolean open() {
    return profile != null;
  }

  /** How long requests are sent after warm-up: the duration, else the profile's, else unbounded. */
  public long sendNanos() {
    if (duration != null) {
      return duration.toNanos();
    }
    if (profile != null && requests == 0) {
      return profile.duration().toNanos();
    }
    return Long.MAX_VALUE / 4;
  }

  /** This plan with another profile and duration (the capacity search steps). */
  public LoadPlan withProfile(RateProfile next, Duration nextDuration, Duration nextWarmup) {
    return new LoadPlan(
        targets,
        threads,
        connections,
        maxConnections,
        next,
        nextDuration,
        requests,
        nextWarmup,
        connectTimeout,
        requestTimeout,
        backendHeader,
        transport,
        wire);
  }
}
