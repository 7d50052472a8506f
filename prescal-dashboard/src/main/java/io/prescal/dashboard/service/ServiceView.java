package io.prescal.dashboard.service;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import io.prescal.common.event.Command;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ServiceState;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.command.CommandPublisher;
import io.prescal.dashboard.command.SentCommand;
import io.prescal.dashboard.command.SentCommands;
import io.prescal.dashboard.config.CommandProperties;
import io.prescal.dashboard.live.FeedStatus;
import io.prescal.dashboard.live.LiveFeed;
import io.prescal.dashboard.security.CurrentUser;
import io.prescal.dashboard.ui.Badge;
import io.prescal.dashboard.ui.Badge.Tone;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.LiveView;
import io.prescal.dashboard.ui.Tones;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import org.springframework.dao.DataAccessException;

/** One service in detail: its backends, live and sortable; its autoscaler; operator controls. */
@Route("service")
@PermitAll
public class ServiceView extends LiveView implements HasUrlParameter<String>, HasDynamicTitle {

  private final CurrentUser user;
  private final CommandPublisher commands;
  private final SentCommands outcomes;
  private final H2 title = new H2();
  private final Badge mode = new Badge("–", Tone.NEUTRAL);
  private final Paragraph missing = new Paragraph();
  private final AutoscalerPanel autoscaler = new AutoscalerPanel();
  private final Div controlPanel = new Div();
  private final Grid<SentCommand> outcomeGrid = new Grid<>();
  private BackendGrid backends;
  private ServiceControls controls;
  private String service = "";

  public ServiceView(
      LiveFeed feed, CurrentUser user, CommandPublisher commands, CommandProperties properties) {
    super(feed);
    this.user = user;
    this.commands = commands;
    this.outcomes = new SentCommands(properties.answerTimeout());
    addClassName("service-view");
  }

  @Override
  public void setParameter(BeforeEvent event, String parameter) {
    service = parameter;
    removeAll();
    title.setText(service);
    Div header = new Div(title, mode);
    header.addClassName("view-header");
    missing.addClassName("empty");
    missing.setVisible(false);
    boolean steer = user.isOperator() && commands.enabled();
    controls =
        steer
            ? new ServiceControls(
                service,
                user.name(),
                c -> ConfirmationDialog.open(c, user.name(), cmd -> send(cmd, cmd.describe())))
            : null;
    backends = new BackendGrid(controls == null ? null : controls::drain);
    configureControlPanel();
    Div top = new Div(autoscaler, controlPanel);
    top.addClassName("panels");
    H3 backendTitle = new H3("Backends");
    add(header, missing, top, backendTitle, backends);
    if (controls != null) {
      configureOutcomes();
      add(new H3("Commands sent from this page"), outcomeGrid);
    }
  }

  @Override
  public String getPageTitle() {
    return service + " · Prescal";
  }

  private void configureControlPanel() {
    controlPanel.removeAll();
    controlPanel.addClassName("panel");
    com.vaadin.flow.component.html.Span panelTitle =
        new com.vaadin.flow.component.html.Span("Controls");
    panelTitle.addClassName("panel-title");
    controlPanel.add(panelTitle);
    if (!user.isOperator()) {
      Paragraph note =
          new Paragraph(
              "Read-only: you are logged in as a viewer. Operators can change limits, fix the replica count, pause autoscaling and drain backends here.");
      note.setId("controls-readonly");
      controlPanel.add(note);
    } else if (!commands.enabled()) {
      Paragraph note = new Paragraph(CommandPublisher.missingSecretHint());
      note.setId("controls-off");
      controlPanel.add(note);
    } else {
      controlPanel.add(controls);
    }
  }

  private void configureOutcomes() {
    outcomeGrid.setId("command-outcomes");
    outcomeGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
    outcomeGrid.setAllRowsVisible(true);
    outcomeGrid
        .addColumn(o -> Figures.clock(o.sentAt()))
        .setHeader("Sent")
        .setAutoWidth(true)
        .setFlexGrow(0);
    outcomeGrid.addColumn(SentCommand::description).setHeader("Command").setAutoWidth(true);
    outcomeGrid
        .addColumn(o -> o.status().name().toLowerCase(Locale.ROOT))
        .setHeader("Result")
        .setAutoWidth(true)
        .setPartNameGenerator(o -> "outcome-" + o.status().name().toLowerCase(Locale.ROOT));
    outcomeGrid.addColumn(SentCommand::detail).setHeader("Answer").setFlexGrow(1);
  }

  private void send(Command command, String description) {
    try {
      Envelope sent = commands.send(service, command);
      outcomes.sent(sent, description);
      outcomeGrid.setItems(outcomes.all());
      Notification.show(
          "Sent: " + description + " for " + service, 3000, Notification.Position.BOTTOM_END);
    } catch (DataAccessException e) {
      error("Not sent: Redis is unreachable. Try again when the banner is gone.");
    } catch (RuntimeException e) {
      error("Not sent: " + e.getMessage());
    }
  }

  private static void error(String text) {
    Notification.show(text, 6000, Notification.Position.MIDDLE)
        .addThemeVariants(NotificationVariant.LUMO_ERROR);
  }

  @Override
  protected void state(Envelope envelope, StateSnapshot state) {
    ServiceState s =
        state.services().stream().filter(x -> x.service().equals(service)).findFirst().orElse(null);
    missing.setVisible(s == null);
    if (s == null) {
      missing.setText(
          "No service named \""
              + service
              + "\" in the current state. It may have been removed, or no proxy routes it.");
      return;
    }
    if (s.autoscaler() != null) {
      mode.set(
          s.autoscaler().mode().name().toLowerCase(Locale.ROOT), Tones.of(s.autoscaler().mode()));
    } else {
      mode.set("static", Tone.NEUTRAL);
    }
    autoscaler.show(s.autoscaler());
    if (controls != null) {
      controls.show(s);
    }
    backends.show(s.backends());
  }

  @Override
  protected void event(Envelope envelope) {
    outcomes
        .answer(envelope)
        .ifPresent(
            o -> {
              outcomeGrid.setItems(outcomes.all());
              Notification n =
                  Notification.show(
                      o.description()
                          + ": "
                          + o.status().name().toLowerCase(Locale.ROOT)
                          + " — "
                          + o.detail(),
                      5000,
                      Notification.Position.BOTTOM_END);
              n.addThemeVariants(
                  o.status() == SentCommand.Status.ACCEPTED
                      ? NotificationVariant.LUMO_SUCCESS
                      : NotificationVariant.LUMO_ERROR);
            });
  }

  @Override
  protected void status(FeedStatus status) {
    if (!outcomes.expire(status.now()).isEmpty()) {
      outcomeGrid.setItems(outcomes.all());
    }
    getElement().getClassList().set("stale", status.stale());
  }
}
