package io.prescal.dashboard.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.prescal.common.Channels;
import io.prescal.common.Keys;
import io.prescal.common.Keys.Resolution;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.ActiveAlert;
import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendDraining;
import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.BackendStatus;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.HealthChanged;
import io.prescal.common.event.HealthState;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ProxyStarted;
import io.prescal.common.event.ProxyStatus;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleInputs;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.event.ServiceState;
import io.prescal.common.event.Severity;
import io.prescal.common.event.StateSnapshot;
import io.prescal.common.history.HistoryPoint;
import io.prescal.common.scaling.ScalingBounds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A believable hour of two services, written where prescal-event writes it: history points, the
 * event log stream, and state messages. Test-only: it stands in for prescal-event.
 *
 * <p>"web" ramps up to a burst 25 to 15 minutes ago and scales 2 → 6 → 4; "api" is steady with a
 * backend ejected by outlier detection and a cold start.
 */
public final class DemoData implements AutoCloseable {

  private final EventCodec codec = new EventCodec();
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;

  public DemoData(String uri) {
    client = RedisClient.create(uri);
    connection = client.connect();
    redis = connection.sync();
  }

  public RedisCommands<String, String> redis() {
    return redis;
  }

  /** Requests per second of "web" at {@code minutesAgo}. */
  static double webRate(double minutesAgo) {
    double base = 220 + 60 * Math.sin(minutesAgo / 6.0);
    double burst =
        minutesAgo > 3 && minutesAgo < 11 ? 650 * Math.sin((11 - minutesAgo) / 8 * Math.PI) : 0;
    return base + Math.max(0, burst);
  }

  static int webReplicas(double minutesAgo) {
    double r = webRate(minutesAgo);
    return Math.max(2, Math.min(6, (int) Math.ceil(r / 150)));
  }

  static double apiRate(double minutesAgo) {
    return 85 + 15 * Math.sin(minutesAgo / 3.0) + 5 * Math.sin(minutesAgo * 7);
  }

  static HistoryPoint point(String service, long time, double minutesAgo) {
    if (service.equals("web")) {
      double rate = webRate(minutesAgo);
      boolean burst = minutesAgo > 5 && minutesAgo < 9;
      int replicas = webReplicas(minutesAgo);
      return new HistoryPoint(
          time,
          rate,
          burst ? 0.012 : 0.0015,
          9 + rate / 120,
          38 + rate / 14 + (burst ? 90 : 0),
          replicas,
          replicas,
          (int) (rate / 60),
          0);
    }
    double rate = apiRate(minutesAgo);
    return new HistoryPoint(time, rate, 0.004, 22, 95 + 10 * Math.sin(minutesAgo), 2, 2, 3, 0);
  }

  /** Writes the last {@code minutes} of per-second history of both services up to {@code now}. */
  public void writeHistory(Instant now, int minutes) {
    for (String service : List.of("web", "api")) {
      String key = Keys.history(service, Resolution.SECOND);
      redis.del(key);
      redis.sadd(Keys.HISTORY_SERVICES, service);
      List<Object> batch = new ArrayList<>();
      for (int s = minutes * 60; s >= 0; s--) {
        long t = now.minusSeconds(s).toEpochMilli() / 1000 * 1000;
        HistoryPoint p = point(service, t, s / 60.0);
        batch.add((double) p.time());
        batch.add(codec.writePoint(p));
        if (batch.size() >= 1000 || s == 0) {
          redis.zadd(key, batch.toArray());
          batch.clear();
        }
      }
    }
  }

