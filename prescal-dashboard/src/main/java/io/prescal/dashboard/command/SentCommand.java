package io.prescal.dashboard.command;

import java.time.Instant;

/**
 * What became of one command sent from this view.
 *
 * @param commandId the command envelope's id
 * @param service the service it was for
 * @param description what it asked, e.g. "scale to 3"
 * @param sentAt when it was sent
 * @param status pending, accepted, rejected or unanswered
 * @param detail the proxy's answer, or why there is none
 */
public record CommandOutcome(
    String commandId,
    String service,
    String description,
    Instant sentAt,
    Status status,
    String detail) {

  /** Where a command stands. */
  public enum Status {
    PENDING,
    ACCEPTED,
    REJECTED,
    UNANSWERED
  }

  CommandOutcome with(Status newStatus, String newDetail) {
    return new CommandOutcome(commandId, service, description, sentAt, newStatus, newDetail);
  }
}
