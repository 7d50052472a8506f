package io.prescal.dashboard.service;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.DrainCommand;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.ResumeCommand;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.event.ServiceState;
import io.prescal.common.scaling.Refusal;
import io.prescal.common.scaling.ReplicaRule;
import io.prescal.common.scaling.ScalingBounds;
import io.prescal.dashboard.ui.Figures;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The operator's controls for one service: limits, a fixed replica count, pause and resume. Counts
 * are checked with the proxies' own rule ({@link ReplicaRule}, against the ceiling the service's
 * status carries) before anything is sent, and a refusal shows on the field it is about. Every
 * command is confirmed first ({@link Confirmation}: current to new replicas and what it costs; a
 * count below min asks for force). Pause and resume follow the service's mode.
 */
final class ServiceControls extends Div {

  private final String service;
  private final String issuer;
  private final Consumer<Confirmation> confirm;
  private final CountField min = new CountField("Min replicas", "min");
  private final CountField max = new CountField("Max replicas", "max");
  private final CountField replicas = new CountField("Fixed replicas", "replicas");
  private final Button limits;
  private final Button scale;
  private final Button pause;
  private final Button resume;
  private final Span mode = new Span("waiting for the service's state");
  private ServiceState state;
  private boolean filled;

  /**
   * @param confirm asks the operator (normally {@link ConfirmationDialog}); the command goes out
   *     from there
   */
  ServiceControls(String service, String issuer, Consumer<Confirmation> confirm) {
    this.service = service;
    this.issuer = issuer;
    this.confirm = confirm;
    addClassName("controls");
    setId("controls");
    limits = button("Set limits", "set-limits", this::limits);
    scale = button("Fix count", "scale", this::scale);
    limits.addClassName("beside-field");
    scale.addClassName("beside-field");
    pause = button("Pause autoscaling", "pause", this::pause);
    resume = button("Resume autoscaling", "resume", this::resume);
    mode.setId("autoscaling-mode");
    mode.addClassName("control-mode");
    add(row(min, max, limits), row(replicas, scale), row(mode), row(pause, resume));
    show(null);
  }

  /**
   * Follows the service's state: the fields get its settings the first time they are known, their
   * bounds every time; pause and resume follow its mode.
   */
  void show(ServiceState latest) {
    this.state = latest;
    AutoscalerStatus a = latest == null ? null : latest.autoscaler();
    boolean scaled = a != null;
    for (Component c : List.of(min, max, replicas, limits, scale)) {
      ((HasEnabled) c).setEnabled(scaled);
    }
    if (!scaled) {
      mode.setText(latest == null ? "waiting for the service's state" : "not autoscaled");
      pause.setEnabled(false);
      resume.setEnabled(false);
      return;
    }
    if (!filled) {
      filled = true;
      min.show(a.min());
      max.show(a.max());
      replicas.show(a.desired());
    }
    String bound = ceilingHelp(a.bounds());
    max.setHelperText(bound);
    replicas.setHelperText(bound);
    boolean autoscaling = a.mode() == ScaleMode.STABLE || a.mode() == ScaleMode.PANIC;
    pause.setEnabled(autoscaling);
    resume.setEnabled(!autoscaling);
    mode.setText(
        switch (a.mode()) {
          case STABLE, PANIC -> "Autoscaling (" + a.mode().name().toLowerCase(Locale.ROOT) + ")";
          case PAUSED ->
              "Paused by an operator: " + Figures.count(a.desired(), "replica") + " until resumed";
          case FIXED -> "Fixed at " + Figures.count(a.desired(), "replica") + " until resumed";
        });
  }

  /** Asks to confirm draining {@code backendId}, then sends it. */
  void drain(String backendId) {
    confirm.accept(
        new Confirmation(
            "Drain " + backendId + " of " + service + "?",
            backendId + " gets no new requests, finishes those in flight, then stops.",
            "Memory: freed once it stops.",
            "The autoscaler replaces it if it needs to.",
            null,
            forced -> new DrainCommand(backendId, issuer)));
  }

