package io.prescal.event.aggregate;

import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendMetrics;
import io.prescal.common.event.BackendState;
import io.prescal.common.metrics.LatencyHistogram;
import java.time.Instant;

/**
 * One backend's figures over one or more intervals: counts add up, the gauges ({@code state},
 * {@code inFlight}) are the latest.
 */
record BackendSlice(
    String backendId,
    BackendKind kind,
    String container,
    String image,
    String address,
    BackendState state,
    Instant startedAt,
    long requests,
    long errors,
    int inFlight,
    LatencyHistogram latency) {

  static BackendSlice of(BackendMetrics m) {
    return new BackendSlice(
        m.backendId(),
        m.kind(),
        m.container(),
        m.image(),
        m.address(),
        m.state(),
        m.startedAt(),
        m.requests(),
        m.errorCount(),
        m.inFlight(),
        m.latency());
  }

  /** This slice followed by {@code later} from the same proxy. */
  BackendSlice then(BackendSlice later) {
    return new BackendSlice(
        backendId,
        later.kind,
        later.container,
        later.image,
        later.address,
        later.state,
        later.startedAt,
        requests + later.requests,
        errors + later.errors,
        later.inFlight,
        latency.merge(later.latency));
  }

  /**
   * This slice and {@code other}, the same backend seen by another proxy: counts and in-flight add
   * up; it is as alive as the most alive report says.
   */
  BackendSlice alongside(BackendSlice other) {
    return new BackendSlice(
        backendId,
        kind,
        container != null ? container : other.container,
        image != null ? image : other.image,
        address,
        stateOf(state, other.state),
        startedAt.isBefore(other.startedAt) ? startedAt : other.startedAt,
        requests + other.requests,
        errors + other.errors,
        inFlight + other.inFlight,
        latency.merge(other.latency));
  }

  /** READY wins over every other state; otherwise the earlier state in the life cycle. */
  private static BackendState stateOf(BackendState a, BackendState b) {
    if (a == BackendState.READY || b == BackendState.READY) {
      return BackendState.READY;
    }
    return a.ordinal() <= b.ordinal() ? a : b;
  }
}
