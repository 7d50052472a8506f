package io.prescal.common.event;

/**
 * A proxy accepted and applied an operator command.
 *
 * @param commandId the id of the command's envelope
 * @param command the command's wire type, e.g. "command.scale"
 * @param detail what it did, in one sentence
 */
public record CommandAccepted(String commandId, String command, String detail)
    implements PrescalEvent {
  public CommandAccepted {
    Require.text(commandId, "commandId");
    Require.text(command, "command");
    Require.text(detail, "detail");
  }
}