  /** The event log of the hour before {@code now}, oldest first. */
  public List<Envelope> history(Instant now) {
    List<Envelope> log = new ArrayList<>();
    log.add(at(now, 58, "proxy-1", null, new ProxyStarted("0.1.0", List.of("web", "api"))));
    log.add(
        at(
            now,
            57.9,
            "proxy-1",
            "api",
            new BackendAdded(
                "api-1c04",
                "127.0.0.1:32801",
                BackendKind.DOCKER,
                "1c04be77a1f3",
                "prescal/demo-api:1")));
    log.add(at(now, 12.3, "proxy-1", "api", new ColdStart("api-1c04", 1840, 7)));
    log.add(at(now, 12.3, "proxy-1", "api", new BackendReady("api-1c04", "127.0.0.1:32801", 1840)));
    int previous = webReplicas(60);
    for (double m = 59.5; m > 0; m -= 0.5) {
      int now2 = webReplicas(m);
      if (now2 != previous) {
        log.add(at(now, m, "proxy-1", "web", decision(previous, now2, m)));
        for (int i = previous; i < now2; i++) {
          String id = "web-" + Integer.toHexString(0x3f20 + i);
          log.add(
              at(
                  now,
                  m - 0.05,
                  "proxy-1",
                  "web",
                  new BackendAdded(
                      id,
                      "127.0.0.1:" + (32770 + i),
                      BackendKind.DOCKER,
                      "3f2" + i + "9c1e0a7d",
                      "prescal/demo:1")));
          log.add(
              at(
                  now,
                  m - 0.08,
                  "proxy-1",
                  "web",
                  new BackendReady(id, "127.0.0.1:" + (32770 + i), 1700 + 90L * i)));
        }
        for (int i = previous - 1; i >= now2; i--) {
          String id = "web-" + Integer.toHexString(0x3f20 + i);
          log.add(at(now, m - 0.02, "proxy-1", "web", new BackendDraining(id, 3, "scale-down")));
          log.add(
              at(now, m - 0.05, "proxy-1", "web", new BackendRemoved(id, "scale-down", 640, 0)));
        }
        previous = now2;
      }
    }
    log.add(
        at(
            now,
            7.5,
            "event",
            "web",
            new AlertRaised(
                "p99:web",
                "p99-latency",
                Severity.WARNING,
                "web: p99 181 ms over 150 ms for 30 s",
                181,
                150)));
    log.add(
        at(
            now,
            5,
            "event",
            "web",
            new AlertCleared("p99:web", "p99-latency", "web: p99 97 ms under 150 ms")));
    log.add(
        at(
            now,
            2.5,
            "proxy-1",
            "api",
            new HealthChanged(
                "api-9d11",
                HealthState.HEALTHY,
                HealthState.EJECTED,
                "passive",
                "5 consecutive 5xx responses")));
    log.add(
        at(
            now,
            2.2,
            "event",
            "api",
            new AlertRaised(
                "error-rate:api",
                "error-rate",
                Severity.CRITICAL,
                "api: a backend is ejected, 1 of 3 out of the pool",
                1,
                0)));
    log.sort(java.util.Comparator.comparing(Envelope::time));
    return log;
  }

  private static ScaleDecision decision(int from, int to, double minutesAgo) {
    double rate = webRate(minutesAgo);
    double concurrency = rate / 60;
    boolean panic = to > from && concurrency > 2 * from * 2.5;
    String reason =
        to > from
            ? (panic ? "panic: " : "stable: ")
                + String.format(
                    java.util.Locale.ROOT,
                    "demand %.1f in flight over capacity %.1f",
                    concurrency,
                    from * 2.5)
            : String.format(
                java.util.Locale.ROOT,
                "stable: demand %.1f fits %d replicas after the scale-down delay",
                concurrency,
                to);
    ScaleInputs inputs =
        new ScaleInputs(
            concurrency * 0.9, concurrency, rate * 0.95, rate, 2.5, 60_000, 6_000, 2.0, 2, 6);
    return new ScaleDecision(
        from, from, to, panic ? ScaleMode.PANIC : ScaleMode.STABLE, reason, inputs);
  }

  private static Envelope at(
      Instant now, double minutesAgo, String source, String service, PrescalEvent event) {
    return Envelope.of(
        source, service, event, now.minus(Duration.ofMillis((long) (minutesAgo * 60_000))));
  }

  /** Writes {@code events} to the event log stream, as prescal-event does. */
  public void writeEventLog(List<Envelope> events) {
    for (Envelope e : events) {
      redis.xadd(Keys.EVENT_LOG, Keys.EVENT_LOG_FIELD, codec.encode(e));
    }
  }

