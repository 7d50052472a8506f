package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ProxyStopping;
import io.prescal.common.event.ScaleCommand;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandGateTest {

  private static final String SECRET = "a-secret-of-at-least-16-bytes";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private final EventCodec codec = new EventCodec();
  private final CommandSigner signer = new CommandSigner(SECRET, codec);
  private final SharedMemory shared = new SharedMemory();
  private final CommandGate gate = gate(signer);

  private CommandGate gate(CommandSigner signer) {
    return new CommandGate(
        codec,
        signer,
        Duration.ofSeconds(30),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new ReplayGuard(Duration.ofSeconds(30), shared));
  }

  /** Stands in for Redis: says what it is told to, or fails; remembers what it was asked. */
  private static final class SharedMemory implements CommandSightings {
    final List<String> asked = new ArrayList<>();
    Sighting answer = Sighting.FIRST;
    RuntimeException failure;

    @Override
    public void listening() {}

    @Override
    public Sighting sight(String commandId) {
      asked.add(commandId);
      if (failure != null) {
        throw failure;
      }
      return answer;
    }
  }

  private CommandMessage signed(String service, PrescalEvent data, Instant time) {
    return body(codec.encodeBytes(signer.sign(Envelope.of("dashboard", service, data, time))));
  }

  private static CommandMessage body(byte[] bytes) {
    return new CommandMessage.Body(bytes);
  }

  private static CommandMessage body(String text) {
    return body(text.getBytes(StandardCharsets.UTF_8));
  }

  private String reason(CommandVerdict verdict) {
    assertThat(verdict).isInstanceOf(CommandVerdict.Refuse.class);
    return ((CommandVerdict.Refuse) verdict).reason();
  }

  private RefusalKind kind(CommandVerdict verdict) {
    assertThat(verdict).isInstanceOf(CommandVerdict.Refuse.class);
    return ((CommandVerdict.Refuse) verdict).kind();
  }

  @Test
  void aSignedRecentCommandIsAppliedOnceAndItsReplayRefused() {
    CommandMessage message = signed("web", new ScaleCommand(3, "ops"), NOW.minusSeconds(2));
    CommandVerdict first = gate.check(message);
    assertThat(first)
        .isInstanceOfSatisfying(
            CommandVerdict.Apply.class,
            a -> {
              assertThat(a.service()).isEqualTo("web");
              assertThat(a.type()).isEqualTo("command.scale");
              assertThat(a.command()).isEqualTo(new ScaleCommand(3, "ops"));
            });
    assertThat(reason(gate.check(message))).startsWith("replayed command: id ");
    assertThat(kind(gate.check(message))).isEqualTo(RefusalKind.REPLAYED);
    // The second copy was answered from this process's memory, without asking Redis.
    assertThat(shared.asked).hasSize(1);
  }

  @Test
  void aCommandTheSharedMemorySawFirstIsAReplayEvenIfThisProcessNeverDid() {
    shared.answer = CommandSightings.Sighting.BEFORE_LISTENING;
    CommandVerdict verdict = gate.check(signed("web", new ScaleCommand(3, "ops"), NOW));
    assertThat(kind(verdict)).isEqualTo(RefusalKind.REPLAYED);
    assertThat(reason(verdict)).contains("received by a proxy before this one began listening");
    shared.answer = CommandSightings.Sighting.AGAIN;
    assertThat(kind(gate.check(signed("web", new ScaleCommand(3, "ops"), NOW))))
        .isEqualTo(RefusalKind.REPLAYED);
  }

  @Test
  void whenTheSharedMemoryCannotBeAskedTheCommandIsRefusedNotApplied() {
    shared.failure = new IllegalStateException("Command timed out after 2 second(s)");
    CommandVerdict verdict = gate.check(signed("web", new ScaleCommand(3, "ops"), NOW));
    assertThat(kind(verdict)).isEqualTo(RefusalKind.REPLAY_UNCHECKED);
    assertThat(reason(verdict))
        .isEqualTo(
            "cannot check for a replay: Redis did not answer (Command timed out after 2"
                + " second(s)); nothing was done, send the command again");
  }

  @Test
  void onlySignedFreshCommandsWithAServiceReachTheSharedMemory() {
    Envelope plain = Envelope.of("dashboard", "web", new ScaleCommand(3, "ops"), NOW);
    gate.check(body(codec.encodeBytes(plain)));
    gate.check(
        body(
            codec.encodeBytes(new CommandSigner("another-secret-of-16-bytes", codec).sign(plain))));
    gate.check(signed("web", new ScaleCommand(1, "ops"), NOW.minusSeconds(31)));
    gate.check(signed(null, new ScaleCommand(1, "ops"), NOW));
    gate.check(body("{nope"));
    assertThat(shared.asked).isEmpty();
  }

  @Test
  void anOversizedMessageIsRefusedByItsLengthAlone() {
    CommandVerdict verdict = gate.check(new CommandMessage.Oversized(2 << 20, 16_384));
    assertThat(verdict)
        .isEqualTo(
            new CommandVerdict.Refuse(
                RefusalKind.OVERSIZED,
                "unknown",
                "unknown",
                null,
                "oversized command: 2097152 bytes (expected: at most 16384); not read"));
  }

  @Test
  void textQuotedFromTheMessageInAReasonIsPrintable() {
    String future =
        "{\"schema\":\"1.0\",\"type\":\"command.x\\r\\nforged\",\"id\":\"x\","
            + "\"time\":\"2026-11-25T12:00:00Z\",\"source\":\"d\",\"data\":{}}";
    String reason = reason(gate.check(body(future)));
    assertThat(reason).contains("type command.x\\r\\nforged,").doesNotContain("\n");
  }

  @Test
  void unsignedAlteredAndForeignSignaturesAreRefused() {
    Envelope plain = Envelope.of("dashboard", "web", new ScaleCommand(3, "ops"), NOW);
    assertThat(reason(gate.check(body(codec.encodeBytes(plain))))).startsWith("unsigned command");

    Envelope signed = signer.sign(plain);
    Envelope altered =
        new Envelope(
            signed.schema(),
            signed.type(),
            signed.id(),
            signed.time(),
            signed.source(),
            signed.service(),
            new ScaleCommand(30, "ops"),
            signed.signature());
    assertThat(reason(gate.check(body(codec.encodeBytes(altered))))).startsWith("bad signature");

    CommandSigner other = new CommandSigner("another-secret-of-16-bytes", codec);
    assertThat(reason(gate.check(body(codec.encodeBytes(other.sign(plain))))))
        .startsWith("bad signature");
  }

  @Test
  void commandsOutsideTheSkewAreStaleBothWays() {
    assertThat(reason(gate.check(signed("web", new ScaleCommand(1, "ops"), NOW.minusSeconds(31)))))
        .startsWith("stale command: written at 2026-11-25T11:59:29Z, 31000 ms");
    assertThat(reason(gate.check(signed("web", new ScaleCommand(1, "ops"), NOW.plusSeconds(60)))))
        .startsWith("stale command");
  }

  @Test
  void withoutASecretEveryCommandIsRefusedWithHowToSetOne() {
    CommandGate closed = gate(null);
    assertThat(reason(closed.check(signed("web", new ScaleCommand(1, "ops"), NOW))))
        .contains("no command secret is configured")
        .contains("PRESCAL_COMMAND_SECRET");
  }

  @Test
  void garbageUnknownTypesNonCommandsAndMissingServicesAreRefused() {
    CommandVerdict garbage = gate.check(body("{nope"));
    assertThat(garbage)
        .isEqualTo(
            new CommandVerdict.Refuse(
                RefusalKind.MALFORMED,
                "unknown",
                "unknown",
                null,
                ((CommandVerdict.Refuse) garbage).reason()));
    assertThat(reason(garbage)).startsWith("malformed command: message: not JSON");

    String future =
        "{\"schema\":\"1.0\",\"type\":\"command.reboot\",\"id\":\"x\",\"time\":\"2026-11-25T12:00:00Z\","
            + "\"source\":\"dashboard\",\"data\":{}}";
    CommandVerdict unknown = gate.check(body(future));
    assertThat(((CommandVerdict.Refuse) unknown).type()).isEqualTo("command.reboot");
    assertThat(reason(unknown)).startsWith("unreadable command: UNKNOWN_TYPE");

    assertThat(reason(gate.check(signed("web", new ProxyStopping("x"), NOW))))
        .isEqualTo("not a command: proxy.stopping (expected: command.*)");
    assertThat(reason(gate.check(signed(null, new ScaleCommand(1, "ops"), NOW))))
        .startsWith("command without a service");
  }
}
