package io.prescal.proxy.events;

import java.util.Locale;

/** Why a message on {@code prescal:commands} was not applied: one counter and one log key each. */
enum RefusalKind {
  /** Over {@code Channels.COMMAND_MAX_BYTES}: refused by its length, never read. */
  OVERSIZED,
  /** Not a readable envelope. */
  MALFORMED,
  /** An envelope of a type or version this proxy does not read. */
  UNREADABLE,
  /** A well-formed envelope that is not a command. */
  NOT_A_COMMAND,
  /** No command secret is configured: every command is refused. */
  DISABLED,
  /** No signature. */
  UNSIGNED,
  /** A signature that does not verify with this proxy's secret. */
  BAD_SIGNATURE,
  /** Written too long ago, or too far ahead, for this proxy's clock. */
  STALE,
  /** No service named. */
  NO_SERVICE,
  /** Seen before: by this proxy, or by any proxy before this one listened. */
  REPLAYED,
  /** The replay memory in Redis could not be asked; refused rather than risk a replay. */
  REPLAY_UNCHECKED,
  /** Signed and fresh, but the proxy cannot apply it (over a limit, unknown service...). */
  REFUSED,
  /** Applying it failed inside the proxy. */
  FAILED,
  /** The backlog of messages waiting to be checked was full: dropped unread, never answered. */
  BACKLOG_FULL;

  /**
   * Whether every refusal of this kind is answered on {@code prescal:events}. Only a signed, fresh
   * command seen for the first time can be refused with these kinds, so nobody without the secret
   * can make a proxy publish them. Every other kind can be produced by anyone who can publish on
   * Redis (garbage, copies of old commands), so its answers are limited like its log lines: one per
   * interval, lest a flood of garbage push real events out of the queue and the event log.
   */
  boolean alwaysAnswered() {
    return this == REFUSED || this == FAILED || this == REPLAY_UNCHECKED;
  }

  /** The label in metrics and logs, e.g. {@code bad_signature}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
