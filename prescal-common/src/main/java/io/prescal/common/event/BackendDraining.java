package io.prescal.common.event;

/**
 * A backend no longer gets new requests and is finishing those in flight.
 *
 * @param backendId the backend
 * @param inFlight requests in flight when draining began
 * @param reason why, e.g. "scale-down" or "operator"
 */
public record BackendDraining(String backendId, int inFlight, String reason)
    implements PrescalEvent {
  public BackendDraining {
    Require.text(backendId, "backendId");
    Require.nonNegative(inFlight, "inFlight");
    Require.text(reason, "reason");
  }
}
