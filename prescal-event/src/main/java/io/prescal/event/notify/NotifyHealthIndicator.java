package io.prescal.event.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code notify} in {@code /actuator/health}: each webhook's counts and last problem. Always UP: a
 * receiver that is away must not make this service look down (and get it restarted); the drops and
 * failures are in the details and in {@code prescal_event_notify_*}.
 */
@Component
class NotifyHealthIndicator implements HealthIndicator {

  private final Notifier notifier;

  NotifyHealthIndicator(Notifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    for (WebhookSender s : notifier.senders()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("target", s.target());
      details.put("pending", s.pending());
      details.put("sent", s.sent());
      details.put("failed", s.failed());
      details.put("droppedQueueFull", s.droppedQueueFull());
      details.put("lastProblem", s.lastProblem());
      health.withDetail(s.name(), details);
    }
    return health.build();
  }
}
