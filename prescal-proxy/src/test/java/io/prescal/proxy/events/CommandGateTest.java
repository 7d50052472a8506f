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
import org.junit.jupiter.api.Test;

class CommandGateTest {

  private static final String SECRET = "a-secret-of-at-least-16-bytes";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private final EventCodec codec = new EventCodec();
  private final CommandSigner signer = new CommandSigner(SECRET, codec);
  private final CommandGate gate =
      new CommandGate(codec, signer, Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

  private byte[] signed(String service, PrescalEvent data, Instant time) {
    return codec.encodeBytes(signer.sign(Envelope.of("dashboard", service, data, time)));
  }

  private String reason(CommandVerdict verdict) {
    assertThat(verdict).isInstanceOf(CommandVerdict.Refuse.class);
    return ((CommandVerdict.Refuse) verdict).reason();
  }

  @Test
  void aSignedRecentCommandIsAppliedOnceAndItsReplayRefused() {
    byte[] message = signed("web", new ScaleCommand(3, "ops"), NOW.minusSeconds(2));
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
  }

  @Test
  void unsignedAlteredAndForeignSignaturesAreRefused() {
    Envelope plain = Envelope.of("dashboard", "web", new ScaleCommand(3, "ops"), NOW);
    assertThat(reason(gate.check(codec.encodeBytes(plain)))).startsWith("unsigned command");

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
    assertThat(reason(gate.check(codec.encodeBytes(altered)))).startsWith("bad signature");

    CommandSigner other = new CommandSigner("another-secret-of-16-bytes", codec);
    assertThat(reason(gate.check(codec.encodeBytes(other.sign(plain)))))
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
    CommandGate closed =
        new CommandGate(codec, null, Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(reason(closed.check(signed("web", new ScaleCommand(1, "ops"), NOW))))
        .contains("no command secret is configured")
        .contains("PRESCAL_COMMAND_SECRET");
  }

  @Test
  void garbageUnknownTypesNonCommandsAndMissingServicesAreRefused() {
    CommandVerdict garbage = gate.check("{nope".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage)
        .isEqualTo(
            new CommandVerdict.Refuse(
                "unknown", "unknown", null, ((CommandVerdict.Refuse) garbage).reason()));
    assertThat(reason(garbage)).startsWith("malformed command: message: not JSON");

    String future =
        "{\"schema\":\"1.0\",\"type\":\"command.reboot\",\"id\":\"x\",\"time\":\"2026-11-25T12:00:00Z\","
            + "\"source\":\"dashboard\",\"data\":{}}";
    CommandVerdict unknown = gate.check(future.getBytes(StandardCharsets.UTF_8));
    assertThat(((CommandVerdict.Refuse) unknown).type()).isEqualTo("command.reboot");
    assertThat(reason(unknown)).startsWith("unreadable command: UNKNOWN_TYPE");

    assertThat(reason(gate.check(signed("web", new ProxyStopping("x"), NOW))))
        .isEqualTo("not a command: proxy.stopping (expected: command.*)");
    assertThat(reason(gate.check(signed(null, new ScaleCommand(1, "ops"), NOW))))
        .startsWith("command without a service");
  }
}
