package io.prescal.event.state;

import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.ActiveAlert;
import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.Envelope;
import io.prescal.event.alert.AlertEvaluator;
import io.prescal.event.store.EventLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads back from the event log the alerts a previous run raised and did not clear, so that a
 * restart neither forgets them nor raises them twice.
 */
final class AlertHistory {

  private static final int SCAN = 20_000;

  private AlertHistory() {}

  static void restore(EventLog log, EventCodec codec, String source, AlertEvaluator alerts) {
    Set<String> cleared = new HashSet<>();
    List<ActiveAlert> open = new ArrayList<>();
    Map<String, String> services = new HashMap<>();
    // Newest first: a clear seen before its raise means the alert is over.
    for (String json : log.newest(SCAN, SCAN, j -> j.contains("\"alert."))) {
      codec
          .decode(json)
          .event()
          .filter(e -> source.equals(e.source()))
          .ifPresent(e -> collect(e, cleared, open, services));
    }
    alerts.restore(open.reversed(), services);
  }

  private static void collect(
      Envelope e, Set<String> cleared, List<ActiveAlert> open, Map<String, String> services) {
    switch (e.data()) {
      case AlertCleared c -> cleared.add(c.alertId());
      case AlertRaised r -> {
        if (cleared.add(r.alertId())) {
          open.add(new ActiveAlert(r.alertId(), r.rule(), r.severity(), r.message(), e.time()));
          if (e.service() != null) {
            services.put(r.alertId(), e.service());
          }
        }
      }
      default -> {}
    }
  }
}
