package io.prescal.dashboard.scaling;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleDecision;
import io.prescal.dashboard.events.EventBuffer;
import io.prescal.dashboard.history.EventLogReader;
import io.prescal.dashboard.live.LiveFeed;
import io.prescal.dashboard.ui.Badge;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.LiveView;
import io.prescal.dashboard.ui.Tones;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/** Every scale decision with its inputs and reason, newest first: why Prescal did what it did. */
@Route("scaling")
@PageTitle("Scaling · Prescal")
@PermitAll
public class ScalingView extends LiveView {

  /** Decisions kept and shown. */
  static final int CAPACITY = 300;

  private final EventLogReader eventLog;

  /**
   * The decisions held, newest first; the services offered are only theirs, so both stay bounded.
   */
  private final EventBuffer decisions = new EventBuffer(CAPACITY);

  private SortedSet<String> services = new TreeSet<>();
  private final ComboBox<String> service = new ComboBox<>("Service");
  private final Checkbox changesOnly = new Checkbox("Changes only", true);
  private final Div timeline = new Div();
  private final Span count = new Span();

  public ScalingView(LiveFeed feed, EventLogReader eventLog) {
    super(feed);
    this.eventLog = eventLog;
    addClassName("scaling-view");
    count.addClassName("summary");
    Div header = new Div(new H2("Scaling decisions"), count);
    header.addClassName("view-header");
    service.setPlaceholder("all services");
    service.setClearButtonVisible(true);
    service.addValueChangeListener(e -> render());
    changesOnly.addValueChangeListener(e -> render());
    Div filters = new Div(service, changesOnly);
    filters.addClassName("filters");
    timeline.addClassName("timeline");
    timeline.setId("timeline");
    add(header, filters, timeline);
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    eventLog.recent().forEach(this::remember);
    super.onAttach(attachEvent);
    render();
  }

  @Override
  protected void event(Envelope envelope) {
    if (remember(envelope)) {
      render();
    }
  }

  private boolean remember(Envelope envelope) {
    if (!(envelope.data() instanceof ScaleDecision) || !decisions.add(envelope)) {
      return false;
    }
    SortedSet<String> held = decisions.services();
    if (!held.equals(services)) {
      services = held;
      service.setItems(services);
    }
    return true;
  }

  private void render() {
    timeline.removeAll();
    int shown = 0;
    for (Envelope e : decisions.all()) {
      ScaleDecision d = (ScaleDecision) e.data();
      if ((service.getValue() != null && !service.getValue().equals(e.service()))
          || (changesOnly.getValue() && !d.changes())) {
        continue;
      }
      timeline.add(entry(e, d));
      shown++;
    }
    if (shown == 0) {
      Div none =
          new Div(
              "No scale decisions yet"
                  + (changesOnly.getValue() ? " that changed the replica count" : "")
                  + ".");
      none.addClassName("empty");
      timeline.add(none);
    }
    count.setText(shown + " shown of " + decisions.all().size() + " decisions");
  }

  private static Div entry(Envelope e, ScaleDecision d) {
    Span time = new Span(Figures.clock(e.time()));
    time.addClassName("decision-time");
    Span svc = new Span(e.service() == null ? "–" : e.service());
    svc.addClassName("decision-service");
    Span headline = new Span(DecisionExplainer.headline(d));
    headline.addClassName("decision-headline");
    Badge mode = new Badge(d.mode().name().toLowerCase(Locale.ROOT), Tones.of(d.mode()));
    Div top = new Div(time, svc, headline, mode);
    top.addClassName("decision-top");
    Div reason = new Div(d.reason());
    reason.addClassName("decision-reason");
    Div inputs = new Div();
    inputs.addClassName("decision-inputs");
    for (DecisionExplainer.Line line : DecisionExplainer.lines(d)) {
      Span k = new Span(line.label());
      k.addClassName("setting-key");
      Span v = new Span(line.value());
      v.addClassName("setting-value");
      inputs.add(k, v);
    }
    Div entry = new Div(top, reason, inputs);
    entry.addClassName("decision");
    entry.addClassName("decision-" + DecisionExplainer.direction(d));
    return entry;
  }
}
