package io.prescal.common.event;

/**
 * An alert's condition is no longer true.
 *
 * @param alertId the id of the raised alert
 * @param rule the rule's name
 * @param message what changed, in one sentence
 */
public record AlertCleared(String alertId, String rule, String message) implements PrescalEvent {
  public AlertCleared {
    Require.text(alertId, "alertId");
    Require.text(rule, "rule");
    Require.text(message, "message");
  }
}
