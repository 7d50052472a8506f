package io.prescal.dashboard.overview;

import io.prescal.common.event.ProxyStatus;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.ui.Figures;

/** One-line summaries of the whole system. */
final class Summaries {

  private Summaries() {}

  /** E.g. "2 services · 2 proxies (1 silent) · 1 active alert · Redis 0.4 ms". */
  static String system(StateSnapshot state) {
    long silent = state.proxies().stream().filter(ProxyStatus::stale).count();
    int alerts = state.alerts().size();
    StringBuilder text = new StringBuilder();
    text.append(Figures.count(state.services().size(), "service"))
        .append(" · ")
        .append(Figures.count(state.proxies().size(), "proxy", "proxies"));
    if (silent > 0) {
      text.append(" (").append(silent).append(" silent)");
    }
    text.append(" · ")
        .append(alerts == 0 ? "no active alerts" : Figures.count(alerts, "active alert"));
    if (state.redisLatencyMillis() >= 0) {
      text.append(" · Redis ").append(Figures.millis(state.redisLatencyMillis()));
    }
    return text.toString();
  }
}
