package io.prescal.event.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * A webhook receiver on loopback (the JDK's HTTP server): records every request and answers with
 * the next planned status (200 once the plan is spent), or hangs until closed.
 */
public final class Receiver implements AutoCloseable {

  /** One request as received. */
  public record Request(String method, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> plan = new ConcurrentLinkedQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean hang;

  public Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The URL to configure, with a path like a real webhook's. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/hooks/T000/secret-path";
  }

  /** The next requests are answered with these statuses, in order. */
  public Receiver answer(int... statuses) {
    for (int s : statuses) {
      plan.add(s);
    }
    return this;
  }

  /** From now on, requests get no answer until {@link #close()}. */
  public Receiver hang() {
    hang = true;
    return this;
  }

  public List<Request> requests() {
    return requests;
  }

  public IntSupplier count() {
    return requests::size;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestHeaders(), body));
    if (hang) {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    Integer status = plan.poll();
    exchange.sendResponseHeaders(status == null ? 200 : status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }
}
