package io.prescal.common.event;

/**
 * A service with no ready backend got its first one while requests waited.
 *
 * @param backendId the backend that became ready
 * @param millis time from the first waiting request's arrival to the backend's readiness
 * @param heldRequests requests that waited in the queue for it
 */
public record ColdStart(String backendId, long millis, int heldRequests) implements PrescalEvent {
  public ColdStart {
    Require.text(backendId, "backendId");
    Require.nonNegative(millis, "millis");
    Require.nonNegative(heldRequests, "heldRequests");
  }
}
