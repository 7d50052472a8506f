package io.prescal.traffic.events;

import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendDraining;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleDecision;
import java.time.Instant;
import java.util.Optional;

/**
 * A Prescal event placed on the run's timeline.
 *
 * @param second seconds since measurement started (negative during warm-up)
 * @param time when the proxy wrote it
 * @param type its wire type, e.g. "scale.decision"
 * @param service the service it concerns, or null
 * @param summary one line for people, e.g. "scale 2 -> 4: panic: demand 9.1 is 3.0x capacity 3"
 */
public record EventMark(double second, Instant time, String type, String service, String summary) {

  /**
   * The mark of {@code envelope}, if it is a scale or backend event the timeline shows. Events of
   * warm-pool backends are not: a warm backend takes no traffic until it joins the replicas, which
   * its own {@code backend.added} and {@code backend.ready} then say.
   */
  public static Optional<EventMark> of(Envelope envelope, Instant measureStart) {
    String summary =
        switch (envelope.data()) {
          case BackendAdded a when a.fromWarmPool() -> null;
          case BackendReady r when r.fromWarmPool() -> null;
          case BackendRemoved r when r.fromWarmPool() -> null;
          case BackendFailed f when f.fromWarmPool() -> null;
          case ScaleDecision d when d.changes() ->
              "scale " + d.currentReplicas() + " -> " + d.desiredReplicas() + ": " + d.reason();
          case BackendAdded a -> "backend " + a.backendId() + " added";
          case BackendReady r ->
              "backend " + r.backendId() + " ready (started in " + r.startupMillis() + " ms)";
          case BackendDraining d -> "backend " + d.backendId() + " draining (" + d.reason() + ")";
          case BackendRemoved r -> "backend " + r.backendId() + " removed (" + r.reason() + ")";
          case BackendFailed f -> "backend " + f.backendId() + " failed: " + f.reason();
          case ColdStart c ->
              "cold start: " + c.millis() + " ms, " + c.heldRequests() + " requests held";
          default -> null;
        };
    if (summary == null) {
      return Optional.empty();
    }
    double second = (envelope.time().toEpochMilli() - measureStart.toEpochMilli()) / 1000.0;
    return Optional.of(
        new EventMark(second, envelope.time(), envelope.type(), envelope.service(), summary));
  }

  /** Whether this is a scale decision (a phase boundary). */
  public boolean isScale() {
    return type.equals("scale.decision");
  }

  /** Whether this says a backend became ready (capacity arrived). */
  public boolean isReady() {
    return type.equals("backend.ready");
  }

  /** Whether this says a backend left. */
  public boolean isRemoval() {
    return type.equals("backend.removed");
  }
}
