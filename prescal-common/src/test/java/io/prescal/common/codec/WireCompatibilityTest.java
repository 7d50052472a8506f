package io.prescal.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.StateSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Schema 1.1 added two optional fields: {@code AutoscalerStatus.bounds} and {@code
 * ScaleCommand.force}. Messages written at 1.0 (the files under golden/v1.0) still read, with those
 * fields absent, and an unforced command signs exactly as it did, so a dashboard of either version
 * steers a proxy of either version as long as readers are upgraded first (docs/event-contract.md).
 */
class WireCompatibilityTest {

  private static final EventCodec CODEC = new EventCodec();

  @Test
  void schema10MetricsAndStateReadWithoutBounds() throws IOException {
    Envelope metrics = CODEC.decode(golden("metrics")).event().orElseThrow();
    AutoscalerStatus fromMetrics =
        ((MetricsSnapshot) metrics.data()).services().getFirst().autoscaler();
    assertThat(fromMetrics.bounds()).isNull();
    assertThat(fromMetrics.max()).isEqualTo(10);
    assertThat(fromMetrics.replicaLimits().bounds()).isNull();

    Envelope state = CODEC.decode(golden("state")).event().orElseThrow();
    assertThat(((StateSnapshot) state.data()).services().getFirst().autoscaler().bounds()).isNull();
  }

  @Test
  void schema10ScaleCommandReadsUnforcedAndSignsAsBefore() throws IOException {
    Envelope command = CODEC.decode(golden("command.scale")).event().orElseThrow();
    assertThat(command.data()).isEqualTo(new ScaleCommand(3, "ops"));
    assertThat(((ScaleCommand) command.data()).forced()).isFalse();
    // The text a 1.0 signer signed: no "force" key appears, so its signature still verifies.
    assertThat(CODEC.canonical(command))
        .isEqualTo(
            "{\"schema\":\"1.0\",\"type\":\"command.scale\","
                + "\"id\":\"00000000-0000-4000-8000-000000000020\",\"time\":\"2026-11-25T12:00:00.123Z\","
                + "\"source\":\"dashboard\",\"service\":\"web\","
                + "\"data\":{\"replicas\":3,\"issuer\":\"ops\"}}");
  }

  @Test
  void forceIsWrittenOnlyWhenTrue() {
    assertThat(CODEC.encode(Envelope.of("dashboard", "web", new ScaleCommand(3, "ops", false))))
        .doesNotContain("force");
    assertThat(CODEC.encode(Envelope.of("dashboard", "web", new ScaleCommand(0, "ops", true))))
        .contains("\"force\":true");
    assertThat(new ScaleCommand(3, "ops", false)).isEqualTo(new ScaleCommand(3, "ops"));
  }

  @Test
  void aForcedCommandCannotBeUnforcedOnTheWay() {
    var signer = new CommandSigner("a shared secret of some length", CODEC);
    Envelope signed =
        signer.sign(Envelope.of("dashboard", "web", new ScaleCommand(0, "ops", true)));
    String stripped = CODEC.encode(signed).replace(",\"force\":true", "");
    Envelope read = CODEC.decode(stripped).event().orElseThrow();
    assertThat(((ScaleCommand) read.data()).forced()).isFalse();
    assertThat(signer.verify(read)).isFalse();
  }

  private static String golden(String type) throws IOException {
    try (InputStream in =
        WireCompatibilityTest.class.getResourceAsStream("/golden/v1.0/" + type + ".json")) {
      assertThat(in).as("golden/v1.0/%s.json", type).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
