package io.prescal.dashboard.events;

import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.Severity;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * What the event log shows: types (empty = all), one service (null = all), a minimum severity,
 * decisions that changed the replica count only or every decision, events since a time, and free
 * text matched, case-insensitively, against type, service, source and the sentence.
 *
 * @param types wire type names to show; empty shows every type
 * @param service the service to show, or null for every service
 * @param minSeverity the least severity shown
 * @param text words to look for, blank for none
 * @param changesOnly true to leave out scale decisions that keep the replica count (the periodic
 *     "stay at 6 replicas" that would crowd the log)
 * @param since the oldest time shown, or null for any
 */
public record EventFilter(
    Set<String> types,
    String service,
    Severity minSeverity,
    String text,
    boolean changesOnly,
    Instant since) {

  /** Shows everything. */
  public static final EventFilter ALL =
      new EventFilter(Set.of(), null, Severity.INFO, "", false, null);

  /** What the event log shows when it opens: everything but decisions that change nothing. */
  public static final EventFilter DEFAULT = ALL.withChangesOnly(true);

  public EventFilter {
    types = Set.copyOf(types);
    minSeverity = minSeverity == null ? Severity.INFO : minSeverity;
    text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code envelope} passes. */
  public boolean test(Envelope envelope) {
    if (!types.isEmpty() && !types.contains(envelope.type())) {
      return false;
    }
    if (service != null && !service.equals(envelope.service())) {
      return false;
    }
    if (envelope.severity().compareTo(minSeverity) < 0) {
      return false;
    }
    if (changesOnly && envelope.data() instanceof ScaleDecision d && !d.changes()) {
      return false;
    }
    if (since != null && envelope.time().isBefore(since)) {
      return false;
    }
    if (text.isEmpty()) {
      return true;
    }
    String haystack =
        (envelope.type()
                + ' '
                + (envelope.service() == null ? "" : envelope.service())
                + ' '
                + envelope.source()
                + ' '
                + EventText.describe(envelope.data()))
            .toLowerCase(Locale.ROOT);
    for (String word : text.split("\\s+")) {
      if (!haystack.contains(word)) {
        return false;
      }
    }
    return true;
  }

  public EventFilter withTypes(Set<String> newTypes) {
    return new EventFilter(newTypes, service, minSeverity, text, changesOnly, since);
  }

  public EventFilter withService(String newService) {
    return new EventFilter(types, newService, minSeverity, text, changesOnly, since);
  }

  public EventFilter withMinSeverity(Severity newMin) {
    return new EventFilter(types, service, newMin, text, changesOnly, since);
  }

  public EventFilter withText(String newText) {
    return new EventFilter(types, service, minSeverity, newText, changesOnly, since);
  }

  public EventFilter withChangesOnly(boolean newChangesOnly) {
    return new EventFilter(types, service, minSeverity, text, newChangesOnly, since);
  }

  public EventFilter withSince(Instant newSince) {
    return new EventFilter(types, service, minSeverity, text, changesOnly, newSince);
  }
}
