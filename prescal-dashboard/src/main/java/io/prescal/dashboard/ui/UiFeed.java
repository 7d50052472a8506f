package io.prescal.dashboard.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.live.FeedListener;
import io.prescal.dashboard.live.FeedStatus;
import io.prescal.dashboard.live.LiveFeed;

/**
 * One component's listener on the {@link LiveFeed} while the component is attached: {@link #attach}
 * on attach hands it the latest state and status at once and then every update inside {@code
 * ui.access}, so it touches components on the UI's lock only; {@link #detach} on detach removes it.
 */
public final class UiFeed {

  private final LiveFeed feed;
  private Registration registration;

  public UiFeed(LiveFeed feed) {
    this.feed = feed;
  }

  /**
   * Replays the latest state and status to {@code onUiThread}, then registers it for {@code ui}.
   */
  public void attach(UI ui, FeedListener onUiThread) {
    detach();
    feed.latest().ifPresent(l -> onUiThread.onState(l.envelope(), l.state()));
    feed.status().ifPresent(onUiThread::onStatus);
    registration =
        feed.register(
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

  /** Removes the listener, if attached. */
  public void detach() {
    if (registration != null) {
      registration.remove();
      registration = null;
    }
  }
}
