package io.prescal.proxy.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load for tests: N workers (virtual threads) each send GET requests one after the
 * other over keep-alive connections and record every outcome. Workers can be added and stopped
 * while it runs (a load step). Every request sent ends as a response or a failure: nothing is
 * silently lost.
 */
public final class SteadyLoad implements AutoCloseable {

  /**
   * One response: its status, the backend that answered (X-Prescal-Backend), when, and the body of
   * an error (empty for a 200).
   */
  public record Response(int status, String backend, long atNanos, String error) {}

  private final URI uri;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<Response> responses = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private final List<AtomicInteger> stops = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();

  public SteadyLoad(URI uri) {
    this.uri = uri;
  }

  /** Adds {@code count} workers. */
  public synchronized SteadyLoad workers(int count) {
    for (int i = 0; i < count; i++) {
      AtomicInteger stop = new AtomicInteger();
      stops.add(stop);
      workers.add(Thread.ofVirtual().name("load-", workers.size()).start(() -> run(stop)));
    }
    return this;
  }

  /** Stops all but {@code count} workers (each finishes the request it is sending). */
  public synchronized void keep(int count) throws InterruptedException {
    while (workers.size() > count) {
      stops.removeLast().set(1);
      workers.removeLast().join();
    }
  }

  private void run(AtomicInteger stop) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
    while (stop.get() == 0) {
      sent.incrementAndGet();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        responses.add(
            new Response(
                response.statusCode(),
                response.headers().firstValue("X-Prescal-Backend").orElse(""),
                System.nanoTime(),
                response.statusCode() == 200 ? "" : response.body()));
      } catch (IOException e) {
        failures.add(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public List<Response> responses() {
    return responses;
  }

  /** Requests that got no response at all (connection reset, refused, timed out). */
  public List<String> failures() {
    return failures;
  }

  /** Responses that are not 200. */
  public List<Response> errors() {
    return responses.stream().filter(r -> r.status() != 200).toList();
  }

  public long sent() {
    return sent.get();
  }

  @Override
  public void close() throws InterruptedException {
    keep(0);
    client.close();
  }
}
