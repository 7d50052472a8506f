package io.prescal.proxy.health;

import io.prescal.common.event.BackendState;
import io.prescal.proxy.config.OutlierConfig;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.OutcomeListener;
import io.prescal.proxy.pool.PoolSnapshot;
import io.prescal.proxy.pool.ServicePool;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Passive health checking on live traffic (Envoy's outlier detection): a backend with too many
 * consecutive 5xx answers or connect failures is ejected for the base ejection time times the
 * number of its ejections so far (capped), unless that would eject more than the allowed share of
 * the service.
 */
public final class OutlierDetector implements OutcomeListener {
  /** The check name in health events. */
  public static final String CHECK = "passive";

  private final ScheduledExecutorService scheduler;

  public OutlierDetector(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void onResponse(ServicePool pool, Backend backend, int status) {
    OutlierConfig config = pool.settings().outlier();
    if (!config.enabled()) {
      return;
    }
    if (status >= 500) {
      int run = backend.outlier().on5xx();
      if (run >= config.consecutive5xx()) {
        eject(pool, backend, config, run + " consecutive 5xx answers");
      }
    } else {
      backend.outlier().onSuccess();
    }
  }

  @Override
  public void onConnectFailure(ServicePool pool, Backend backend) {
    OutlierConfig config = pool.settings().outlier();
    if (!config.enabled()) {
      return;
    }
    int run = backend.outlier().onConnectFailure();
    if (run >= config.consecutiveConnectFailures()) {
      eject(pool, backend, config, run + " consecutive connect failures");
    }
  }

  private void eject(ServicePool pool, Backend backend, OutlierConfig config, String cause) {
    PoolSnapshot snapshot = pool.snapshot();
    int eligible = snapshot.count(BackendState.READY) + snapshot.count(BackendState.EJECTED);
    int allowed = Math.max(1, eligible * config.maxEjectionPercent() / 100);
    if (snapshot.count(BackendState.EJECTED) >= allowed) {
      return;
    }
    int ejections = backend.outlier().ejections() + 1;
    Duration time = config.baseEjectionTime().multipliedBy(ejections);
    if (time.compareTo(config.maxEjectionTime()) > 0) {
      time = config.maxEjectionTime();
    }
    String reason = cause + ": ejected for " + time.toMillis() + "ms (ejection " + ejections + ")";
    if (pool.eject(backend.id(), CHECK, reason)) {
      backend.outlier().ejected();
      scheduler.schedule(
          () -> pool.restore(backend.id(), CHECK, "ejection time ended"),
          time.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }
}
