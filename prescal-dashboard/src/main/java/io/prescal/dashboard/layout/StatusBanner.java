package io.prescal.dashboard.layout;

import com.vaadin.flow.component.html.Div;
import io.prescal.dashboard.live.FeedStatus;
import io.prescal.dashboard.ui.Figures;

/**
 * The banner over every view when the data may be out of date: Redis unreachable, or Redis up but
 * no state from prescal-event. Hidden while all is well.
 */
public final class StatusBanner extends Div {

  public StatusBanner() {
    addClassName("status-banner");
    setId("status-banner");
    setVisible(false);
  }

  /** Shows, changes or hides the banner for {@code status}. */
  public void show(FeedStatus status) {
    String text = text(status);
    setVisible(!text.isEmpty());
    setText(text);
  }

  /** The banner's text for {@code status}; empty when there is nothing to say. */
  static String text(FeedStatus status) {
    if (!status.redisUp()) {
      return "Redis unreachable at "
          + status.redisAddress()
          + " since "
          + Figures.clock(status.downSince())
          + " ("
          + status.redisProblem()
          + "). Figures below are stale; the dashboard reconnects by itself.";
    }
    if (status.stateMissing()) {
      return status.lastStateAt() == null
          ? "Waiting for the first state from prescal-event on Redis: is prescal-event running?"
          : "No state from prescal-event for "
              + Figures.age(status.stateAge().toSeconds())
              + ": figures below are stale. Is prescal-event running?";
    }
    return "";
  }
}
