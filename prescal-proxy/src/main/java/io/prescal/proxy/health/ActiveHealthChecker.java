package io.prescal.proxy.health;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.prescal.common.event.BackendState;
import io.prescal.proxy.config.HealthCheckConfig;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.server.Transport;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Probes every READY or actively-ejected backend of one service each interval: {@code fall} failed
 * probes in a row eject it, {@code rise} passed probes in a row bring it back. All its work runs on
 * one event loop, so its counters need no locks.
 */
public final class ActiveHealthChecker implements AutoCloseable {
  /** The check name in health events. */
  public static final String CHECK = "active";

  private final ServicePool pool;
  private final HealthCheckConfig config;
  private final EventLoop loop;
  private final HealthProbe probe;
  private final Map<String, int[]> runs = new HashMap<>();
  private ScheduledFuture<?> task;

  public ActiveHealthChecker(
      ServicePool pool, HealthCheckConfig config, EventLoop loop, Transport transport) {
    this.pool = pool;
    this.config = config;
    this.loop = loop;
    this.probe = new HealthProbe(transport);
  }

  /** Starts probing: the first round at once, then every interval. */
  public void start() {
    long interval = config.interval().toMillis();
    task = loop.scheduleWithFixedDelay(this::round, 0, interval, TimeUnit.MILLISECONDS);
  }

  private void round() {
    for (Backend backend : pool.snapshot().all()) {
      boolean eligible = backend.state() == BackendState.READY || CHECK.equals(backend.ejectedBy());
      if (eligible) {
        probe
            .probe(backend, config.path(), config.timeout().toMillis(), loop)
            .addListener(f -> onResult(backend, (String) f.getNow()));
      }
    }
    runs.keySet().removeIf(id -> pool.snapshot().find(id) == null);
  }

  private void onResult(Backend backend, String failure) {
    int[] run = runs.computeIfAbsent(backend.id(), id -> new int[2]);
    if (failure == null) {
      run[0]++;
      run[1] = 0;
      if (run[0] >= config.rise() && CHECK.equals(backend.ejectedBy())) {
        pool.restore(
            backend.id(), CHECK, run[0] + " consecutive probes of " + config.path() + " passed");
      }
    } else {
      run[1]++;
      run[0] = 0;
      if (run[1] >= config.fall() && backend.state() == BackendState.READY) {
        pool.eject(
            backend.id(),
            CHECK,
            run[1] + " consecutive failed probes of " + config.path() + ": " + failure);
      }
    }
  }

  @Override
  public void close() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