  private void limits() {
    OptionalInt newMin = min.read();
    OptionalInt newMax = max.read();
    if (newMin.isEmpty() || newMax.isEmpty()) {
      return;
    }
    AutoscalerStatus a = state.autoscaler();
    int lo = newMin.getAsInt();
    int hi = newMax.getAsInt();
    List<Refusal> refusals = ReplicaRule.limits(lo, hi, a.scaleToZero(), a.bounds());
    if (!refusals.isEmpty()) {
      refusals.forEach(r -> field(r).refuse(r));
      return;
    }
    confirm.accept(
        new Confirmation(
            "Set limits min=" + lo + " max=" + hi + " for " + service + "?",
            ReplicaChange.limits(state.readyReplicas(), lo, hi, a),
            ReplicaChange.cost(hi, true, a.bounds()),
            "The autoscaler keeps " + service + " between " + lo + " and " + hi + " replicas.",
            null,
            forced -> new LimitsCommand(lo, hi, issuer)));
  }

  private void scale() {
    OptionalInt count = replicas.read();
    if (count.isEmpty()) {
      return;
    }
    AutoscalerStatus a = state.autoscaler();
    int n = count.getAsInt();
    var refusal = ReplicaRule.fix(n, false, a.replicaLimits());
    if (refusal.isPresent() && !refusal.get().forceable()) {
      replicas.refuse(refusal.get());
      return;
    }
    String force =
        refusal
            .map(
                r ->
                    r.sentence()
                        + ". Tick \"Force it\" to run "
                        + Figures.count(n, "replica")
                        + (n == 0 ? ": nothing will serve " + service + "." : ", below min."))
            .orElse(null);
    confirm.accept(
        new Confirmation(
            "Scale to " + n + " for " + service + "?",
            ReplicaChange.fix(state.readyReplicas(), n, a),
            ReplicaChange.cost(n, false, a.bounds()),
            "Autoscaling stays off for " + service + " until you resume it.",
            force,
            forced -> new ScaleCommand(n, issuer, forced && force != null)));
  }

  private void pause() {
    AutoscalerStatus a = state.autoscaler();
    confirm.accept(
        new Confirmation(
            "Pause autoscaling for " + service + "?",
            "Replicas stay at " + a.desired() + " until you resume.",
            ReplicaChange.cost(a.desired(), false, a.bounds()),
            "A backend drained meanwhile is replaced; min and max still apply.",
            null,
            forced -> new PauseCommand(issuer)));
  }

  private void resume() {
    AutoscalerStatus a = state.autoscaler();
    confirm.accept(
        new Confirmation(
            "Resume autoscaling for " + service + "?",
            "The autoscaler decides the replica count again, between "
                + a.min()
                + " and "
                + a.max()
                + ".",
            ReplicaChange.cost(a.max(), true, a.bounds()),
            "It starts from a clean slate: no panic, no delayed scale-down.",
            null,
            forced -> new ResumeCommand(issuer)));
  }

  private CountField field(Refusal refusal) {
    return field(refusal.key());
  }

  /** The fields and buttons, for tests that drive the controls without a browser. */
  CountField field(String key) {
    return switch (key) {
      case "min" -> min;
      case "max" -> max;
      default -> replicas;
    };
  }

  Button button(String id) {
    return switch (id) {
      case "set-limits" -> limits;
      case "scale" -> scale;
      case "pause" -> pause;
      default -> resume;
    };
  }

  String modeText() {
    return mode.getText();
  }

  private static Button button(String text, String id, Runnable action) {
    Button b = new Button(text, e -> action.run());
    b.setId(id);
    b.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
    return b;
  }

  private static Div row(Component... children) {
    Div row = new Div(children);
    row.addClassName("control-row");
    return row;
  }

  /**
   * What the max and fixed-count fields say under them: the ceiling (less the warm pool), when the
   * proxy tells it.
   */
  static String ceilingHelp(ScalingBounds bounds) {
    if (bounds == null) {
      return "";
    }
    return bounds.warmPool() == 0
        ? "at most " + bounds.maxReplicas() + ", the ceiling"
        : "at most "
            + bounds.replicaCeiling()
            + ", the ceiling less "
            + bounds.warmPool()
            + " kept warm";
  }
}
