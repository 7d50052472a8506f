package io.prescal.proxy.scale;

import io.prescal.common.event.ScaleDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Drives an autoscaler through simulated time: every tick it records the load, decides, and (like
 * the scale loop will) makes the replica count what was decided; new replicas are ready at once.
 */
final class ScaleSimulation {
  final FakeClock clock = new FakeClock();
  final Autoscaler autoscaler;
  final List<ScaleDecision> decisions = new ArrayList<>();
  int replicas;

  ScaleSimulation(AutoscaleSettings settings, int replicas) {
    this.autoscaler = new Autoscaler(settings, clock);
    this.replicas = replicas;
  }

  /** One tick: {@code concurrency} in flight and {@code rate} requests/s over it, then decide. */
  ScaleDecision tick(double concurrency, double rate) {
    Duration tick = autoscaler.settings().tick();
    clock.advance(tick);
    autoscaler.record(concurrency, Math.round(rate * tick.toMillis() / 1000.0));
    ScaleDecision decision = autoscaler.decide(replicas, replicas);
    decisions.add(decision);
    replicas = decision.desiredReplicas();
    return decision;
  }

  /** Ticks for {@code duration} with the load {@code concurrency} gives each tick. */
  ScaleDecision run(Duration duration, DoubleSupplier concurrency) {
    ScaleDecision last = null;
    for (long t = 0; t < duration.toMillis(); t += autoscaler.settings().tick().toMillis()) {
      double c = concurrency.getAsDouble();
      last = tick(c, c * 10);
    }
    return last;
  }

  ScaleDecision run(Duration duration, double concurrency) {
    return run(duration, () -> concurrency);
  }

  /** How many decisions changed the replica count. */
  long changes() {
    return decisions.stream().filter(ScaleDecision::changes).count();
  }
}
