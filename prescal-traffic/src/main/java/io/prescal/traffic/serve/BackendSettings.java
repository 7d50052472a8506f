package io.prescal.traffic.serve;

import java.time.Duration;

/**
 * How the synthetic backend behaves.
 *
 * @param bind the address to listen on
 * @param port the port (0 for any free one)
 * @param latency delay before each answer
 * @param cpuNanos busy CPU time per request, on the event loop
 * @param errorRate share of requests answered 500, 0 to 1
 * @param size response body bytes
 * @param startupDelay time before {@code /ready} answers 200
 * @param id this instance's identity, sent in {@code X-Served-By}; null for hostname:port
 * @param threads event loops
 * @param drainTimeout longest wait for in-flight requests on SIGTERM
 */
public record BackendSettings(
    String bind,
    int port,
    LatencyModel latency,
    long cpuNanos,
    double errorRate,
    int size,
    Duration startupDelay,
    String id,
    int threads,
    Duration drainTimeout) {
  public BackendSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port: " + port + " (expected: 0 to 65535)");
    }
    if (errorRate < 0 || errorRate > 1) {
      throw new IllegalArgumentException("--error-rate: " + errorRate + " (expected: 0 to 1)");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads: " + threads + " (expected: >= 1)");
    }
  }
}
