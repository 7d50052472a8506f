package io.prescal.proxy.autoscale;

import io.prescal.common.event.Command;
import io.prescal.common.event.DrainCommand;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.ResumeCommand;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScalingPaused;
import io.prescal.common.event.ScalingResumed;
import io.prescal.proxy.events.CommandHandler.CommandRefusedException;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.scale.Autoscaler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An autoscaled service's operator commands, applied on its scale thread (which owns the
 * autoscaler): scale, limits, pause and resume go to the {@link Autoscaler} and take effect at once
 * (a tick runs right after); drain retires one backend. Fixing and pausing publish {@code
 * scaling.paused}, resuming {@code scaling.resumed}.
 */
final class OperatorCommands {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String service;
  private final Autoscaler autoscaler;
  private final Replicas replicas;
  private final EventSink events;
  private final Consumer<Runnable> onLoop;
  private final Runnable tick;

  OperatorCommands(
      String service,
      Autoscaler autoscaler,
      Replicas replicas,
      EventSink events,
      Consumer<Runnable> onLoop,
      Runnable tick) {
    this.service = service;
    this.autoscaler = autoscaler;
    this.replicas = replicas;
    this.events = events;
    this.onLoop = onLoop;
    this.tick = tick;
  }

  /**
   * Applies {@code command} on the scale thread and waits for it (from any other thread).
   *
   * @return what it did
   * @throws CommandRefusedException why nothing was done
   */
  String apply(Command command) throws CommandRefusedException {
    var done = new CompletableFuture<String>();
    onLoop.accept(
        () -> {
          try {
            done.complete(applyHere(command));
          } catch (CommandRefusedException | RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    try {
      return done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CommandRefusedException refused) {
        throw refused;
      }
      throw new CommandRefusedException(command.describe() + " failed: " + FailureText.of(e));
    } catch (TimeoutException e) {
      throw new CommandRefusedException(
          "the scale loop of "
              + service
              + " did not answer within "
              + TIMEOUT.toSeconds()
              + " s (is it stopping?); try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandRefusedException("interrupted while waiting for the scale loop");
    }
  }

  private String applyHere(Command command) throws CommandRefusedException {
    if (command instanceof DrainCommand drain) {
      String detail = replicas.retire(drain.backendId(), "operator " + drain.issuer());
      if (detail == null) {
        throw new CommandRefusedException(
            "no backend " + drain.backendId() + " in service " + service + " (see GET /status)");
      }
      tick.run();
      return detail;
    }
    String detail = autoscaler.apply(command);
    switch (command) {
      case PauseCommand p ->
          events.publish(service, new ScalingPaused("paused by " + p.issuer() + ": " + detail));
      case ScaleCommand s ->
          events.publish(
              service, new ScalingPaused(detail + " by " + s.issuer() + " until resumed"));
      case ResumeCommand r ->
          events.publish(service, new ScalingResumed("resumed by " + r.issuer()));
      default -> {}
    }
    tick.run();
    return detail;
  }
}