  /** The state of both services at {@code now}. */
  public StateSnapshot state(Instant now) {
    HistoryPoint web = point("web", now.toEpochMilli(), 0);
    HistoryPoint api = point("api", now.toEpochMilli(), 0);
    AutoscalerStatus webScaler =
        new AutoscalerStatus(
            ScaleMode.STABLE,
            2,
            6,
            web.desiredReplicas(),
            2.5,
            60_000,
            6_000,
            2.0,
            false,
            "stable: demand 3.9 in flight fits 2 replicas",
            new ScalingBounds("docker", 50, 4, 256L << 20));
    AutoscalerStatus apiScaler =
        new AutoscalerStatus(
            ScaleMode.PAUSED, 1, 4, 2, 4, 60_000, 6_000, 2.0, true, "paused by ops: load test");
    List<BackendStatus> webBackends = new ArrayList<>();
    for (int i = 0; i < web.readyReplicas(); i++) {
      webBackends.add(
          new BackendStatus(
              "web-" + Integer.toHexString(0x3f20 + i),
              BackendKind.DOCKER,
              "3f2" + i + "9c1e0a7d",
              "prescal/demo:1",
              "127.0.0.1:" + (32770 + i),
              BackendState.READY,
              2 + i % 2,
              web.requestRate() / web.readyReplicas() * (0.9 + 0.05 * i),
              0.1 * i,
              40 + 4 * i,
              3540 - 600L * i));
    }
    List<BackendStatus> apiBackends =
        List.of(
            new BackendStatus(
                "api-1c04",
                BackendKind.DOCKER,
                "1c04be77a1f3",
                "prescal/demo-api:1",
                "127.0.0.1:32801",
                BackendState.READY,
                2,
                api.requestRate() * 0.5,
                0.2,
                92,
                3480),
            new BackendStatus(
                "api-7e52",
                BackendKind.DOCKER,
                "7e52aa01c9d0",
                "prescal/demo-api:1",
                "127.0.0.1:32802",
                BackendState.READY,
                1,
                api.requestRate() * 0.5,
                0.1,
                101,
                2900),
            new BackendStatus(
                "api-9d11",
                BackendKind.DOCKER,
                "9d1130ce2b4f",
                "prescal/demo-api:1",
                "127.0.0.1:32803",
                BackendState.EJECTED,
                0,
                0,
                0,
                0,
                1320));
    return new StateSnapshot(
        List.of(
            new ServiceState(
                "web",
                web.readyReplicas(),
                web.desiredReplicas(),
                web.requestRate(),
                web.errorRate(),
                web.p50Millis(),
                web.p99Millis(),
                web.inFlight(),
                0,
                0,
                0,
                webScaler,
                webBackends,
                false),
            new ServiceState(
                "api",
                2,
                2,
                api.requestRate(),
                api.errorRate(),
                api.p50Millis(),
                api.p99Millis(),
                api.inFlight(),
                0,
                1,
                1840,
                apiScaler,
                apiBackends,
                false)),
        List.of(
            new ProxyStatus("proxy-1", now, false),
            new ProxyStatus("proxy-2", now.minusMillis(400), false)),
        List.of(
            new ActiveAlert(
                "error-rate:api",
                "error-rate",
                Severity.CRITICAL,
                "api: a backend is ejected, 1 of 3 out of the pool",
                now.minusSeconds(330))),
        0.4);
  }

  /** {@code state} with "web"'s request rate set to {@code rate}: a number to look for. */
  public static StateSnapshot withWebRate(StateSnapshot state, double rate) {
    List<ServiceState> services = new ArrayList<>();
    for (ServiceState s : state.services()) {
      services.add(
          s.service().equals("web")
              ? new ServiceState(
                  s.service(),
                  s.readyReplicas(),
                  s.desiredReplicas(),
                  rate,
                  s.errorRate(),
                  s.p50Millis(),
                  s.p99Millis(),
                  s.inFlight(),
                  s.queueLength(),
                  s.coldStarts(),
                  s.lastColdStartMillis(),
                  s.autoscaler(),
                  s.backends(),
                  s.stale())
              : s);
    }
    return new StateSnapshot(services, state.proxies(), state.alerts(), state.redisLatencyMillis());
  }

  /** {@code state} with "web"'s autoscaler status replaced by what {@code change} makes of it. */
  public static StateSnapshot withWebAutoscaler(
      StateSnapshot state, UnaryOperator<AutoscalerStatus> change) {
    List<ServiceState> services = new ArrayList<>();
    for (ServiceState s : state.services()) {
      services.add(
          s.service().equals("web")
              ? new ServiceState(
                  s.service(),
                  s.readyReplicas(),
                  s.desiredReplicas(),
                  s.requestRate(),
                  s.errorRate(),
                  s.p50Millis(),
                  s.p99Millis(),
                  s.inFlight(),
                  s.queueLength(),
                  s.coldStarts(),
                  s.lastColdStartMillis(),
                  change.apply(s.autoscaler()),
                  s.backends(),
                  s.stale())
              : s);
    }
    return new StateSnapshot(services, state.proxies(), state.alerts(), state.redisLatencyMillis());
  }

  /** Publishes {@code state} on prescal:state, as prescal-event does once a second. */
  public void publishState(StateSnapshot state) {
    redis.publish(Channels.STATE, codec.encode(Envelope.of("event", null, state)));
  }

  /** Publishes one event on prescal:events. */
  public void publishEvent(Envelope envelope) {
    redis.publish(Channels.EVENTS, codec.encode(envelope));
  }

  /** Publishes raw text on a channel: garbage, for robustness tests. */
  public void publishRaw(String channel, String text) {
    redis.publish(channel, text);
  }

  /** Writes the whole demo: history, log, one state. */
  public void writeAll(Instant now) {
    redis.del(Keys.EVENT_LOG);
    writeHistory(now, 60);
    writeEventLog(history(now));
    publishState(state(now));
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
