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

  private final Limit proxies = new Limit("proxy", "proxies", "prescal.event.limits.max-proxies");
  private final Limit services =
      new Limit("service", "services", "prescal.event.limits.max-services");

  private final Logger log;

  LimitWarnings(Logger log) {
    this.log = log;
  }

  /** Logs what was refused since the last line, if anything and if a minute has passed. */
  void check(AggregatorBounds bounds, Instant now) {
    proxies.check(bounds.proxiesRefused(), bounds.proxies(), bounds.maxProxies(), now);
    services.check(bounds.servicesRefused(), bounds.services(), bounds.maxServices(), now);
  }

  /** One limit: what it counts, its setting, and what was last said about it. */
  private final class Limit {
    private final String one;
    private final String many;
    private final String setting;
    private long reported;
    private Instant loggedAt = Instant.MIN;

    Limit(String one, String many, String setting) {
      this.one = one;
      this.many = many;
      this.setting = setting;
    }

    void check(long refused, int tracked, int max, Instant now) {
      long since = refused - reported;
      if (since > 0 && !now.isBefore(loggedAt.plus(INTERVAL))) {
        log.warn(
            "ignored {} new {} names: {} {} are tracked, {} ({}); raise it if they are real {},"
                + " else something unexpected publishes on Redis",
            since,
            one,
            tracked,
            many,
            setting,
            max,
            many);
        reported = refused;
        loggedAt = now;
      }
    }
  }
}
