package io.prescal.dashboard.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.live.FeedListener;
import io.prescal.dashboard.live.FeedStatus;
import io.prescal.dashboard.live.LiveFeed;

/**
 * Registers a UI's listener on the {@link LiveFeed} so that every call runs in {@code ui.access}.
 */
public final class UiFeed {

  private UiFeed() {}

  /** Registers {@code onUiThread}, whose methods then run under {@code ui}'s lock. */
  public static Registration register(LiveFeed feed, UI ui, FeedListener onUiThread) {
    return feed.register(
        new FeedListener() {
          @Override
          public void onState(Envelope envelope, StateSnapshot state) {
            ui.access(() -> onUiThread.onState(envelope, state));
          }

          @Override
          public void onEvent(Envelope envelope) {
            ui.access(() -> onUiThread.onEvent(envelope));
          }

          @Override
          public void onStatus(FeedStatus status) {
            ui.access(() -> onUiThread.onStatus(status));
          }
        });
  }
}
