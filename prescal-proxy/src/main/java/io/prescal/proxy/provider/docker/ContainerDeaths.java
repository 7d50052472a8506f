package io.prescal.proxy.provider.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.ExitCodes;
import io.prescal.proxy.provider.ProvidedBackend;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The containers one provider answers for, and the ones that die without being asked to: from the
 * event stream ({@code oom} then {@code die}) as they happen, or found missing when the engine
 * answers again after an outage. Each death is reported once; the dead container is removed.
 */
final class ContainerDeaths {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerDeaths.class);

  private final DockerEngine engine;
  private final String service;
  private final DockerSettings settings;
  private final List<Consumer<BackendExit>> listeners = new CopyOnWriteArrayList<>();
  // Guarded by this: who is known, who is still starting, what died early, what was OOM-killed.
  private final Map<String, ProvidedBackend> known = new HashMap<>();
  private final Set<String> starting = new HashSet<>();
  private final Map<String, ContainerEvent> diedWhileStarting = new HashMap<>();
  private final Set<String> oomKilled = new HashSet<>();

  ContainerDeaths(DockerEngine engine, String service, DockerSettings settings) {
    this.engine = engine;
    this.service = service;
    this.settings = settings;
  }

  void onExit(Consumer<BackendExit> listener) {
    listeners.add(listener);
  }

  void clearListeners() {
    listeners.clear();
  }

  /** A container was created and is about to start: a death from now on is not lost. */
  synchronized void starting(String containerId) {
    starting.add(containerId);
  }

  /** The container runs and is known as {@code backend}; reports it if it died meanwhile. */
  void started(ProvidedBackend backend) {
    ContainerEvent early;
    synchronized (this) {
      known.put(backend.container(), backend);
      starting.remove(backend.container());
      early = diedWhileStarting.remove(backend.container());
    }
    if (early != null) {
      died(early);
    }
  }

  /** Adopted containers: known from now on. */
  synchronized void adopted(ProvidedBackend backend) {
    known.put(backend.container(), backend);
  }

  /** Forgets a container (starting failed, or it is being stopped on purpose). */
  synchronized ProvidedBackend forget(String containerId) {
    starting.remove(containerId);
    diedWhileStarting.remove(containerId);
    return known.remove(containerId);
  }

  /** Containers known to run (started or adopted, not yet dead or stopped). */
  synchronized int count() {
    return known.size();
  }

  synchronized List<ProvidedBackend> known() {
    return List.copyOf(known.values());
  }

  /** Called on the event stream's thread: keeps it short, reports on the engine's threads. */
  void onEvent(ContainerEvent event) {
    if (!ContainerLabels.belongsTo(event.attributes(), settings.owner(), service)) {
      return;
    }
    synchronized (this) {
      if ("oom".equals(event.action())) {
        oomKilled.add(event.containerId());
        return;
      }
      if (!"die".equals(event.action())) {
        return;
      }
      if (starting.contains(event.containerId())) {
        diedWhileStarting.put(event.containerId(), event);
        return;
      }
    }
    died(event);
  }

  private void died(ContainerEvent event) {
    ProvidedBackend backend;
    boolean oom;
    synchronized (this) {
      backend = known.remove(event.containerId());
      oom = oomKilled.remove(event.containerId());
    }
    if (backend != null) {
      engine.execute(() -> report(backend, event.exitCode(), oom));
    }
  }

  /** After an outage: every known container that no longer runs died meanwhile. */
  void reconcile(Set<String> running) {
    for (ProvidedBackend backend : known()) {
      if (!running.contains(backend.container()) && forget(backend.container()) != null) {
        report(backend, null, false);
      }
    }
  }

  /** Runs on the engine's threads: fills in what the event did not say, reports, cleans up. */
  private void report(ProvidedBackend backend, Integer exitCode, boolean oomSeen) {
    boolean oom = oomSeen;
    Integer code = exitCode;
    try {
      var state = engine.client().inspectContainerCmd(backend.container()).exec().getState();
      oom |= Boolean.TRUE.equals(state.getOOMKilled());
      code =
          code != null
              ? code
              : state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue();
    } catch (NotFoundException gone) {
      // removed by someone else: the event said what there is to say
    } catch (RuntimeException e) {
      LOG.debug("cannot inspect dead container {}: {}", backend.container(), e.toString());
    }
    String name = settings.owner() + "-" + backend.id();
    String reason =
        oom
            ? "container "
                + name
                + " was killed for running out of memory (limit "
                + (settings.memory() == null ? "none" : settings.memory())
                + "; OOM, exit code "
                + code
                + ")"
            : "container " + name + " " + ExitCodes.describe(code);
    var exit = new BackendExit(backend, code, oom, reason);
    LOG.warn("{}", reason);
    listeners.forEach(l -> l.accept(exit));
    engine.removeQuietly(backend.container());
  }
}
