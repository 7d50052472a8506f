package io.prescal.proxy.testing;

import io.prescal.common.event.PrescalEvent;
import io.prescal.proxy.Proxy;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.ServicePool;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real proxy on loopback ephemeral ports, built from YAML, recording the events it publishes. */
public final class RunningProxy implements AutoCloseable {
  private final Proxy proxy;
  private final List<PrescalEvent> events = new CopyOnWriteArrayList<>();
  private final List<Published> published = new CopyOnWriteArrayList<>();

  /** An event with the service it was published for and when ({@link System#nanoTime()}). */
  public record Published(long atNanos, String service, PrescalEvent event) {}

  private RunningProxy(String yaml, Path file) throws Exception {
    EventSink sink =
        (service, event) -> {
          published.add(new Published(System.nanoTime(), service, event));
          events.add(event);
        };
    proxy = new Proxy(ConfigLoader.parse(yaml, "test"), file, sink);
    proxy.start();
  }

  /**
   * Starts a proxy; {@code servicesYaml} is the services: list (and any other top-level keys).
   * Listen and admin addresses are set to ephemeral loopback ports.
   */
  public static RunningProxy start(String yaml) throws Exception {
    return new RunningProxy(withDefaults(yaml), null);
  }

  /** Starts a proxy from a file (for reload tests). */
  public static RunningProxy startFile(Path file) throws Exception {
    return new RunningProxy(java.nio.file.Files.readString(file), file);
  }

  /** {@code yaml} with ephemeral listen and admin addresses unless it sets them. */
  public static String withDefaults(String yaml) {
    String out = yaml;
    if (!out.contains("listen:")) {
      out = "listen: 127.0.0.1:0\n" + out;
    }
    if (!out.contains("admin:")) {
      out = "admin:\n  address: 127.0.0.1:0\n" + out;
    }
    return out;
  }

  /** One service "web" with the given backend addresses and extra service keys. */
  public static String service(String extra, String... backends) {
    StringBuilder sb = new StringBuilder("services:\n  - name: web\n    backends:\n");
    for (String backend : backends) {
      sb.append("      - address: ").append(backend).append('\n');
    }
    for (String line : extra.split("\n")) {
      if (!line.isBlank()) {
        sb.append("    ").append(line).append('\n');
      }
    }
    return sb.toString();
  }

  public int port() {
    return proxy.listening().get(0).getPort();
  }

  public int adminPort() {
    return proxy.adminAddress().getPort();
  }

  public Proxy proxy() {
    return proxy;
  }

  public ServicePool pool(String name) {
    return proxy.registry().pool(name);
  }

  public List<PrescalEvent> events() {
    return events;
  }

  /** The events of type {@code type}, in order. */
  public <T extends PrescalEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Every event with its time. */
  public List<Published> published() {
    return published;
  }

  @Override
  public void close() {
    proxy.close();
  }
}
