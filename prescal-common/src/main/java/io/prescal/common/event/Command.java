package io.prescal.common.event;

/**
 * An operator command for one service (the envelope's {@code service}), sent on {@code
 * prescal:commands}. A proxy answers every command it reads with {@link CommandAccepted} or {@link
 * CommandRejected}. Commands are signed (see {@code io.prescal.common.codec.CommandSigner}).
 */
public sealed interface Command extends PrescalEvent
    permits ScaleCommand, LimitsCommand, PauseCommand, ResumeCommand, DrainCommand {

  /** Who sent it: the operator's user name. */
  String issuer();

  /** The command in a few words for logs and events, e.g. "scale to 3". */
  String describe();
}
