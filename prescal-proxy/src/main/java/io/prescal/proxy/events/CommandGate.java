package io.prescal.proxy.events;

import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.Decoded;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.codec.Printable;
import io.prescal.common.event.Command;
import io.prescal.common.event.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a message read on {@code prescal:commands} may be acted on: it must be within the
 * size limit (checked on its length, before anything is read), decode, be a command, carry a valid
 * signature for the configured secret, be recent (within the allowed clock skew), name a service,
 * and not have been seen before. Checks run in that order so that unsigned messages never reach the
 * replay memory (nor Redis). Used from one thread.
 */
final class CommandGate {

  static final String UNKNOWN = "unknown";

  /** Text from the message quoted in a reason is cut to this many characters. */
  private static final int QUOTED_CHARS = 100;

  private final EventCodec codec;
  private final CommandSigner signer;
  private final Duration maxSkew;
  private final Clock clock;
  private final ReplayGuard replays;

  /**
   * @param signer verifies signatures, or null when no secret is configured: every command is
   *     refused
   * @param replays the replay memory
   */
  CommandGate(
      EventCodec codec, CommandSigner signer, Duration maxSkew, Clock clock, ReplayGuard replays) {
    this.codec = codec;
    this.signer = signer;
    this.maxSkew = maxSkew;
    this.clock = clock;
    this.replays = replays;
  }

  CommandVerdict check(CommandMessage message) {
    byte[] bytes;
    switch (message) {
      case CommandMessage.Oversized o -> {
        return refuse(
            RefusalKind.OVERSIZED,
            UNKNOWN,
            UNKNOWN,
            null,
            "oversized command: "
                + o.bytes()
                + " bytes (expected: at most "
                + o.limit()
                + "); not read");
      }
      case CommandMessage.Body b -> bytes = b.bytes();
    }
    Envelope envelope;
    switch (codec.decode(bytes)) {
      case Decoded.Event e -> envelope = e.envelope();
      case Decoded.Skipped s -> {
        return refuse(
            RefusalKind.UNREADABLE,
            UNKNOWN,
            s.type(),
            null,
            "unreadable command: "
                + s.reason()
                + " (type "
                + quote(s.type())
                + ", schema "
                + quote(s.schema())
                + "); upgrade this proxy or send a command it knows");
      }
      case Decoded.Malformed m -> {
        return refuse(
            RefusalKind.MALFORMED,
            UNKNOWN,
            UNKNOWN,
            null,
            "malformed command: " + quote(m.detail()));
      }
    }
    String id = envelope.id();
    String type = envelope.type();
    String service = envelope.service();
    if (!(envelope.data() instanceof Command command)) {
      return refuse(
          RefusalKind.NOT_A_COMMAND,
          id,
          type,
          service,
          "not a command: " + type + " (expected: command.*)");
    }
    if (signer == null) {
      return refuse(
          RefusalKind.DISABLED,
          id,
          type,
          service,
          "commands are disabled on this proxy: no command secret is configured; set the same"
              + " secret (at least 16 bytes) on the proxy (events.command-secret or"
              + " PRESCAL_COMMAND_SECRET) and on the dashboard");
    }
    if (envelope.signature() == null) {
      return refuse(
          RefusalKind.UNSIGNED,
          id,
          type,
          service,
          "unsigned command (expected: an HMAC signature)");
    }
    if (!signer.verify(envelope)) {
      return refuse(
          RefusalKind.BAD_SIGNATURE,
          id,
          type,
          service,
          "bad signature: the command was altered or signed with another secret than this"
              + " proxy's");
    }
    Instant now = clock.instant();
    Duration skew = Duration.between(envelope.time(), now).abs();
    if (skew.compareTo(maxSkew) > 0) {
      return refuse(
          RefusalKind.STALE,
          id,
          type,
          service,
          "stale command: written at "
              + envelope.time()
              + ", "
              + skew.toMillis()
              + " ms from this proxy's clock (expected: within "
              + maxSkew.toMillis()
              + " ms; check the clocks)");
    }
    if (service == null) {
      return refuse(
          RefusalKind.NO_SERVICE,
          id,
          type,
          null,
          "command without a service (expected: the envelope's service)");
    }
    ReplayGuard.Verdict seen;
    try {
      seen = replays.check(id, envelope.time(), now);
    } catch (RuntimeException e) {
      return refuse(
          RefusalKind.REPLAY_UNCHECKED,
          id,
          type,
          service,
          "cannot check for a replay: Redis did not answer ("
              + quote(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "); nothing was done, send the command again");
    }
    return switch (seen) {
      case FIRST -> new CommandVerdict.Apply(id, type, service, command);
      case SEEN_HERE ->
          refuse(
              RefusalKind.REPLAYED,
              id,
              type,
              service,
              "replayed command: id " + id + " was already received");
      case SEEN_BEFORE_LISTENING ->
          refuse(
              RefusalKind.REPLAYED,
              id,
              type,
              service,
              "replayed command: id "
                  + id
                  + " was received by a proxy before this one began listening");
    };
  }

  private static String quote(String text) {
    return Printable.of(text, QUOTED_CHARS);
  }

  private static CommandVerdict refuse(
      RefusalKind kind, String id, String type, String service, String reason) {
    return new CommandVerdict.Refuse(
        kind,
        id == null || id.isBlank() ? UNKNOWN : id,
        type == null || type.isBlank() ? UNKNOWN : type,
        service,
        reason);
  }
}
