package io.prescal.dashboard.events;

import io.prescal.common.event.Envelope;
import io.prescal.common.event.Severity;
import java.util.Locale;
import java.util.Set;

/**
 * What the event log shows: types (empty = all), one service (null = all), a minimum severity and
 * free text matched, case-insensitively, against type, service, source and the sentence.
 *
 * @param types wire type names to show; empty shows every type
 * @param service the service to show, or null for every service
 * @param minSeverity the least severity shown
 * @param text words to look for, blank for none
 */
public record EventFilter(Set<String> types, String service, Severity minSeverity, String text) {

  /** Shows everything. */
  public static final EventFilter ALL = new EventFilter(Set.of(), null, Severity.INFO, "");

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
    return new EventFilter(newTypes, service, minSeverity, text);
  }

  public EventFilter withService(String newService) {
    return new EventFilter(types, newService, minSeverity, text);
  }

  public EventFilter withMinSeverity(Severity newMin) {
    return new EventFilter(types, service, newMin, text);
  }

  public EventFilter withText(String newText) {
    return new EventFilter(types, service, minSeverity, newText);
  }
}
