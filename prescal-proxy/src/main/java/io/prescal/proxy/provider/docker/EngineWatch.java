package io.prescal.proxy.provider.docker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Docker engine answers. Pings it on a thread of its own: every {@code pingInterval}
 * while it answers, with a backoff from 250 ms up to {@code maxBackoff} while it does not. Says so
 * in one sentence when it stops answering (once per outage). After each ping it calls {@code
 * onAnswer} (with true when the engine is back) or {@code onLost}, on the watch thread.
 */
final class EngineWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineWatch.class);
  private static final long FIRST_BACKOFF_MILLIS = 250;

  private final String host;
  private final DockerEngineSettings settings;
  private final Runnable ping;
  private final Executor pingThreads;
  private final Consumer<Boolean> onAnswer;
  private final Runnable onLost;
  private final ScheduledExecutorService watch =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("prescal-docker-watch").daemon().factory());
  private volatile boolean available;
  private volatile String problem; // null before the first failed check
  private long backoffMillis = FIRST_BACKOFF_MILLIS;
  private ScheduledFuture<?> nextCheck;

  EngineWatch(
      String host,
      DockerEngineSettings settings,
      Runnable ping,
      Executor pingThreads,
      Consumer<Boolean> onAnswer,
      Runnable onLost) {
    this.host = host;
    this.settings = settings;
    this.ping = ping;
    this.pingThreads = pingThreads;
    this.onAnswer = onAnswer;
    this.onLost = onLost;
  }

  /** Checks now and waits for the outcome (at start). */
  void checkAndWait() {
    try {
      watch.submit(this::check).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.error("checking the Docker engine failed", e.getCause());
    }
  }

  /** Checks now instead of at the next scheduled time (a call failed, the stream broke). */
  void checkSoon() {
    try {
      watch.execute(this::check);
    } catch (RejectedExecutionException closed) {
      // shutting down
    }
  }

  boolean available() {
    return available;
  }

  /** Why the engine does not answer, in one sentence; null while it answers. */
  String problem() {
    return available ? null : problem;
  }

  @Override
  public void close() {
    watch.shutdownNow();
  }

  private void check() {
    if (nextCheck != null) {
      nextCheck.cancel(false);
    }
    long delayMillis;
    try {
      boundedPing();
      boolean again = !available;
      available = true;
      if (again) {
        LOG.info("Docker engine at {} answers", host);
      }
      onAnswer.accept(again);
      backoffMillis = FIRST_BACKOFF_MILLIS;
      delayMillis = settings.pingInterval().toMillis();
    } catch (RuntimeException e) {
      String sentence = unreachable(e);
      if (available || problem == null) {
        LOG.warn("{}", sentence); // once per outage; the pings that follow stay quiet
      } else {
        LOG.debug("{}", sentence);
      }
      problem = sentence;
      available = false;
      onLost.run();
      delayMillis = backoffMillis;
      backoffMillis = Math.min(backoffMillis * 2, settings.maxBackoff().toMillis());
    }
    nextCheck = watch.schedule(this::check, delayMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Pings on other threads with a bound: a hung engine must not hang the watch (on a unix socket
   * the client's response timeout does not apply).
   */
  private void boundedPing() {
    var pinged = CompletableFuture.runAsync(ping, pingThreads);
    long bound = settings.connectTimeout().toMillis() * 2;
    try {
      pinged.get(bound, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pinged.cancel(true);
      throw new IllegalStateException("no answer to a ping within " + bound + " ms");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pinging");
    }
  }

  private String unreachable(Throwable e) {
    return "Docker engine at "
        + host
        + " does not answer ("
        + DockerEngine.rootMessage(e)
        + "): start Docker or point DOCKER_HOST at a running engine; Docker services do not scale"
        + " until it answers";
  }
}
