package io.prescal.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.StateSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each minor version only adds optional fields, so older messages still read. Schema 1.2 added the
 * warm pool's fields ({@code warm} on backend events, {@code ScalingBounds.warmPoolSize}, {@code
 * AutoscalerStatus.warmBackends}) and the decision latency ({@code
 * ScaleDecision.decisionLatencyMillis}, {@code ScaleInputs.observedConcurrency}); messages written
 * at 1.1 (golden/v1.1) read with those absent. Schema 1.1 added two optional fields: {@code
 * AutoscalerStatus.bounds} and {@code ScaleCommand.force}. Messages written at 1.0 (the files under
 * golden/v1.0) still read, with those fields absent, and an unforced command signs exactly as it
 * did, so a dashboard of either version steers a proxy of either version as long as readers are
 * upgraded first (docs/event-contract.md).
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

  @Test
  void schema11MessagesReadWithoutWarmPoolOrDecisionLatency() throws IOException {
    for (String type : List.of("backend.added", "backend.ready", "backend.removed")) {
      PrescalEvent event = CODEC.decode(golden("v1.1", type)).event().orElseThrow().data();
      boolean warm =
          switch (event) {
            case BackendAdded a -> a.fromWarmPool();
            case BackendReady r -> r.fromWarmPool();
            case BackendRemoved r -> r.fromWarmPool();
            default -> throw new AssertionError(type + " read as " + event);
          };
      assertThat(warm).as(type).isFalse();
    }
    var failed =
        (BackendFailed) CODEC.decode(golden("v1.1", "backend.failed")).event().orElseThrow().data();
    assertThat(failed.warm()).isNull();

    var decision =
        (ScaleDecision) CODEC.decode(golden("v1.1", "scale.decision")).event().orElseThrow().data();
    assertThat(decision.decisionLatencyMillis()).isNull();
    assertThat(decision.inputs().observedConcurrency()).isNull();

    Envelope metrics = CODEC.decode(golden("v1.1", "metrics")).event().orElseThrow();
    AutoscalerStatus status = ((MetricsSnapshot) metrics.data()).services().getFirst().autoscaler();
    assertThat(status.warmBackends()).isNull();
    assertThat(status.bounds().warmPool()).isZero();
    assertThat(status.bounds().replicaCeiling()).isEqualTo(status.bounds().maxReplicas());
    Envelope state = CODEC.decode(golden("v1.1", "state")).event().orElseThrow();
    assertThat(((StateSnapshot) state.data()).services().getFirst().autoscaler().warmBackends())
        .isNull();
  }

  @Test
  void warmIsWrittenOnlyWhenTrue() {
    assertThat(
            CODEC.encode(Envelope.of("proxy-1", "web", new BackendReady("w-1", "a:1", 5, false))))
        .doesNotContain("warm");
    assertThat(CODEC.encode(Envelope.of("proxy-1", "web", new BackendReady("w-1", "a:1", 5, true))))
        .contains("\"warm\":true");
    assertThat(new BackendRemoved("w-1", "scale in", 0, 0, false))
        .isEqualTo(new BackendRemoved("w-1", "scale in", 0, 0));
  }

  private static String golden(String type) throws IOException {
    return golden("v1.0", type);
  }

  private static String golden(String version, String type) throws IOException {
    String path = "/golden/" + version + "/" + type + ".json";
    try (InputStream in = WireCompatibilityTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
