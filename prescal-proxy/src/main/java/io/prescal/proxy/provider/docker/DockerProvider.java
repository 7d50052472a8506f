package io.prescal.proxy.provider.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import io.prescal.common.event.BackendKind;
import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.BackendProvider;
import io.prescal.proxy.provider.Headroom;
import io.prescal.proxy.provider.ProvidedBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service's backends as Docker containers. Every container carries {@code
 * io.prescal.managed=true}, {@code io.prescal.service=<service>}, {@code io.prescal.owner=<owner>}
 * and {@code io.prescal.backend=<id>}; {@link #adopt()} finds them again after a proxy restart, and
 * {@link #adoptFrozen()} the paused ones (the warm pool: started with {@code io.prescal.warm=true},
 * frozen with {@code docker pause}). Deaths come from the engine's event stream, at once. Calls run
 * on the {@link DockerEngine}'s threads and fail at once while the engine is away.
 */
public final class DockerProvider implements BackendProvider {

  private static final Logger LOG = LoggerFactory.getLogger(DockerProvider.class);

  private final DockerEngine engine;
  private final String service;
  private final DockerSettings settings;
  private final ContainerDeaths deaths;
  private final ContainerLauncher launcher;
  private final Consumer<ContainerEvent> events;
  private final Runnable regained = this::reconcile;
  private EngineHeadroom headroom;

  /**
   * A provider for {@code service} on a shared engine.
   *
   * @throws IllegalArgumentException listing every problem when the settings are invalid
   */
  public DockerProvider(DockerEngine engine, String service, DockerSettings settings) {
    this.engine = engine;
    this.service = service;
    this.settings = settings.validated();
    this.deaths = new ContainerDeaths(engine, service, settings);
    this.launcher = new ContainerLauncher(engine, service, settings, deaths);
    this.events = deaths::onEvent;
    engine.subscribe(events);
    engine.onRegained(regained);
  }

  /**
   * Adopts this service's running containers (not the paused ones: {@link #adoptFrozen()}) and
   * removes its dead leftovers.
   */
  @Override
  public CompletableFuture<List<ProvidedBackend>> adopt() {
    return engine.call(
        () -> {
          var labels = ContainerLabels.of(settings.owner(), service);
          engine
              .client()
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(labels)
              .withStatusFilter(List.of("created", "exited", "dead"))
              .exec()
              .forEach(leftover -> engine.removeQuietly(leftover.getId()));
          List<ProvidedBackend> adopted = adoptWith("running");
          LOG.info("adopted {} container(s) of {}", adopted.size(), service);
          return adopted;
        });
  }

  /** Adopts this service's paused containers: a previous proxy's warm pool. */
  @Override
  public CompletableFuture<List<ProvidedBackend>> adoptFrozen() {
    return engine.call(
        () -> {
          List<ProvidedBackend> adopted = adoptWith("paused");
          if (!adopted.isEmpty()) {
            LOG.info("adopted {} paused container(s) of {} as warm", adopted.size(), service);
          }
          return adopted;
        });
  }

  /**
   * This service's containers in {@code status}, known from now on; runs on the engine's threads.
   */
  private List<ProvidedBackend> adoptWith(String status) {
    var labels = ContainerLabels.of(settings.owner(), service);
    List<ProvidedBackend> adopted = new ArrayList<>();
    for (Container c :
        engine
            .client()
            .listContainersCmd()
            .withLabelFilter(labels)
            .withStatusFilter(List.of(status))
            .exec()) {
      var address = ContainerAddress.of(c, settings);
      if (address.isEmpty()) {
        LOG.warn(
            "container {} of {} has no address in {} mode for port {}: left alone",
            c.getId(),
            service,
            settings.addressMode(),
            settings.containerPort());
        continue;
      }
      String id = c.getLabels().getOrDefault(ContainerLabels.BACKEND, c.getId());
      var backend =
          new ProvidedBackend(
              id,
              service,
              address.get(),
              BackendKind.DOCKER,
              c.getId(),
              c.getImage(),
              Instant.now());
      deaths.adopted(backend);
      adopted.add(backend);
    }
    return adopted;
  }

  @Override
  public CompletableFuture<ProvidedBackend> start() {
    return engine.call(() -> launcher.launch(false));
  }

  /** Starts a container labelled {@code io.prescal.warm=true}. */
  @Override
  public CompletableFuture<ProvidedBackend> startWarm() {
    return engine.call(() -> launcher.launch(true));
  }

  /** {@code docker pause}: the container's processes are frozen (cgroup freezer). */
  @Override
  public CompletableFuture<Void> freeze(ProvidedBackend backend) {
    return engine.call(
        () -> {
          try {
            engine.client().pauseContainerCmd(backend.container()).exec();
          } catch (ConflictException | InternalServerErrorException e) {
            if (!paused(backend)) {
              throw e;
            }
            // paused already: nothing to do
          }
          return (Void) null;
        });
  }

  /** {@code docker unpause}. */
  @Override
  public CompletableFuture<Void> thaw(ProvidedBackend backend) {
    return engine.call(
        () -> {
          try {
            engine.client().unpauseContainerCmd(backend.container()).exec();
          } catch (ConflictException | InternalServerErrorException e) {
            if (paused(backend)) {
              throw e;
            }
            // running already: nothing to do
          }
          return (Void) null;
        });
  }

  private boolean paused(ProvidedBackend backend) {
    var state = engine.client().inspectContainerCmd(backend.container()).exec().getState();
    return Boolean.TRUE.equals(state.getPaused());
  }

  @Override
  public CompletableFuture<Void> stop(ProvidedBackend backend, Duration grace) {
    ProvidedBackend known = deaths.forget(backend.container());
    int seconds = (int) Math.max(0, (grace.toMillis() + 999) / 1000);
    return engine
        .call(
            () -> {
              try {
                engine.client().stopContainerCmd(backend.container()).withTimeout(seconds).exec();
              } catch (NotModifiedException | NotFoundException alreadyStopped) {
                // stopped or removed already: removing is all that is left
              }
              engine.removeQuietly(backend.container());
              return (Void) null;
            })
        .whenComplete(
            (done, error) -> {
              if (error != null && known != null) {
                deaths.adopted(known); // still running: keep answering for it
              }
            });
  }

  @Override
  public void onExit(Consumer<BackendExit> listener) {
    deaths.onExit(listener);
  }

  @Override
  public boolean available() {
    return engine.available();
  }

  @Override
  public boolean scalable() {
    return true;
  }

  /**
   * The headroom check of this service's starts against the engine's memory; its running containers
   * count, at {@code memoryPerBackend} each, in every service's check until {@link #close}.
   */
  public synchronized Headroom headroom(long memoryPerBackend) {
    if (headroom == null) {
      headroom =
          new EngineHeadroom(
              engine.host(), engine::memTotal, engine::reserved, deaths::count, memoryPerBackend);
      engine.reserve(this, headroom::reservedHere);
    }
    return headroom;
  }

  /** Stops listening to the engine; containers keep running (adopt them next time). */
  @Override
  public void close() {
    engine.release(this);
    engine.unsubscribe(events);
    engine.removeOnRegained(regained);
    deaths.clearListeners();
  }

  /** The engine answers again: whatever stopped meanwhile died. */
  private void reconcile() {
    try {
      Set<String> running =
          engine
              .client()
              .listContainersCmd()
              .withLabelFilter(ContainerLabels.of(settings.owner(), service))
              .exec()
              .stream()
              .map(Container::getId)
              .collect(Collectors.toSet());
      deaths.reconcile(running);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not check the containers of {} after the engine came back: {}",
          service,
          DockerEngine.rootMessage(e));
    }
  }
}
