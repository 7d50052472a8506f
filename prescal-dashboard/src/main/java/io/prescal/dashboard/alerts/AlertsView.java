package io.prescal.dashboard.alerts;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.prescal.common.event.ActiveAlert;
import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.events.EventBuffer;
import io.prescal.dashboard.events.EventFilter;
import io.prescal.dashboard.events.EventText;
import io.prescal.dashboard.history.EventLogReader;
import io.prescal.dashboard.live.LiveFeed;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.LiveView;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** Alerts active now (from the state) and every alert raised and cleared (from the log). */
@Route("alerts")
@PageTitle("Alerts · Prescal")
@PermitAll
public class AlertsView extends LiveView {

  private static final EventFilter ALERTS =
      EventFilter.ALL.withTypes(Set.of("alert.raised", "alert.cleared"));

  private final EventLogReader eventLog;
  private final EventBuffer history = new EventBuffer(1000);
  private final Grid<ActiveAlert> active = new Grid<>();
  private final Grid<Envelope> log = new Grid<>();
  private final Span summary = new Span();

  public AlertsView(LiveFeed feed, EventLogReader eventLog) {
    super(feed);
    this.eventLog = eventLog;
    addClassName("alerts-view");
    summary.addClassName("summary");
    summary.setId("alert-summary");
    Div header = new Div(new H2("Alerts"), summary);
    header.addClassName("view-header");
    configureActive();
    configureLog();
    add(header, new H3("Active now"), active, new H3("Raised and cleared"), log);
  }

  private void configureActive() {
    active.setId("active-alerts");
    active.addThemeVariants(GridVariant.LUMO_COMPACT);
    active.setAllRowsVisible(true);
    active
        .addColumn(a -> a.severity().name().toLowerCase(Locale.ROOT))
        .setHeader("Severity")
        .setAutoWidth(true)
        .setFlexGrow(0)
        .setPartNameGenerator(a -> "sev-" + a.severity().name().toLowerCase(Locale.ROOT));
    active.addColumn(ActiveAlert::rule).setHeader("Rule").setAutoWidth(true).setFlexGrow(0);
    active.addColumn(ActiveAlert::message).setHeader("What is wrong").setFlexGrow(1);
    active
        .addColumn(a -> Figures.clock(a.since()))
        .setHeader("Since")
        .setAutoWidth(true)
        .setFlexGrow(0);
    active
        .addColumn(a -> Figures.age(Duration.between(a.since(), Instant.now()).toSeconds()))
        .setHeader("For")
        .setAutoWidth(true)
        .setFlexGrow(0);
  }

  private void configureLog() {
    log.setId("alert-log");
    log.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    log.addColumn(e -> Figures.clock(e.time())).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
    log.addColumn(e -> e.data() instanceof AlertRaised ? "raised" : "cleared")
        .setHeader("")
        .setAutoWidth(true)
        .setFlexGrow(0)
        .setPartNameGenerator(
            e ->
                e.data() instanceof AlertRaised r
                    ? "sev-" + r.severity().name().toLowerCase(Locale.ROOT)
                    : "cleared");
    log.addColumn(e -> e.service() == null ? "–" : e.service())
        .setHeader("Service")
        .setAutoWidth(true)
        .setFlexGrow(0);
    log.addColumn(e -> EventText.describe(e.data())).setHeader("Alert").setFlexGrow(1);
    log.setHeight("420px");
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    history.addAll(eventLog.recent().stream().filter(ALERTS::test).toList());
    super.onAttach(attachEvent);
    log.setItems(history.visible(ALERTS));
  }

  @Override
  protected void state(Envelope envelope, StateSnapshot state) {
    active.setItems(state.alerts());
    summary.setText(state.alerts().isEmpty() ? "all clear" : state.alerts().size() + " active");
  }

  @Override
  protected void event(Envelope envelope) {
    if ((envelope.data() instanceof AlertRaised || envelope.data() instanceof AlertCleared)
        && history.add(envelope)) {
      log.setItems(history.visible(ALERTS));
    }
  }
}
