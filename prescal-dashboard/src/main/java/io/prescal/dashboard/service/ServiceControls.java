package io.prescal.dashboard.service;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.Command;
import io.prescal.common.event.DrainCommand;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.ResumeCommand;
import io.prescal.common.event.ScaleCommand;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The operator's controls for one service: limits, a fixed replica count, pause and resume. Every
 * command is confirmed in a dialog first; {@code send} publishes it.
 */
final class ServiceControls extends Div {

  private final String service;
  private final String issuer;
  private final BiConsumer<Command, String> send;
  private final IntegerField min = new IntegerField("Min replicas");
  private final IntegerField max = new IntegerField("Max replicas");
  private final IntegerField replicas = new IntegerField("Fixed replicas");
  private boolean filled;

  ServiceControls(String service, String issuer, BiConsumer<Command, String> send) {
    this.service = service;
    this.issuer = issuer;
    this.send = send;
    addClassName("controls");
    setId("controls");
    min.setId("min");
    max.setId("max");
    replicas.setId("replicas");
    for (IntegerField f : new IntegerField[] {min, max, replicas}) {
      f.setMin(0);
      f.setStepButtonsVisible(true);
      f.addClassName("narrow");
    }
    Button limits = button("Set limits", "set-limits", () -> limits());
    Button scale = button("Fix count", "scale", () -> scale());
    Button pause =
        button(
            "Pause autoscaling",
            "pause",
            () -> confirm(new PauseCommand(issuer), "Replicas stay as they are until you resume."));
    Button resume =
        button(
            "Resume autoscaling",
            "resume",
            () ->
                confirm(
                    new ResumeCommand(issuer), "The autoscaler decides the replica count again."));
    Div limitRow = row(min, max, limits);
    Div scaleRow = row(replicas, scale);
    Div modeRow = row(pause, resume);
    add(limitRow, scaleRow, modeRow);
  }

  /** Fills the fields from the service's settings the first time they are known. */
  void show(AutoscalerStatus autoscaler) {
    if (filled || autoscaler == null) {
      return;
    }
    filled = true;
    min.setValue(autoscaler.min());
    max.setValue(autoscaler.max());
    replicas.setValue(autoscaler.desired());
  }

  /** Asks to confirm draining {@code backendId}, then sends it. */
  void drain(String backendId) {
    confirm(
        new DrainCommand(backendId, issuer),
        "It gets no new requests, finishes those in flight, then stops. The autoscaler replaces it if it needs to.");
  }

  private void limits() {
    build(
        () -> new LimitsCommand(value(min, "min"), value(max, "max"), issuer),
        c ->
            "The autoscaler keeps "
                + service
                + " between "
                + c.min()
                + " and "
                + c.max()
                + " replicas.");
  }

  private void scale() {
    build(
        () -> new ScaleCommand(value(replicas, "replicas"), issuer),
        c -> "Autoscaling stays off for " + service + " until you resume it.");
  }

  private <C extends Command> void build(
      java.util.function.Supplier<C> command, Function<C, String> consequence) {
    C built;
    try {
      built = command.get();
    } catch (IllegalArgumentException e) {
      // The record's own check names the value and what is expected.
      Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
      return;
    }
    confirm(built, consequence.apply(built));
  }

  private void confirm(Command command, String consequence) {
    ConfirmDialog dialog = new ConfirmDialog();
    dialog.setId("confirm-dialog");
    dialog.setHeader(capitalized(command.describe()) + " for " + service + "?");
    dialog.setText(
        new Div(
            new Paragraph(consequence),
            new Paragraph(
                new Span("Sent signed on prescal:commands as "),
                strong(issuer),
                new Span("; the proxy's answer shows below."))));
    dialog.setCancelable(true);
    dialog.setConfirmText("Send");
    dialog.addConfirmListener(e -> send.accept(command, command.describe()));
    dialog.open();
  }

  private static Span strong(String text) {
    Span s = new Span(text);
    s.addClassName("strong");
    return s;
  }

  private static int value(IntegerField field, String name) {
    Integer v = field.getValue();
    if (v == null) {
      throw new IllegalArgumentException(name + ": empty (expected: a whole number >= 0)");
    }
    return v;
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static Button button(String text, String id, Runnable action) {
    Button b = new Button(text, e -> action.run());
    b.setId(id);
    b.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
    return b;
  }

  private static Div row(com.vaadin.flow.component.Component... children) {
    Div row = new Div(children);
    row.addClassName("control-row");
    return row;
  }
}
