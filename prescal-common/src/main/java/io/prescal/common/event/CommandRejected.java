package io.prescal.common.event;

/**
 * A proxy refused an operator command and did nothing.
 *
 * @param commandId the id of the command's envelope ("unknown" when it could not be read)
 * @param command the command's wire type ("unknown" when it could not be read)
 * @param reason why, in one sentence
 */
public record CommandRejected(String commandId, String command, String reason)
    implements PrescalEvent {
  public CommandRejected {
    Require.text(commandId, "commandId");
    Require.text(command, "command");
    Require.text(reason, "reason");
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }
}
