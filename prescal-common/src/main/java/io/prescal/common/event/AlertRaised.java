package io.prescal.common.event;

/**
 * An alert rule's condition became true.
 *
 * @param alertId stable id of this alert instance (rule and subject), e.g. "error-rate:web"
 * @param rule the rule's name
 * @param severity how serious
 * @param message what is wrong, in one sentence
 * @param value the observed value
 * @param threshold the rule's threshold
 */
public record AlertRaised(
    String alertId, String rule, Severity severity, String message, double value, double threshold)
    implements PrescalEvent {
  public AlertRaised {
    Require.text(alertId, "alertId");
    Require.text(rule, "rule");
    Require.present(severity, "severity");
    Require.text(message, "message");
  }
}
