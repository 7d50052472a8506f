package io.prescal.traffic.serve;

import java.util.concurrent.atomic.AtomicInteger;

/** The synthetic backend's lifecycle: starting, ready, draining; and its requests in flight. */
final class BackendState {

  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean started;
  private volatile boolean draining;
  private volatile String identity = "prescal-traffic";

  String identity() {
    return identity;
  }

  void identity(String id) {
    identity = id;
  }

  void requestStarted() {
    inFlight.incrementAndGet();
  }

  void requestFinished() {
    inFlight.decrementAndGet();
  }

  int inFlight() {
    return inFlight.get();
  }

  void markStarted() {
    started = true;
  }

  void markDraining() {
    draining = true;
  }

  boolean ready() {
    return started && !draining;
  }

  boolean draining() {
    return draining;
  }
}
