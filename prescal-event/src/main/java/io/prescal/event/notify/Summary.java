package io.prescal.event.notify;

import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleDecision;
import java.util.Locale;

/**
 * One line saying what an event means to a person, the same in every format. Text that came from
 * Redis (names, reasons, messages) is cut to {@value #MAX_FIELD} characters and loses its control
 * characters, so a publisher cannot make a message of many lines or megabytes.
 */
final class Summary {

  static final int MAX_FIELD = 300;

  private Summary() {}

  /** The headline: {@code [critical] alert raised: error-rate:web: ...}. */
  static String of(Envelope envelope) {
    return switch (envelope.data()) {
      case AlertRaised a ->
          "["
              + a.severity().name().toLowerCase(Locale.ROOT)
              + "] alert raised: "
              + clean(a.alertId())
              + ": "
              + clean(a.message());
      case AlertCleared c -> "alert cleared: " + clean(c.alertId()) + ": " + clean(c.message());
      case ScaleDecision d ->
          clean(service(envelope))
              + (d.changes()
                  ? ": scale from " + d.currentReplicas() + " to " + d.desiredReplicas()
                  : ": stay at " + d.desiredReplicas())
              + " ("
              + d.mode().name().toLowerCase(Locale.ROOT)
              + "): "
              + clean(d.reason());
      default -> envelope.type() + " " + clean(service(envelope));
    };
  }

  /** Where it came from: {@code service web, from proxy-1, at 2026-...Z}. */
  static String context(Envelope envelope) {
    return "service "
        + clean(service(envelope))
        + ", from "
        + clean(envelope.source())
        + ", at "
        + envelope.time();
  }

  private static String service(Envelope envelope) {
    return envelope.service() == null ? "-" : envelope.service();
  }

  /** {@code text} on one line, without control characters, at most {@link #MAX_FIELD} long. */
  static String clean(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_FIELD + 1));
    for (int i = 0; i < text.length() && out.length() < MAX_FIELD; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (text.length() > MAX_FIELD) {
      out.append('…');
    }
    return out.toString();
  }
}
