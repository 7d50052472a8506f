package io.prescal.common.event;

import java.time.Instant;

/**
 * A proxy instance as prescal-event sees it.
 *
 * @param source the instance's id (the envelope's source)
 * @param lastSeen when its last message arrived
 * @param stale true when it has been silent longer than the configured limit
 */
public record ProxyStatus(String source, Instant lastSeen, boolean stale) {
  public ProxyStatus {
    Require.text(source, "source");
    Require.present(lastSeen, "lastSeen");
  }
}
