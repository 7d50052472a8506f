package io.prescal.event.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.Envelope;
import io.prescal.event.config.EventProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Which webhooks get which events, before anything is sent. */
class NotifierTest {

  @Test
  void eachWebhookQueuesItsKindsAndAlertsOfAnotherEventServiceAreLeftToIt() throws Exception {
    try (Receiver receiver = new Receiver().hang()) {
      NotifyProperties.Webhook alerts =
          WebhookSenderTest.webhook(receiver.url(), WebhookFormat.JSON)
              .events(java.util.Set.of(NotifyEvents.ALERTS))
              .build();
      NotifyProperties.Webhook all =
          WebhookSenderTest.webhook(receiver.url(), WebhookFormat.SLACK)
              .events(java.util.Set.of(NotifyEvents.SCALE_DECISIONS, NotifyEvents.ALERTS))
              .build();
      Notifier notifier =
          new Notifier(
              new NotifyProperties(List.of(alerts, rename(all, "all"))),
              eventProperties(),
              new EventCodec(),
              new SimpleMeterRegistry());

      notifier.offer(WebhookSenderTest.alert("web", "down"));
      notifier.offer(
          Envelope.of("event-2", "web", new AlertCleared("errors:web", "errors", "fine again")));
      notifier.offer(WebhookSenderTest.scale("web", 2, 2, "stable: stay"));

      assertThat(notifier.senders()).extracting(WebhookSender::pending).containsExactly(1, 2);
      notifier.stop();
    }
  }

  private static NotifyProperties.Webhook rename(NotifyProperties.Webhook w, String name) {
    return new NotifyProperties.Webhook(
        name,
        w.url(),
        w.format(),
        w.events(),
        w.timeout(),
        w.retries(),
        w.backoff(),
        w.maxBackoff(),
        w.rateLimit(),
        w.queueSize(),
        w.headers(),
        w.headerFiles());
  }

  private static EventProperties eventProperties() {
    return new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("prescal.event", Bindable.of(EventProperties.class));
  }
}
