package io.prescal.event.alert;

import io.prescal.common.event.ActiveAlert;
import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.ProxyStatus;
import io.prescal.common.event.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the alert rules once per tick. An alert ({@code rule:subject}) is raised when its
 * condition has held for the rule's {@code holdFor}, and cleared as soon as it no longer holds, or
 * when its subject has not been reported for {@code missingGrace}. Stale services are not judged on
 * their (missing) traffic. The grace matters after a restart: alerts read back from the log must
 * survive the first ticks, before any proxy has reported, or they would clear and raise again. Time
 * comes from the caller. Used from one thread.
 *
 * <p>Its state is bounded by the rules times the subjects reported now (services and proxies, which
 * the aggregator bounds): a condition that held for a subject no longer reported is forgotten at
 * once, an active alert after {@code missingGrace}.
 */
public final class AlertEvaluator {

  private final List<AlertRule> rules;
  private final Map<String, Instant> holdingSince = new HashMap<>();
  private final Map<String, ActiveAlert> active = new LinkedHashMap<>();
  private final Map<String, String> activeService = new HashMap<>();
  private final Map<String, Instant> missingSince = new HashMap<>();
  private final Duration missingGrace;

  /**
   * @param rules the rules
   * @param missingGrace how long an active alert's subject may go unreported before the alert is
   *     cleared as "no longer reported"
   */
  public AlertEvaluator(List<AlertRule> rules, Duration missingGrace) {
    this.rules = List.copyOf(rules);
    this.missingGrace = missingGrace;
  }

  /** Takes over alerts raised before a restart (read back from the event log). */
  public void restore(List<ActiveAlert> alerts, Map<String, String> services) {
    for (ActiveAlert alert : alerts) {
      active.put(alert.alertId(), alert);
      holdingSince.put(alert.alertId(), alert.since());
      if (services.get(alert.alertId()) != null) {
        activeService.put(alert.alertId(), services.get(alert.alertId()));
      }
    }
  }

  /** How many rule-and-subject pairs this evaluator holds state for (raised or holding). */
  int tracked() {
    return holdingSince.size() + active.size();
  }

  /** Alerts raised and not cleared. */
  public List<ActiveAlert> active() {
    return List.copyOf(active.values());
  }

  /** Judges every rule on the latest state; returns the alerts raised and cleared. */
  public List<AlertChange> evaluate(
      List<ServiceState> services, List<ProxyStatus> proxies, Instant now) {
    List<AlertChange> changes = new ArrayList<>();
    Set<String> judged = new HashSet<>();
    for (AlertRule rule : rules) {
      if (rule.kind() == AlertKind.PROXY_SILENT) {
        for (ProxyStatus proxy : proxies) {
          Observation o =
              new Observation(
                  proxy.stale(),
                  proxy.stale() ? 1 : 0,
                  0,
                  "proxy " + proxy.source() + " silent since " + proxy.lastSeen(),
                  "proxy " + proxy.source() + " reports again");
          judge(rule, proxy.source(), null, o, now, judged, changes);
        }
        continue;
      }
      for (ServiceState service : services) {
        if (!service.stale()) {
          judge(
              rule,
              service.service(),
              service.service(),
              observe(rule, service),
              now,
              judged,
              changes);
        }
      }
    }
    // A condition that held for a subject no longer reported is forgotten: subjects come from
    // outside, and this map must not grow with every name ever seen.
    holdingSince.keySet().removeIf(id -> !judged.contains(id) && !active.containsKey(id));
    for (String id : List.copyOf(active.keySet())) {
      if (judged.contains(id)) {
        missingSince.remove(id);
      } else if (Duration.between(missingSince.computeIfAbsent(id, k -> now), now)
              .compareTo(missingGrace)
          >= 0) {
        clear(id, "no longer reported", changes);
      }
    }
    return changes;
  }

  private record Observation(
      boolean holds, double value, double threshold, String raise, String clear) {}

  private static Observation observe(AlertRule rule, ServiceState s) {
    String name = s.service();
    return switch (rule.kind()) {
      case ERROR_RATE -> {
        double limit = rule.threshold() / 100;
        yield new Observation(
            s.errorRate() > limit,
            s.errorRate(),
            limit,
            name
                + ": error rate "
                + percent(s.errorRate())
                + " over "
                + percent(limit)
                + " for "
                + seconds(rule.holdFor()),
            name + ": error rate " + percent(s.errorRate()) + " under " + percent(limit));
      }
      case P99 ->
          new Observation(
              s.p99Millis() > rule.threshold(),
              s.p99Millis(),
              rule.threshold(),
              name
                  + ": p99 "
                  + number(s.p99Millis())
                  + " ms over "
                  + number(rule.threshold())
                  + " ms for "
                  + seconds(rule.holdFor()),
              name
                  + ": p99 "
                  + number(s.p99Millis())
                  + " ms under "
                  + number(rule.threshold())
                  + " ms");
      case BACKENDS_DOWN ->
          new Observation(
              s.desiredReplicas() > 0 && s.readyReplicas() == 0,
              s.readyReplicas(),
              s.desiredReplicas(),
              name
                  + ": no backend ready of "
                  + s.desiredReplicas()
                  + " wanted for "
                  + seconds(rule.holdFor()),
              name + ": " + s.readyReplicas() + " backends ready");
      case PROXY_SILENT -> throw new IllegalArgumentException("judged per proxy");
    };
  }

  private void judge(
      AlertRule rule,
      String subject,
      String service,
      Observation o,
      Instant now,
      Set<String> judged,
      List<AlertChange> changes) {
    String id = rule.name() + ":" + subject;
    judged.add(id);
    if (!o.holds()) {
      holdingSince.remove(id);
      if (active.containsKey(id)) {
        clear(id, o.clear(), changes);
      }
      return;
    }
    Instant since = holdingSince.computeIfAbsent(id, k -> now);
    if (!active.containsKey(id) && Duration.between(since, now).compareTo(rule.holdFor()) >= 0) {
      active.put(id, new ActiveAlert(id, rule.name(), rule.severity(), o.raise(), now));
      activeService.put(id, service);
      changes.add(
          new AlertChange(
              service,
              new AlertRaised(
                  id, rule.name(), rule.severity(), o.raise(), o.value(), o.threshold())));
    }
  }

  private void clear(String id, String message, List<AlertChange> changes) {
    ActiveAlert alert = active.remove(id);
    holdingSince.remove(id);
    missingSince.remove(id);
    String service = activeService.remove(id);
    changes.add(new AlertChange(service, new AlertCleared(id, alert.rule(), message)));
  }

  private static String percent(double fraction) {
    return number(fraction * 100) + "%";
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
