package io.prescal.dashboard.service;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.BackendStatus;
import io.prescal.dashboard.ui.Badge;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.Tones;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The backends of a service, live and sortable; operators get a drain button per row. */
final class BackendGrid extends Grid<BackendStatus> {

  private final List<BackendStatus> rows = new ArrayList<>();
  private final ListDataProvider<BackendStatus> provider = new ListDataProvider<>(rows);

  BackendGrid(Consumer<String> drain) {
    setId("backend-grid");
    addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
    setItems(provider);
    setAllRowsVisible(true);
    setEmptyStateText("No backends yet: none has been started or listed for this service.");
    addColumn(BackendStatus::backendId)
        .setHeader("Backend")
        .setSortable(true)
        .setAutoWidth(true)
        .setComparator(BackendStatus::backendId);
    addColumn(BackendGrid::where).setHeader("Container / process").setSortable(true).setFlexGrow(2);
    addColumn(BackendGrid::what)
        .setHeader("Image / program")
        .setSortable(true)
        .setTooltipGenerator(b -> b.image() == null ? "" : b.image())
        .setFlexGrow(1);
    addColumn(b -> b.address() == null ? "–" : b.address())
        .setHeader("Address")
        .setSortable(true)
        .setAutoWidth(true);
    addColumn(
            new ComponentRenderer<>(
                b -> new Badge(b.state().name().toLowerCase(Locale.ROOT), Tones.of(b.state()))))
        .setHeader("State")
        .setComparator(Comparator.comparing(BackendStatus::state))
        .setAutoWidth(true);
    addColumn(BackendStatus::inFlight)
        .setHeader("In flight")
        .setComparator(Comparator.comparingInt(BackendStatus::inFlight))
        .setAutoWidth(true);
    addColumn(b -> Figures.rate(b.requestRate()) + " /s")
        .setHeader("Rate")
        .setComparator(Comparator.comparingDouble(BackendStatus::requestRate))
        .setAutoWidth(true);
    addColumn(b -> Figures.millis(b.p99Millis()))
        .setHeader("p99")
        .setComparator(Comparator.comparingDouble(BackendStatus::p99Millis))
        .setAutoWidth(true);
    addColumn(b -> Figures.rate(b.errorRate()) + " /s")
        .setHeader("Errors")
        .setComparator(Comparator.comparingDouble(BackendStatus::errorRate))
        .setAutoWidth(true);
    addColumn(b -> Figures.age(b.ageSeconds()))
        .setHeader("Age")
        .setComparator(Comparator.comparingLong(BackendStatus::ageSeconds))
        .setAutoWidth(true);
    if (drain != null) {
      addColumn(
              new ComponentRenderer<>(
                  b -> {
                    Button button = new Button("Drain", e -> drain.accept(b.backendId()));
                    button.addThemeVariants(
                        ButtonVariant.LUMO_SMALL,
                        ButtonVariant.LUMO_ERROR,
                        ButtonVariant.LUMO_TERTIARY);
                    button.setEnabled(
                        b.state() == BackendState.READY || b.state() == BackendState.STARTING);
                    button.setId("drain-" + b.backendId());
                    return button;
                  }))
          .setHeader("")
          .setWidth("90px")
          .setFlexGrow(0)
          .setFrozenToEnd(true);
    }
    getColumns().forEach(c -> c.setResizable(true));
  }

  /** Replaces the rows, keeping the user's sort order. */
  void show(List<BackendStatus> backends) {
    boolean first = rows.isEmpty() && !backends.isEmpty();
    rows.clear();
    rows.addAll(backends);
    provider.refreshAll();
    if (first) {
      // Auto widths are measured on the rows there are; measure again once there are some.
      recalculateColumnWidths();
    }
  }

  /**
   * The image of a container, or the program of a process without its arguments (the whole command
   * line is the cell's tooltip): a command line would take the width of the table.
   */
  static String what(BackendStatus b) {
    String image = b.image();
    if (image == null || image.isBlank()) {
      return "–";
    }
    if (b.kind() != BackendKind.PROCESS) {
      return image;
    }
    String[] words = image.strip().split("\\s+");
    String program = words[0].substring(words[0].lastIndexOf('/') + 1);
    if (program.isEmpty()) {
      program = words[0];
    }
    return words.length > 1 ? program + " …" : program;
  }

  private static String where(BackendStatus b) {
    String kind = b.kind().name().toLowerCase(Locale.ROOT);
    return b.container() == null ? kind : kind + " " + abbreviate(b.container());
  }

  private static String abbreviate(String container) {
    return container.length() > 12 ? container.substring(0, 12) : container;
  }
}
