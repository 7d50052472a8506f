package io.prescal.dashboard.events;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.Severity;
import io.prescal.dashboard.config.DashboardProperties;
import io.prescal.dashboard.history.EventLogReader;
import io.prescal.dashboard.live.LiveFeed;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.LiveView;
import jakarta.annotation.security.PermitAll;
import java.util.Arrays;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The live event log: backfilled from the stream on open, filterable, searchable, pausable. Holds
 * at most {@code prescal.dashboard.events-shown} events; while paused, at most as many wait and the
 * oldest beyond are dropped, which the button and the summary say.
 */
@Route("events")
@PageTitle("Events · Prescal")
@PermitAll
public class EventsView extends LiveView {

  private final EventLogReader eventLog;
  private final EventBuffer buffer;
  private final Grid<Envelope> grid = new Grid<>();
  private final ComboBox<String> service = new ComboBox<>("Service");
  private SortedSet<String> services = new TreeSet<>();
  private final Button pause = new Button();
  private final Span count = new Span();
  private EventFilter filter = EventFilter.ALL;

  public EventsView(LiveFeed feed, EventLogReader eventLog, DashboardProperties properties) {
    super(feed);
    this.eventLog = eventLog;
    // Older events fall off; while paused, at most as many wait (the oldest dropped, counted).
    this.buffer = new EventBuffer(properties.eventsShown());
    addClassName("events-view");
    H2 title = new H2("Events");
    count.addClassName("summary");
    count.setId("event-count");
    Div header = new Div(title, count);
    header.addClassName("view-header");
    add(header, configureFilters(), configureGrid());
  }

  private Div configureFilters() {
    MultiSelectComboBox<String> types = new MultiSelectComboBox<>("Type");
    types.setItems(
        Arrays.stream(EventType.values())
            .filter(t -> !t.isCommand() && t != EventType.METRICS && t != EventType.STATE)
            .map(EventType::wireName)
            .toList());
    types.setPlaceholder("all types");
    types.addValueChangeListener(e -> apply(filter.withTypes(e.getValue())));
    service.setPlaceholder("all services");
    service.setClearButtonVisible(true);
    service.addValueChangeListener(e -> apply(filter.withService(e.getValue())));
    Select<Severity> severity = new Select<>();
    severity.setLabel("Severity");
    severity.setItems(Severity.values());
    severity.setItemLabelGenerator(s -> s.name().toLowerCase(Locale.ROOT) + " and up");
    severity.setValue(Severity.INFO);
    severity.addValueChangeListener(e -> apply(filter.withMinSeverity(e.getValue())));
    TextField search = new TextField("Search");
    search.setId("event-search");
    search.setPlaceholder("backend, reason, source…");
    search.setPrefixComponent(VaadinIcon.SEARCH.create());
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.addValueChangeListener(e -> apply(filter.withText(e.getValue())));
    pause.setId("event-pause");
    pause.addClickListener(e -> togglePause());
    showPauseState();
    Div filters = new Div(types, service, severity, search, pause);
    filters.addClassName("filters");
    return filters;
  }

  private Grid<Envelope> configureGrid() {
    grid.setId("event-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    grid.addColumn(e -> Figures.clockMillis(e.time()))
        .setHeader("Time")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(e -> e.severity().name().toLowerCase(Locale.ROOT))
        .setHeader("Severity")
        .setAutoWidth(true)
        .setFlexGrow(0)
        .setPartNameGenerator(e -> "sev-" + e.severity().name().toLowerCase(Locale.ROOT));
    grid.addColumn(Envelope::type).setHeader("Type").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(e -> e.service() == null ? "–" : e.service())
        .setHeader("Service")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(e -> EventText.describe(e.data())).setHeader("What happened").setFlexGrow(1);
    grid.addColumn(Envelope::source).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
    grid.setPartNameGenerator(e -> "sev-" + e.severity().name().toLowerCase(Locale.ROOT));
    grid.addClassName("event-grid");
    return grid;
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    // Backfill first, then live: the buffer drops what both deliver.
    eventLog.recent().forEach(this::remember);
    super.onAttach(attachEvent);
    refresh();
  }

  @Override
  protected void event(Envelope envelope) {
    if (remember(envelope)) {
      refresh();
    }
  }

  private boolean remember(Envelope envelope) {
    boolean added = buffer.add(envelope);
    if (added && envelope.service() != null) {
      // The choices are the services of the events held: bounded like the events themselves.
      SortedSet<String> held = buffer.services();
      if (!held.equals(services)) {
        services = held;
        service.setItems(held);
      }
    }
    return added;
  }

  private void apply(EventFilter newFilter) {
    filter = newFilter;
    refresh();
  }

  private void togglePause() {
    if (buffer.paused()) {
      buffer.resume();
    } else {
      buffer.pause();
    }
    showPauseState();
    refresh();
  }

  private void showPauseState() {
    boolean paused = buffer.paused();
    pause.setText(paused ? pauseLabel(buffer.waiting(), buffer.droppedWhilePaused()) : "Pause");
    pause.setIcon(paused ? VaadinIcon.PLAY.create() : VaadinIcon.PAUSE.create());
    pause.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
    if (paused) {
      pause.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    }
  }

  private void refresh() {
    var rows = buffer.visible(filter);
    grid.setItems(rows);
    count.setText(
        summary(rows.size(), buffer.all().size(), buffer.paused(), buffer.droppedWhilePaused()));
    if (buffer.paused()) {
      showPauseState();
    }
  }

  /** The pause button's text while paused. */
  static String pauseLabel(int waiting, long dropped) {
    return "Resume (" + waiting + " new" + (dropped > 0 ? ", " + dropped + " dropped" : "") + ")";
  }

  /** The line over the grid: rows shown of events held, live or paused, and what a pause cost. */
  static String summary(int visible, int held, boolean paused, long dropped) {
    String state = paused ? " · paused" : " · live";
    String lost = dropped > 0 ? " · " + dropped + " dropped while paused" : "";
    return visible + " of " + held + " events" + state + lost;
  }
}
