package io.prescal.proxy.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a new backend answers: HTTP GET of a path, again and again, until a status from 200
 * to 399 (as Kubernetes' httpGet probe) or the deadline. Runs on its own small executor with the
 * JDK's HTTP client, never on an event loop. One probe serves every backend of a proxy.
 */
public final class ReadinessProbe implements AutoCloseable {

  private final ReadinessSettings settings;
  private final ScheduledExecutorService executor;
  private final HttpClient client;

  /**
   * A probe with its own two daemon threads.
   *
   * @throws IllegalArgumentException listing every problem when the settings are invalid
   */
  public ReadinessProbe(ReadinessSettings settings) {
    this.settings = settings.validated();
    this.executor =
        Executors.newScheduledThreadPool(
            2, Thread.ofPlatform().name("prescal-readiness-", 0).daemon().factory());
    this.client = newClient();
  }

  private HttpClient newClient() {
    return HttpClient.newBuilder()
        .executor(executor)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Probes {@code backend} until it is ready. Cancelling the future stops the probing.
   *
   * @return completes with the time it took, or fails with {@link NotReadyException}
   */
  public CompletableFuture<Duration> awaitReady(ProvidedBackend backend) {
    var attempt = new Attempts(client, backend, System.nanoTime(), new CompletableFuture<>());
    executor.execute(attempt::attempt);
    return attempt.result();
  }

  /**
   * Probes {@code backend} as {@link #awaitReady} does, on connections of its own that are all
   * closed by the time the future completes: for a backend about to be frozen (the warm pool),
   * which must hold no idle connection of the proxy's. A kept-alive connection to a frozen backend
   * would be closed by the backend's idle timeout the moment it is thawed, failing whatever used it
   * next. Cancelling the future stops the probing.
   */
  public CompletableFuture<Duration> awaitReadyDisconnected(ProvidedBackend backend) {
    HttpClient own = newClient();
    var attempt = new Attempts(own, backend, System.nanoTime(), new CompletableFuture<>());
    var closed = new CompletableFuture<Duration>();
    attempt
        .result()
        .whenComplete(
            (took, error) ->
                // Not on the probe's threads: the client may need them to finish closing.
                Thread.ofVirtual()
                    .name("prescal-readiness-close")
                    .start(
                        () -> {
                          own.shutdownNow();
                          try {
                            own.awaitTermination(settings.timeout().plusSeconds(1));
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          if (error != null) {
                            closed.completeExceptionally(error);
                          } else {
                            closed.complete(took);
                          }
                        }));
    closed.whenComplete(
        (took, error) -> {
          if (closed.isCancelled()) {
            attempt.result().cancel(false);
          }
        });
    executor.execute(attempt::attempt);
    return closed;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    client.shutdownNow();
  }

  /** The attempts for one backend, one after the other. */
  private final class Attempts {
    private final HttpClient client;
    private final ProvidedBackend backend;
    private final long startNanos;
    private final CompletableFuture<Duration> result;
    private final HttpRequest request;

    Attempts(
        HttpClient client,
        ProvidedBackend backend,
        long startNanos,
        CompletableFuture<Duration> result) {
      this.client = client;
      this.backend = backend;
      this.startNanos = startNanos;
      this.result = result;
      this.request =
          HttpRequest.newBuilder(URI.create("http://" + backend.addressText() + settings.path()))
              .timeout(settings.timeout())
              .header("User-Agent", "prescal-readiness")
              .GET()
              .build();
    }

    CompletableFuture<Duration> result() {
      return result;
    }

    void attempt() {
      if (result.isDone()) {
        return;
      }
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                if (response != null
                    && response.statusCode() >= 200
                    && response.statusCode() < 400) {
                  result.complete(Duration.ofNanos(System.nanoTime() - startNanos));
                } else {
                  retry(response != null ? "status " + response.statusCode() : describe(error));
                }
              });
    }

    private void retry(String problem) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      if (elapsed.plus(settings.interval()).compareTo(settings.deadline()) > 0) {
        result.completeExceptionally(
            new NotReadyException(
                "backend "
                    + backend.id()
                    + " at "
                    + backend.addressText()
                    + " did not answer GET "
                    + settings.path()
                    + " with 2xx or 3xx within "
                    + seconds(settings.deadline())
                    + " (last: "
                    + problem
                    + "); check that it listens there and serves that path, or raise the"
                    + " readiness deadline"));
        return;
      }
      try {
        executor.schedule(this::attempt, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        result.cancel(false);
      }
    }
  }

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** An attempt's failure in a few words. */
  static String describe(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return switch (cause) {
      case HttpConnectTimeoutException e -> "connect timed out";
      case HttpTimeoutException e -> "no answer within the attempt timeout";
      case ConnectException e -> "connection refused";
      case IOException e -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      default -> String.valueOf(cause);
    };
  }
}
