package io.prescal.event.state;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prescal.common.Channels;
import io.prescal.common.Keys;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.StateSnapshot;
import io.prescal.event.aggregate.Aggregator;
import io.prescal.event.aggregate.Tick;
import io.prescal.event.alert.AlertChange;
import io.prescal.event.alert.AlertEvaluator;
import io.prescal.event.config.EventProperties;
import io.prescal.event.lifecycle.BackgroundLifecycle;
import io.prescal.event.store.EventLog;
import io.prescal.event.store.HistoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Once per {@code state-interval}: closes the aggregator's tick, judges the alert rules (raised and
 * cleared alerts go to {@code prescal:events} and the log), publishes the {@code StateSnapshot} on
 * {@code prescal:state}, and writes the history points. A Redis failure skips one tick's writes and
 * is logged once per streak; nothing stops the ticker.
 */
@Component
public class StateTicker extends BackgroundLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(StateTicker.class);
  private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

  private final Aggregator aggregator;
  private final AlertEvaluator alerts;
  private final HistoryStore history;
  private final EventLog log;
  private final LatestState latest;
  private final StringRedisTemplate redis;
  private final EventCodec codec;
  private final Clock clock;
  private final EventProperties properties;
  private final Counter published;
  private final LimitWarnings limits = new LimitWarnings(LOG);
  private Instant prunedAt = Instant.MIN;
  private boolean failing;

  public StateTicker(
      Aggregator aggregator,
      AlertEvaluator alerts,
      HistoryStore history,
      EventLog log,
      LatestState latest,
      StringRedisTemplate redis,
      EventCodec codec,
      Clock clock,
      EventProperties properties,
      MeterRegistry meters) {
    super("prescal-state", AtStop.FINISH);
    this.aggregator = aggregator;
    this.alerts = alerts;
    this.history = history;
    this.log = log;
    this.latest = latest;
    this.redis = redis;
    this.codec = codec;
    this.clock = clock;
    this.properties = properties;
    this.published =
        Counter.builder("prescal.event.state.published")
            .description("State snapshots published on " + Channels.STATE)
            .register(meters);
  }

  void tick() {
    Instant now = clock.instant();
    try {
      Tick tick = aggregator.tick(now);
      limits.check(aggregator.bounds(), now);
      List<AlertChange> changes = alerts.evaluate(tick.services(), tick.proxies(), now);
      for (AlertChange change : changes) {
        String json =
            codec.encode(Envelope.of(properties.source(), change.service(), change.event(), now));
        log.append(json);
        redis.convertAndSend(Channels.EVENTS, json);
      }
      StateSnapshot state =
          new StateSnapshot(tick.services(), tick.proxies(), alerts.active(), redisLatencyMillis());
      latest.set(state);
      redis.convertAndSend(
          Channels.STATE, codec.encode(Envelope.of(properties.source(), null, state, now)));
      published.increment();
      history.write(tick.points());
      pruneHistoryServices(now);
      if (failing) {
        LOG.info("state published again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("cannot publish state or write history ({}); retrying every tick", e.toString());
        failing = true;
      }
    }
  }

  /** Once a minute: the set of services with history forgets those whose series expired. */
  private void pruneHistoryServices(Instant now) {
    if (now.isBefore(prunedAt.plus(PRUNE_INTERVAL))) {
      return;
    }
    prunedAt = now;
    int removed = history.pruneServices();
    if (removed > 0) {
      LOG.debug("{} services without history left {}", removed, Keys.HISTORY_SERVICES);
    }
  }

  private double redisLatencyMillis() {
    long start = System.nanoTime();
    redis.execute((RedisCallback<String>) c -> c.ping());
    return (System.nanoTime() - start) / 1_000_000.0;
  }

  @Override
  protected void begin(ScheduledExecutorService timer) {
    try {
      AlertHistory.restore(log, codec, properties.source(), alerts);
      if (!alerts.active().isEmpty()) {
        LOG.info("restored {} active alerts from the event log", alerts.active().size());
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot read active alerts back from the event log ({})", e.toString());
    }
    long interval = properties.stateInterval().toMillis();
    // Align ticks to the interval, so per-second points fall on whole seconds.
    long delay = interval - Math.floorMod(clock.millis(), interval);
    timer.scheduleAtFixedRate(this::tick, delay, interval, TimeUnit.MILLISECONDS);
  }

  /** The last minute's history, unless the stop was interrupted (then it leaves at once). */
  @Override
  protected void afterStop() {
    if (Thread.currentThread().isInterrupted()) {
      return;
    }
    try {
      history.write(aggregator.flushMinute(clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("cannot write the last minute's history at shutdown ({})", e.toString());
    }
  }
}
