package io.prescal.event.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.ActiveAlert;
import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.ProxyStatus;
import io.prescal.common.event.ServiceState;
import io.prescal.common.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private static ServiceState web(double errorRate, double p99, int ready, int desired) {
    return new ServiceState(
        "web", ready, desired, 100, errorRate, 5, p99, 0, 0, 0, 0, null, List.of(), false);
  }

  private final AlertEvaluator alerts =
      new AlertEvaluator(
          List.of(
              new AlertRule(
                  "error-rate", AlertKind.ERROR_RATE, 5, Duration.ofSeconds(2), Severity.CRITICAL),
              new AlertRule("p99", AlertKind.P99, 500, Duration.ZERO, Severity.WARNING),
              new AlertRule(
                  "down", AlertKind.BACKENDS_DOWN, 0, Duration.ofSeconds(1), Severity.CRITICAL),
              new AlertRule("silent", AlertKind.PROXY_SILENT, 0, Duration.ZERO, Severity.WARNING)),
          Duration.ofSeconds(5));

  private List<AlertChange> at(int second, ServiceState state, ProxyStatus... proxies) {
    return alerts.evaluate(List.of(state), List.of(proxies), T0.plusSeconds(second));
  }

  @Test
  void anErrorRateIsRaisedOnlyAfterHoldingForItsDurationOnceAndClearedWhenItDrops() {
    assertThat(at(0, web(0.07, 10, 2, 2))).isEmpty();
    assertThat(at(1, web(0.08, 10, 2, 2))).isEmpty();
    List<AlertChange> raised = at(2, web(0.075, 10, 2, 2));
    assertThat(raised)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.service()).isEqualTo("web");
              assertThat(c.event())
                  .isEqualTo(
                      new AlertRaised(
                          "error-rate:web",
                          "error-rate",
                          Severity.CRITICAL,
                          "web: error rate 7.5% over 5% for 2 s",
                          0.075,
                          0.05));
            });
    assertThat(at(3, web(0.09, 10, 2, 2))).isEmpty();
    assertThat(alerts.active()).extracting(ActiveAlert::alertId).containsExactly("error-rate:web");

    assertThat(at(4, web(0.01, 10, 2, 2)))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.event())
                    .isEqualTo(
                        new AlertCleared(
                            "error-rate:web", "error-rate", "web: error rate 1% under 5%")));
    assertThat(alerts.active()).isEmpty();
  }

  @Test
  void aBriefSpikeShorterThanTheHoldRaisesNothing() {
    assertThat(at(0, web(0.5, 10, 2, 2))).isEmpty();
    assertThat(at(1, web(0.0, 10, 2, 2))).isEmpty();
    assertThat(at(2, web(0.5, 10, 2, 2))).isEmpty();
    assertThat(at(3, web(0.5, 10, 2, 2))).isEmpty();
    assertThat(at(4, web(0.5, 10, 2, 2))).hasSize(1);
  }

  @Test
  void p99AndBackendsDownAndSilentProxiesRaiseAndClear() {
    ProxyStatus alive = new ProxyStatus("proxy-1", T0, false);
    ProxyStatus silent = new ProxyStatus("proxy-1", T0, true);
    assertThat(at(0, web(0, 800, 0, 2), silent))
        .extracting(c -> ((AlertRaised) c.event()).alertId())
        .containsExactlyInAnyOrder("p99:web", "silent:proxy-1");
    assertThat(at(1, web(0, 800, 0, 2), silent))
        .extracting(c -> ((AlertRaised) c.event()).message())
        .containsExactly("web: no backend ready of 2 wanted for 1 s");
    assertThat(at(2, web(0, 20, 2, 2), alive))
        .extracting(c -> ((AlertCleared) c.event()).alertId())
        .containsExactlyInAnyOrder("p99:web", "down:web", "silent:proxy-1");
    // Scaled to zero on purpose: nothing is down.
    assertThat(at(3, web(0, 0, 0, 0), alive)).isEmpty();
    assertThat(at(5, web(0, 0, 0, 0), alive)).isEmpty();
  }

  @Test
  void restoredAlertsSurviveTheFirstTicksAndAlertsOfAGoneSubjectClearAfterTheGrace() {
    alerts.restore(
        List.of(new ActiveAlert("p99:web", "p99", Severity.WARNING, "slow", T0.minusSeconds(60))),
        Map.of("p99:web", "web"));
    // Right after a restart no proxy has reported yet: the restored alert waits for its subject.
    assertThat(alerts.evaluate(List.of(), List.of(), T0)).isEmpty();
    assertThat(alerts.evaluate(List.of(), List.of(), T0.plusSeconds(4))).isEmpty();
    assertThat(at(5, web(0, 900, 2, 2))).isEmpty();
    assertThat(alerts.active()).hasSize(1);
    // Gone for good: cleared once the grace has passed, not before.
    assertThat(alerts.evaluate(List.of(), List.of(), T0.plusSeconds(6))).isEmpty();
    List<AlertChange> gone = alerts.evaluate(List.of(), List.of(), T0.plusSeconds(11));
    assertThat(gone)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.service()).isEqualTo("web");
              assertThat(c.event())
                  .isEqualTo(new AlertCleared("p99:web", "p99", "no longer reported"));
            });
  }

  @Test
  void aConditionHeldForAServiceNoLongerReportedIsForgotten() {
    List<ServiceState> many = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(
          new ServiceState("s" + i, 2, 2, 100, 0.5, 5, 10, 0, 0, 0, 0, null, List.of(), false));
    }
    // Error rate over the limit everywhere, not yet for its hold time: nothing raised, all held.
    assertThat(alerts.evaluate(many, List.of(), T0)).isEmpty();
    assertThat(alerts.tracked()).isEqualTo(1000);
    assertThat(alerts.evaluate(List.of(web(0.0, 10, 2, 2)), List.of(), T0.plusSeconds(1)))
        .isEmpty();
    assertThat(alerts.tracked()).isZero();
  }
}
