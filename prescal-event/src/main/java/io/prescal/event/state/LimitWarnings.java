package io.prescal.event.state;

import io.prescal.event.aggregate.AggregatorBounds;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Says in the log when the aggregator refused new proxy or service names because a limit was
 * reached: at most one line per limit per minute, with how many were refused since the last line
 * and which setting to raise. The counts themselves are in the metrics.
 */
final class LimitWarnings {

  static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Logger log;
  private long proxiesReported;
  private long servicesReported;
  private Instant proxiesLoggedAt = Instant.MIN;
  private Instant servicesLoggedAt = Instant.MIN;

  LimitWarnings(Logger log) {
    this.log = log;
  }

  /** Logs what was refused since the last line, if anything and if a minute has passed. */
  void check(AggregatorBounds bounds, Instant now) {
    long proxies = bounds.proxiesRefused() - proxiesReported;
    if (proxies > 0 && !now.isBefore(proxiesLoggedAt.plus(INTERVAL))) {
      log.warn(
          "ignored {} new proxy names: {} proxies are tracked, prescal.event.limits.max-proxies"
              + " ({}); raise it if they are real proxies, else something unexpected publishes on"
              + " Redis",
          proxies,
          bounds.proxies(),
          bounds.maxProxies());
      proxiesReported = bounds.proxiesRefused();
      proxiesLoggedAt = now;
    }
    long services = bounds.servicesRefused() - servicesReported;
    if (services > 0 && !now.isBefore(servicesLoggedAt.plus(INTERVAL))) {
      log.warn(
          "ignored {} new service names: {} services are tracked,"
              + " prescal.event.limits.max-services ({}); raise it if they are real services, else"
              + " something unexpected publishes on Redis",
          services,
          bounds.services(),
          bounds.maxServices());
      servicesReported = bounds.servicesRefused();
      servicesLoggedAt = now;
    }
  }
}
