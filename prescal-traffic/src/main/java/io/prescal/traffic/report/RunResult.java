package io.prescal.traffic.report;

import io.prescal.traffic.events.EventMark;
import io.prescal.traffic.events.Phase;
import io.prescal.traffic.events.StepResponse;
import java.util.List;
import java.util.Map;

/**
 * Everything a run measured: the {@code --json} document and the source of every other output.
 *
 * @param model "closed" or "open"
 * @param targets the URLs
 * @param transport "epoll" or "nio"
 * @param threads event loops
 * @param connections connections (closed) or initial connections (open)
 * @param maxConnections the open model's connection limit
 * @param protocol "http/1.1", "h2" (over TLS) or "h2c" (several, comma-separated, when the targets'
 *     schemes differ)
 * @param streams HTTP/2: the most requests in flight per connection ({@code --streams}); 1 for
 *     HTTP/1.1
 * @param seconds measured seconds (warm-up excluded)
 * @param requests requests that ended: completed or failed
 * @param completed complete responses
 * @param rate complete responses per second
 * @param bytesRead response bytes read
 * @param latency latency from the intended send time (equals uncorrected in the closed model)
 * @param uncorrected latency from the actual send time
 * @param statuses responses by status code
 * @param errors failed requests by class (connect, timeout, reset, protocol, bad-status)
 * @param errorRate failed requests over requests, 0 to 1
 * @param connect how the connections were made: count, connect and TLS handshake times
 * @param schedule the open model's self-check, or null
 * @param backends per-backend figures from the backend header (empty when absent)
 * @param timeline one point per second
 * @param events Prescal's events seen ({@code --events}), or empty
 * @param phases statistics before, during and after each scale event
 * @param steps time from each load step to the capacity that absorbed it
 * @param slo the objective's checks, or null without {@code --slo}
 */
public record RunResult(
    String model,
    List<String> targets,
    String transport,
    int threads,
    int connections,
    int maxConnections,
    String protocol,
    int streams,
    double seconds,
    long requests,
    long completed,
    double rate,
    long bytesRead,
    Latency latency,
    Latency uncorrected,
    Map<String, Long> statuses,
    Map<String, Long> errors,
    double errorRate,
    ConnectSummary connect,
    ScheduleCheck schedule,
    Map<String, BackendSummary> backends,
    List<TimelinePoint> timeline,
    List<EventMark> events,
    List<Phase> phases,
    List<StepResponse> steps,
    SloResult slo) {

  /** The result with its objective checked. */
  public RunResult withSlo(SloResult checked) {
    return new RunResult(
        model,
        targets,
        transport,
        threads,
        connections,
        maxConnections,
        protocol,
        streams,
        seconds,
        requests,
        completed,
        rate,
        bytesRead,
        latency,
        uncorrected,
        statuses,
        errors,
        errorRate,
        connect,
        schedule,
        backends,
        timeline,
        events,
        phases,
        steps,
        checked);
  }

  /** Failed requests of every class. */
  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * One backend's share.
   *
   * @param requests responses it gave
   * @param errors of which 4xx and 5xx
   * @param latency their latency from the intended send time
   */
  public record BackendSummary(long requests, long errors, Latency latency) {}
}
