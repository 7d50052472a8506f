package io.prescal.common.event;

import java.time.Instant;

/**
 * An alert raised and not cleared yet.
 *
 * @param alertId the alert's id
 * @param rule the rule's name
 * @param severity how serious
 * @param message what is wrong
 * @param since when it was raised
 */
public record ActiveAlert(
    String alertId, String rule, Severity severity, String message, Instant since) {
  public ActiveAlert {
    Require.text(alertId, "alertId");
    Require.text(rule, "rule");
    Require.present(severity, "severity");
    Require.text(message, "message");
    Require.present(since, "since");
  }
}
