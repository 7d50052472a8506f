package io.prescal.proxy.provider.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import io.prescal.common.event.BackendKind;
import io.prescal.proxy.provider.ProvidedBackend;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and starts one container of a service, and finds where the proxy reaches it. A container
 * that cannot start, or has no address once started, is removed: nothing is left behind.
 */
final class ContainerLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerLauncher.class);

  private final DockerEngine engine;
  private final String service;
  private final DockerSettings settings;
  private final ContainerDeaths deaths;

  ContainerLauncher(
      DockerEngine engine, String service, DockerSettings settings, ContainerDeaths deaths) {
    this.engine = engine;
    this.service = service;
    this.settings = settings;
    this.deaths = deaths;
  }

  /**
   * Runs on the engine's threads.
   *
   * @param warm whether the container is for the warm pool (labelled so)
   */
  ProvidedBackend launch(boolean warm) {
    requireImage();
    String id =
        service.replaceAll("[^a-zA-Z0-9_.-]", "-")
            + "-"
            + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    String containerId =
        ContainerSpec.create(engine.client(), settings, service, id, warm).exec().getId();
    Instant startedAt = Instant.now();
    deaths.starting(containerId);
    try {
      engine.client().startContainerCmd(containerId).exec();
      var inspected = engine.client().inspectContainerCmd(containerId).exec();
      var address =
          ContainerAddress.of(inspected, settings)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "container "
                              + settings.owner()
                              + "-"
                              + id
                              + " of "
                              + service
                              + " started but has no address ("
                              + inspected.getState().getStatus()
                              + ", exit code "
                              + inspected.getState().getExitCodeLong()
                              + "); run the image by hand to see why it stops"));
      var backend =
          new ProvidedBackend(
              id, service, address, BackendKind.DOCKER, containerId, settings.image(), startedAt);
      deaths.started(backend);
      LOG.info(
          "started {}container {}-{} of {} at {}",
          warm ? "warm " : "",
          settings.owner(),
          id,
          service,
          backend.addressText());
      return backend;
    } catch (RuntimeException e) {
      deaths.forget(containerId);
      engine.removeQuietly(containerId);
      throw e;
    }
  }

  private void requireImage() {
    try {
      engine.client().inspectImageCmd(settings.image()).exec();
    } catch (NotFoundException e) {
      throw new IllegalStateException(
          "image "
              + settings.image()
              + " is not on the Docker engine at "
              + engine.host()
              + ": build it or docker pull it first (Prescal does not pull images)");
    }
  }
}
