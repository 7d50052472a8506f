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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's one connection to its Docker engine, shared by every service's {@link
 * DockerProvider}: one {@link DockerClient} (httpclient5 transport, explicit timeouts), the threads
 * Docker calls run on (virtual threads, never an event loop), the container event stream, and
 * whether the engine answers ({@link EngineWatch}). When it answers again after an outage the event
 * stream reopens where it left off and providers reconcile their backends.
 */
public final class DockerEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);

  private final DockerEngineSettings settings;
  private final String host;
  private final DockerClient client;
  private final ExecutorService calls =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("prescal-docker-", 0).factory());
  private final ContainerEvents events;
  private final EngineWatch watch;
  private final List<Runnable> regainedListeners = new CopyOnWriteArrayList<>();
  private final Map<Object, LongSupplier> reservations = new ConcurrentHashMap<>();
  private volatile long memTotal;

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
    this.events = new ContainerEvents(client, this::streamBroken);
    this.watch =
        new EngineWatch(
            host, settings, () -> client.pingCmd().exec(), calls, this::answers, events::close);
  }

  private void streamBroken() {
    watch.checkSoon();
  }

  /** On the watch thread after each good ping: the stream is open, providers know of a return. */
  private void answers(boolean again) {
    events.open();
    if (again || memTotal == 0) {
      readMemTotal();
    }
    if (again) {
      regainedListeners.forEach(calls::execute);
    }
  }

  /**
   * Connects and pings once, logging the outcome in one sentence. Never fails for an unreachable
   * engine: {@link #available()} is then false and the engine is pinged until it answers.
   *
   * @throws IllegalArgumentException listing every problem when the settings are invalid
   */
  public static DockerEngine connect(DockerEngineSettings settings) {
    var engine = new DockerEngine(settings.validated());
    engine.watch.checkAndWait();
    return engine;
  }

  /** Whether the engine answered its last ping. */
  public boolean available() {
    return watch.available();
  }

  /** Where the engine is, e.g. {@code unix:///var/run/docker.sock}. */
  public String host() {
    return host;
  }

  /** Why the engine is unreachable, in one sentence; null while it answers. */
  public String problem() {
    return watch.problem();
  }

  private void readMemTotal() {
    try {
      Long total = client.infoCmd().exec().getMemTotal();
      memTotal = total == null ? 0 : total;
    } catch (RuntimeException e) {
      LOG.warn("cannot read the Docker engine's memory (docker info): {}", rootMessage(e));
    }
  }

  /**
   * The engine's memory ({@code docker info}'s {@code MemTotal}), read when it first answers and
   * after each outage; 0 until known.
   */
  public long memTotal() {
    return memTotal;
  }

  /**
   * Counts {@code bytes} (read at each check) as memory Prescal's containers take on this engine,
   * until {@link #release}: every service's headroom check sees every service's containers.
   */
  void reserve(Object owner, LongSupplier bytes) {
    reservations.put(owner, bytes);
  }

  void release(Object owner) {
    reservations.remove(owner);
  }

  /** Memory the containers of every service on this engine take, by their expected size. */
  long reserved() {
    long sum = 0;
    for (LongSupplier bytes : reservations.values()) {
      sum += bytes.getAsLong();
    }
    return sum;
  }

  /** Runs a Docker call on the engine's threads; fails at once while the engine is away. */
  <T> CompletableFuture<T> call(Callable<T> work) {
    if (!watch.available()) {
      return CompletableFuture.failedFuture(new EngineUnavailableException(watch.problem()));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return work.call();
          } catch (Exception e) {
            if (connectionLost(e)) {
              watch.checkSoon();
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
    watch.close();
    events.close();
    calls.shutdown();
    try {
      client.close();
    } catch (IOException e) {
      LOG.debug("closing the Docker client: {}", e.toString());
    }
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
