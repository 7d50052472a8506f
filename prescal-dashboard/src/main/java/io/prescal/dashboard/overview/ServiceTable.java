package io.prescal.dashboard.overview;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.ServiceState;
import io.prescal.dashboard.ui.Badge;
import io.prescal.dashboard.ui.Badge.Tone;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.Tones;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Every service in one row each: the overview when there are more services than cards can show at a
 * glance. Sortable, so the busiest or the failing ones come first.
 */
final class ServiceTable extends Grid<ServiceState> {

  ServiceTable() {
    setId("service-table");
    addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    setAllRowsVisible(true);
    setEmptyStateText("No services yet.");
    addColumn(new ComponentRenderer<>(ServiceTable::link))
        .setHeader("Service")
        .setComparator(ServiceState::service)
        .setAutoWidth(true)
        .setFlexGrow(1);
    addColumn(new ComponentRenderer<>(ServiceTable::mode))
        .setHeader("Mode")
        .setComparator(s -> mode(s.autoscaler()))
        .setAutoWidth(true)
        .setFlexGrow(0);
    addColumn(s -> s.readyReplicas() + " / " + s.desiredReplicas())
        .setHeader("Ready / desired")
        .setComparator(Comparator.comparingInt(ServiceState::readyReplicas))
        .setAutoWidth(true)
        .setFlexGrow(0);
    addColumn(s -> Figures.rate(s.requestRate()) + " req/s")
        .setHeader("Requests")
        .setComparator(Comparator.comparingDouble(ServiceState::requestRate))
        .setAutoWidth(true)
        .setFlexGrow(0);
    addColumn(s -> Figures.percent(s.errorRate()))
        .setHeader("Errors")
        .setComparator(Comparator.comparingDouble(ServiceState::errorRate))
        .setPartNameGenerator(s -> s.errorRate() >= 0.05 ? "sev-critical" : null)
        .setAutoWidth(true)
        .setFlexGrow(0);
    addColumn(s -> Figures.latency(s.p99Millis(), s.requestRate()))
        .setHeader("p99")
        .setComparator(Comparator.comparingDouble(ServiceState::p99Millis))
        .setAutoWidth(true)
        .setFlexGrow(0);
    addColumn(s -> Figures.latency(s.p50Millis(), s.requestRate()))
        .setHeader("p50")
        .setComparator(Comparator.comparingDouble(ServiceState::p50Millis))
        .setAutoWidth(true)
        .setFlexGrow(0);
    addColumn(ServiceState::inFlight)
        .setHeader("In flight")
        .setComparator(Comparator.comparingInt(ServiceState::inFlight))
        .setAutoWidth(true)
        .setFlexGrow(0);
    addColumn(ServiceState::queueLength)
        .setHeader("Queued")
        .setComparator(Comparator.comparingInt(ServiceState::queueLength))
        .setAutoWidth(true)
        .setFlexGrow(0);
  }

  /** Shows {@code services}, keeping the user's sort order. */
  void show(List<ServiceState> services) {
    setItems(services);
  }

  private static Anchor link(ServiceState s) {
    Anchor a = new Anchor(ServiceCard.href(s.service()), s.service());
    a.getElement().setAttribute("router-link", true);
    return a;
  }

  private static Badge mode(ServiceState s) {
    AutoscalerStatus a = s.autoscaler();
    return a == null ? new Badge("static", Tone.NEUTRAL) : new Badge(mode(a), Tones.of(a.mode()));
  }

  private static String mode(AutoscalerStatus a) {
    return a == null ? "static" : a.mode().name().toLowerCase(Locale.ROOT);
  }
}
