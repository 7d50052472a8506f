package io.prescal.testing;

import io.prescal.common.codec.SchemaVersion;
import io.prescal.common.event.ActiveAlert;
import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendDraining;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendMetrics;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.BackendStatus;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.common.event.ConfigReloaded;
import io.prescal.common.event.DrainCommand;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.HealthChanged;
import io.prescal.common.event.HealthState;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ProxyStarted;
import io.prescal.common.event.ProxyStatus;
import io.prescal.common.event.ProxyStopping;
import io.prescal.common.event.PublisherRecovered;
import io.prescal.common.event.ResumeCommand;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleInputs;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.event.ScalingPaused;
import io.prescal.common.event.ScalingResumed;
import io.prescal.common.event.ServiceMetrics;
import io.prescal.common.event.ServiceState;
import io.prescal.common.event.Severity;
import io.prescal.common.event.StateSnapshot;
import io.prescal.common.metrics.LatencyHistogram;
import io.prescal.common.scaling.ScalingBounds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** One fixed, realistic sample of every event type: the golden files are these, encoded. */
public final class EventSamples {

  /** The time every sample carries. */
  public static final Instant TIME = Instant.parse("2026-11-25T12:00:00.123Z");

  /** A small latency distribution: 1, 2, ... 100 milliseconds, once each. */
  public static LatencyHistogram latency() {
    Histogram h = LatencyHistogram.newHistogram();
    for (int ms = 1; ms <= 100; ms++) {
      h.recordValue(ms * 1000L);
    }
    return LatencyHistogram.of(h);
  }

  /** The sample data of {@code type}. */
  public static PrescalEvent data(EventType type) {
    ScaleInputs inputs =
        new ScaleInputs(9.5, 14.2, 310.0, 402.5, 3.0, 60_000, 6_000, 2.0, 1, 10, 16.0);
    AutoscalerStatus autoscaler =
        new AutoscalerStatus(
            ScaleMode.STABLE,
            1,
            10,
            4,
            3.0,
            60_000,
            6_000,
            2.0,
            true,
            "stable: 9.5 / 3.0",
            new ScalingBounds("docker", 50, 4, 256L << 20, 2),
            2);
    return switch (type) {
      case BACKEND_ADDED ->
          new BackendAdded(
              "web-3f2a", "127.0.0.1:32768", BackendKind.DOCKER, "3f2a9c1e", "prescal/demo:1");
      case BACKEND_READY -> new BackendReady("web-3f2a", "127.0.0.1:32768", 1840, true);
      case BACKEND_DRAINING -> new BackendDraining("web-3f2a", 2, "scale-down");
      case BACKEND_REMOVED -> new BackendRemoved("web-3f2a", "scale-down", 420, 0);
      case BACKEND_FAILED -> new BackendFailed("web-3f2a", "container died", 137, true);
      case HEALTH_CHANGED ->
          new HealthChanged(
              "web-3f2a",
              HealthState.HEALTHY,
              HealthState.EJECTED,
              "passive",
              "5 consecutive 5xx responses");
      case SCALE_DECISION ->
          new ScaleDecision(
              2, 2, 4, ScaleMode.PANIC, "panic: demand 16.0 is 2.7x capacity 6.0", inputs, 0.4);
      case SCALING_PAUSED -> new ScalingPaused("Docker engine unreachable");
      case SCALING_RESUMED -> new ScalingResumed("Docker engine reachable again");
      case COLD_START -> new ColdStart("web-3f2a", 2310, 12);
      case CONFIG_RELOADED ->
          new ConfigReloaded(false, "9c1e22", List.of("services.web.max: -1 (expected: >= 1)"));
      case PROXY_STARTED -> new ProxyStarted("0.1.0", List.of("web", "api"));
      case PROXY_STOPPING -> new ProxyStopping("SIGTERM");
      case PUBLISHER_RECOVERED -> new PublisherRecovered(1200, 15_000);
      case ALERT_RAISED ->
          new AlertRaised(
              "error-rate:web",
              "error-rate",
              Severity.CRITICAL,
              "web: error rate 7.5% over 5% for 30 s",
              0.075,
              0.05);
      case ALERT_CLEARED ->
          new AlertCleared("error-rate:web", "error-rate", "web: error rate 0.2% under 5%");
      case COMMAND_ACCEPTED -> new CommandAccepted("c0ffee", "command.scale", "web fixed at 3");
      case COMMAND_REJECTED ->
          new CommandRejected("c0ffee", "command.scale", "replicas 30 over max 10");
      case METRICS ->
          new MetricsSnapshot(
              1000,
              List.of(
                  new ServiceMetrics(
                      "web",
                      2,
                      4,
                      0,
                      0,
                      autoscaler,
                      List.of(
                          new BackendMetrics(
                              "web-3f2a",
                              "127.0.0.1:32768",
                              BackendKind.DOCKER,
                              "3f2a9c1e",
                              "prescal/demo:1",
                              BackendState.READY,
                              Instant.parse("2026-11-25T11:58:00Z"),
                              100,
                              Map.of("2xx", 98L, "5xx", 2L),
                              Map.of("status", 2L),
                              3,
                              latency())))));
      case STATE ->
          new StateSnapshot(
              List.of(
                  new ServiceState(
                      "web",
                      2,
                      4,
                      310.0,
                      0.002,
                      12.5,
                      48.0,
                      7,
                      0,
                      1,
                      2310,
                      autoscaler,
                      List.of(
                          new BackendStatus(
                              "web-3f2a",
                              BackendKind.DOCKER,
                              "3f2a9c1e",
                              "prescal/demo:1",
                              "127.0.0.1:32768",
                              BackendState.READY,
                              3,
                              155.0,
                              0.5,
                              47.5,
                              120)),
                      false)),
              List.of(new ProxyStatus("proxy-1", TIME, false)),
              List.of(
                  new ActiveAlert(
                      "error-rate:web",
                      "error-rate",
                      Severity.CRITICAL,
                      "web: error rate 7.5% over 5% for 30 s",
                      TIME)),
              0.4);
      case COMMAND_SCALE -> new ScaleCommand(0, "ops", true);
      case COMMAND_LIMITS -> new LimitsCommand(1, 8, "ops");
      case COMMAND_PAUSE -> new PauseCommand("ops");
      case COMMAND_RESUME -> new ResumeCommand("ops");
      case COMMAND_DRAIN -> new DrainCommand("web-3f2a", "ops");
    };
  }

  /** The sample envelope of {@code type}, with a fixed id and time. */
  public static Envelope envelope(EventType type) {
    PrescalEvent data = data(type);
    String service =
        switch (type) {
          case METRICS, STATE, PROXY_STARTED, PROXY_STOPPING, PUBLISHER_RECOVERED -> null;
          default -> "web";
        };
    String source =
        switch (type) {
          case STATE, ALERT_RAISED, ALERT_CLEARED -> "event";
          default -> type.isCommand() ? "dashboard" : "proxy-1";
        };
    return new Envelope(
        SchemaVersion.CURRENT.toString(),
        type.wireName(),
        "00000000-0000-4000-8000-" + String.format("%012d", type.ordinal()),
        TIME,
        source,
        service,
        data,
        null);
  }

  private EventSamples() {}
}
