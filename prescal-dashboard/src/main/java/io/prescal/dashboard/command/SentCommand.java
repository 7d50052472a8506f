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
public record SentCommand(
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

  SentCommand with(Status newStatus, String newDetail) {
    return new SentCommand(commandId, service, description, sentAt, newStatus, newDetail);
  }
}
