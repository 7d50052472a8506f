package io.prescal.proxy.events;

import io.prescal.common.event.Command;

/**
 * Applies operator commands that arrived (signed and well formed) on {@code prescal:commands} or
 * through the admin API.
 */
@FunctionalInterface
public interface CommandHandler {

  /**
   * Applies {@code command} to {@code service}.
   *
   * @return what it did, in one sentence (becomes the {@code command.accepted} detail)
   * @throws CommandRefusedException when it cannot be applied; nothing was changed
   */
  String apply(String service, Command command) throws CommandRefusedException;

  /** Why a command was refused, in one sentence (becomes the {@code command.rejected} reason). */
  final class CommandRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public CommandRefusedException(String reason) {
      super(reason);
    }
  }
}
