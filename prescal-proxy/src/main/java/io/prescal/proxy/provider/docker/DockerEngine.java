package io.prescal.proxy.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
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
 * The proxy's one connection to its Docker engine, shared by every service's {@link
 * DockerProvider}: one {@link DockerClient} (httpclient5 transport, explicit timeouts), the threads
 * Docker calls run on (virtual threads, never an event loop), the container event stream, and
 * whether the engine answers. A reachable engine is pinged every {@code pingInterval}; an
 * unreachable one with a backoff up to {@code maxBackoff}. When it answers again the event stream
 * reopens where it left off and providers reconcile their backends.
 */
public final class DockerEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);
  private static final long FIRST_BACKOFF_MILLIS = 250;

  private final DockerEngineSettings settings;
  private final String host;
  private final DockerClient client;
  private final ExecutorService calls =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("prescal-docker-", 0).factory());
  private final ScheduledExecutorService watch =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("prescal-docker-watch").daemon().factory());
  private final ContainerEvents events;
  private final List<Runnable> regainedListeners = new CopyOnWriteArrayList<>();
  private volatile boolean available;
  private volatile String problem; // null before the first check
  private long backoffMillis = FIRST_BACKOFF_MILLIS;
  private ScheduledFuture<?> nextCheck;

  private DockerEngine(DockerEngineSettings settings) {
    this.settings = settings;
    var config = DefaultDockerClientConfig.createDefaultConfigBuilder();
    if (settings.host() != null) {
      config.withDockerHost(settings.host());
    }
    var built = config.build();
    this.host = built.getDockerHost().toString();
    var http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(built.getDockerHost())
            .sslConfig(built.getSSLConfig())
            .maxConnections(64)
            .connectionTimeout(settings.connectTimeout())
            .responseTimeout(settings.responseTimeout())
            .build();
    this.client = DockerClientImpl.getInstance(built, http);
    this.events = new ContainerEvents(client, this::checkSoon);
  }

  /**
   * Connects and pings once, logging the outcome in one sentence. Never fails for an unreachable
   * engine: {@link #available()} is then false and the engine is pinged until it answers.
   *
   * @throws IllegalArgumentException listing every problem when the settings are invalid
   */
  public static DockerEngine connect(DockerEngineSettings settings) {
    var engine = new DockerEngine(settings.validated());
    try {
      engine.watch.submit(engine::check).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.error("first Docker engine check failed", e.getCause());
    }
    return engine;
  }

  /** Whether the engine answered its last ping. */
  public boolean available() {
    return available;
  }

  /** Where the engine is, e.g. {@code unix:///var/run/docker.sock}. */
  public String host() {
    return host;
  }

  /** Why the engine is unreachable, in one sentence; null while it answers. */
  public String problem() {
    return available ? null : problem;
  }

  /** Runs a Docker call on the engine's threads; fails at once while the engine is away. */
  <T> CompletableFuture<T> call(Callable<T> work) {
    if (!available) {
      return CompletableFuture.failedFuture(new EngineUnavailableException(problem));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return work.call();
          } catch (Exception e) {
            if (connectionLost(e)) {
              checkSoon();
            }
            throw e instanceof RuntimeException r ? r : new CompletionException(e);
          }
        },
        calls);
  }

  /** Runs {@code task} on the engine's threads whether or not the engine answers. */
  void execute(Runnable task) {
    try {
      calls.execute(task);
    } catch (RejectedExecutionException closed) {
      LOG.debug("engine closed: a task was dropped");
    }
  }

  /** Removes a container, running or not; logs instead of failing. */
  void removeQuietly(String containerId) {
    try {
      client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException | ConflictException gone) {
      // already removed, or being removed
    } catch (RuntimeException e) {
      LOG.warn("could not remove container {}: {}", containerId, rootMessage(e));
    }
  }

  DockerClient client() {
    return client;
  }

  void subscribe(Consumer<ContainerEvent> listener) {
    events.subscribe(listener);
  }

  void unsubscribe(Consumer<ContainerEvent> listener) {
    events.unsubscribe(listener);
  }

  /** Calls {@code listener} (on the engine's threads) each time the engine answers again. */
  void onRegained(Runnable listener) {
    regainedListeners.add(listener);
  }

  void removeOnRegained(Runnable listener) {
    regainedListeners.remove(listener);
  }

  @Override
  public void close() {
    watch.shutdownNow();
    events.close();
    calls.shutdown();
    try {
      client.close();
    } catch (IOException e) {
      LOG.debug("closing the Docker client: {}", e.toString());
    }
  }

  /** Pings now instead of at the next scheduled check (a call failed, the stream broke). */
  private void checkSoon() {
    try {
      watch.execute(this::check);
    } catch (RejectedExecutionException closed) {
      // shutting down
    }
  }

  /** Runs on the watch thread only. */
  private void check() {
    if (nextCheck != null) {
      nextCheck.cancel(false);
    }
    long delayMillis;
    try {
      ping();
      if (!available) {
        available = true;
        LOG.info("Docker engine at {} answers", host);
        events.open();
        regainedListeners.forEach(calls::execute);
      } else if (!events.isOpen()) {
        events.open();
      }
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
      events.close();
      delayMillis = backoffMillis;
      backoffMillis = Math.min(backoffMillis * 2, settings.maxBackoff().toMillis());
    }
    nextCheck = watch.schedule(this::check, delayMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Pings on the call threads with a bound: a hung engine must not hang the watch (on a unix socket
   * the client's response timeout does not apply).
   */
  private void ping() {
    var ping = CompletableFuture.runAsync(() -> client.pingCmd().exec(), calls);
    long bound = settings.connectTimeout().toMillis() * 2;
    try {
      ping.get(bound, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      ping.cancel(true);
      throw new IllegalStateException("no answer to a ping within " + bound + " ms");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String unreachable(Throwable e) {
    return "Docker engine at "
        + host
        + " does not answer ("
        + rootMessage(e)
        + "): start Docker or point DOCKER_HOST at a running engine; Docker services do not scale"
        + " until it answers";
  }

  private static boolean connectionLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
      if (t instanceof DockerException) {
        return false; // the engine answered, with an error status
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
