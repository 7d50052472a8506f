package io.prescal.dashboard.live;

import io.prescal.common.event.Envelope;
import io.prescal.common.event.StateSnapshot;

/**
 * What a UI hears from the {@link LiveFeed}. Called on Redis and scheduler threads: an
 * implementation that touches a UI wraps its work in {@code ui.access(...)}.
 */
public interface FeedListener {

  /** A new snapshot of the whole system arrived (once a second while prescal-event runs). */
  default void onState(Envelope envelope, StateSnapshot state) {}

  /** A discrete event arrived on {@code prescal:events}. */
  default void onEvent(Envelope envelope) {}

  /** The freshness of the data, once a second whatever happens. */
  default void onStatus(FeedStatus status) {}
}
