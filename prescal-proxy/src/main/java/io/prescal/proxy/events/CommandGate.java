package io.prescal.proxy.events;

import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.Decoded;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Command;
import io.prescal.common.event.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a message read on {@code prescal:commands} may be acted on: it must decode, be a
 * command, carry a valid signature for the configured secret, be recent (within the allowed clock
 * skew), name a service, and not have been seen before. Checks run in that order so that unsigned
 * messages never reach the replay memory. Used from one thread.
 */
final class CommandGate {

  static final String UNKNOWN = "unknown";

  private final EventCodec codec;
  private final CommandSigner signer;
  private final Duration maxSkew;
  private final Clock clock;
  private final ReplayGuard replays;

  /**
   * @param signer verifies signatures, or null when no secret is configured: every command is
   *     refused
   */
  CommandGate(EventCodec codec, CommandSigner signer, Duration maxSkew, Clock clock) {
    this.codec = codec;
    this.signer = signer;
    this.maxSkew = maxSkew;
    this.clock = clock;
    this.replays = new ReplayGuard(maxSkew);
  }

  CommandVerdict check(byte[] message) {
    Envelope envelope;
    switch (codec.decode(message)) {
      case Decoded.Event e -> envelope = e.envelope();
      case Decoded.Skipped s -> {
        return refuse(
            UNKNOWN,
            s.type(),
            null,
            "unreadable command: "
                + s.reason()
                + " (type "
                + s.type()
                + ", schema "
                + s.schema()
                + "); upgrade this proxy or send a command it knows");
      }
      case Decoded.Malformed m -> {
        return refuse(UNKNOWN, UNKNOWN, null, "malformed command: " + m.detail());
      }
    }
    String id = envelope.id();
    String type = envelope.type();
    String service = envelope.service();
    if (!(envelope.data() instanceof Command command)) {
      return refuse(id, type, service, "not a command: " + type + " (expected: command.*)");
    }
    if (signer == null) {
      return refuse(
          id,
          type,
          service,
          "commands are disabled on this proxy: no command secret is configured; set the same"
              + " secret (at least 16 bytes) on the proxy (events.command-secret or"
              + " PRESCAL_COMMAND_SECRET) and on the dashboard");
    }
    if (envelope.signature() == null) {
      return refuse(id, type, service, "unsigned command (expected: an HMAC signature)");
    }
    if (!signer.verify(envelope)) {
      return refuse(
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
      return refuse(id, type, null, "command without a service (expected: the envelope's service)");
    }
    if (!replays.firstSeen(id, envelope.time(), now)) {
      return refuse(id, type, service, "replayed command: id " + id + " was already received");
    }
    return new CommandVerdict.Apply(id, type, service, command);
  }

  private static CommandVerdict refuse(String id, String type, String service, String reason) {
    return new CommandVerdict.Refuse(
        id == null || id.isBlank() ? UNKNOWN : id,
        type == null || type.isBlank() ? UNKNOWN : type,
        service,
        reason);
  }
}
