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
import io.prescal.dashboard.history.EventLog;
import io.prescal.dashboard.live.LiveFeed;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.LiveView;
import jakarta.annotation.security.PermitAll;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;

/** The live event log: backfilled from the stream on open, filterable, searchable, pausable. */
@Route("events")
@PageTitle("Events · Prescal")
@PermitAll
public class EventsView extends LiveView {

  /** Events kept in the view; older ones fall off. */
  static final int CAPACITY = 2000;

  private final EventLog eventLog;
  private final EventBuffer buffer = new EventBuffer(CAPACITY);
  private final Grid<Envelope> grid = new Grid<>();
  private final ComboBox<String> service = new ComboBox<>("Service");
  private final TreeSet<String> services = new TreeSet<>();
  private final Button pause = new Button();
  private final Span count = new Span();
  private EventFilter filter = EventFilter.ALL;

  public EventsView(LiveFeed feed, EventLog eventLog) {
    super(feed);
    this.eventLog = eventLog;
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
    if (envelope.service() != null && services.add(envelope.service())) {
      service.setItems(services);
    }
    return buffer.add(envelope);
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
    pause.setText(paused ? "Resume (" + buffer.waiting() + " new)" : "Pause");
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
        rows.size()
            + " of "
            + buffer.all().size()
            + " events"
            + (buffer.paused() ? " · paused" : " · live"));
    if (buffer.paused()) {
      showPauseState();
    }
  }
}
