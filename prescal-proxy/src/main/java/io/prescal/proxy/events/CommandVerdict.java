package io.prescal.proxy.events;

import io.prescal.common.event.Command;

/** What the {@link CommandGate} decided about one message on {@code prescal:commands}. */
sealed interface CommandVerdict {

  /**
   * A command to apply.
   *
   * @param commandId the envelope's id
   * @param type the command's wire type
   * @param service the service it is for
   * @param command the command
   */
  record Apply(String commandId, String type, String service, Command command)
      implements CommandVerdict {}

  /**
   * A message to refuse and not act on.
   *
   * @param kind why, as a kind to count
   * @param commandId the envelope's id, or "unknown" when it could not be read
   * @param type the wire type, or "unknown"
   * @param service the service it was for, or null
   * @param reason why, in one sentence
   */
  record Refuse(RefusalKind kind, String commandId, String type, String service, String reason)
      implements CommandVerdict {}
}
