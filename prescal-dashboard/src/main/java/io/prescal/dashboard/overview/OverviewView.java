package io.prescal.dashboard.overview;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ServiceState;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.chart.ChartMarker;
import io.prescal.dashboard.config.DashboardProperties;
import io.prescal.dashboard.history.EventLogReader;
import io.prescal.dashboard.history.HistoryReader;
import io.prescal.dashboard.live.FeedStatus;
import io.prescal.dashboard.live.LiveFeed;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.LiveView;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every service at a glance, live, with charts over the last 5, 15 or 60 minutes. */
@Route("")
@PageTitle("Overview · Prescal")
@PermitAll
public class OverviewView extends LiveView {

  private final HistoryReader history;
  private final EventLogReader eventLog;
  private final Clock clock;
  private final Map<String, ServiceCard> cards = new LinkedHashMap<>();
  private final Div cardList = new Div();
  private final Div empty = new Div();
  private final Span summary = new Span();
  private final MarkedEvents markers;
  private TimeRange range = TimeRange.FIFTEEN_MINUTES;

  public OverviewView(
      LiveFeed feed,
      HistoryReader history,
      EventLogReader eventLog,
      Clock clock,
      DashboardProperties properties) {
    super(feed);
    this.history = history;
    this.eventLog = eventLog;
    this.clock = clock;
    // As many as a view reads when it opens: the live ones then push the oldest out.
    this.markers = new MarkedEvents(properties.backfill());
    addClassName("overview");
    configureHeader();
    cardList.addClassName("card-list");
    empty.addClassName("empty");
    empty.setText("No services yet: waiting for prescal-event to publish the state on Redis.");
    add(empty, cardList);
  }

  private void configureHeader() {
    H2 title = new H2("Overview");
    summary.addClassName("summary");
    summary.setId("summary");
    Tabs ranges = new Tabs();
    ranges.addClassName("ranges");
    Map<Tab, TimeRange> byTab = new LinkedHashMap<>();
    for (TimeRange r : TimeRange.values()) {
      Tab tab = new Tab(r.label());
      tab.setId("range-" + r.window().toMinutes());
      byTab.put(tab, r);
      ranges.add(tab);
    }
    ranges.setSelectedIndex(range.ordinal());
    ranges.addSelectedChangeListener(
        e -> {
          range = byTab.get(e.getSelectedTab());
          reloadHistory();
        });
    Div header = new Div(title, summary, ranges);
    header.addClassName("view-header");
    add(header);
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    markers.clear();
    eventLog.recent().forEach(markers::keep);
    super.onAttach(attachEvent);
  }

  @Override
  protected void state(Envelope envelope, StateSnapshot state) {
    long epochSeconds = envelope.time().getEpochSecond();
    Set<String> seen = new HashSet<>();
    for (ServiceState service : state.services()) {
      seen.add(service.service());
      cards.computeIfAbsent(service.service(), this::newCard).update(service, epochSeconds);
    }
    cards
        .entrySet()
        .removeIf(
            e -> {
              boolean gone = !seen.contains(e.getKey());
              if (gone) {
                cardList.remove(e.getValue());
              }
              return gone;
            });
    empty.setVisible(cards.isEmpty());
    summary.setText(Summaries.system(state));
  }

  private ServiceCard newCard(String service) {
    ServiceCard card = new ServiceCard(service, range.window());
    loadHistory(card);
    cardList.add(card);
    return card;
  }

  @Override
  protected void event(Envelope envelope) {
    if (envelope.service() == null) {
      return;
    }
    ServiceCard card = cards.get(envelope.service());
    if (markers.keep(envelope) && card != null) {
      ChartMarker.of(envelope).ifPresent(card::mark);
    }
  }

  @Override
  protected void status(FeedStatus status) {
    cards.values().forEach(card -> card.setStale(status.stale()));
    if (status.stale() && !cards.isEmpty()) {
      summary.setText("stale · last state at " + Figures.clock(status.lastStateAt()));
    }
  }

  private void reloadHistory() {
    cards.values().forEach(this::loadHistory);
  }

  private void loadHistory(ServiceCard card) {
    card.history(
        history.points(card.service(), range.window(), clock.instant()),
        markers.of(card.service()),
        range.window());
  }
}
