package io.prescal.dashboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Main;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.live.FeedListener;
import io.prescal.dashboard.live.FeedStatus;
import io.prescal.dashboard.live.LiveFeed;

/**
 * A view fed by the {@link LiveFeed}: registers on attach, removes itself on detach, and runs every
 * update inside {@code ui.access} so subclasses touch components on the UI's lock only.
 */
public abstract class LiveView extends Main {

  private final UiFeed feed;

  protected LiveView(LiveFeed feed) {
    this.feed = new UiFeed(feed);
    addClassName("view");
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    super.onAttach(attachEvent);
    feed.attach(
        attachEvent.getUI(),
        new FeedListener() {
          @Override
          public void onState(Envelope envelope, StateSnapshot state) {
            state(envelope, state);
          }

          @Override
          public void onEvent(Envelope envelope) {
            event(envelope);
          }

          @Override
          public void onStatus(FeedStatus status) {
            status(status);
          }
        });
  }

  @Override
  protected void onDetach(DetachEvent detachEvent) {
    feed.detach();
    super.onDetach(detachEvent);
  }

  /** A new state snapshot; on the UI thread. */
  protected void state(Envelope envelope, StateSnapshot state) {}

  /** A new event; on the UI thread. */
  protected void event(Envelope envelope) {}

  /** The data's freshness, once a second; on the UI thread. */
  protected void status(FeedStatus status) {}
}
