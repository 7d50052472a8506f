package io.prescal.proxy.autoscale;

import io.prescal.proxy.config.ServiceConfig;
import io.prescal.proxy.config.ShutdownPolicy;
import io.prescal.proxy.provider.docker.DockerEngine;
import io.prescal.proxy.provider.docker.DockerEngineSettings;
import io.prescal.proxy.provider.docker.DockerProvider;
import io.prescal.proxy.provider.process.HostFigures;
import io.prescal.proxy.provider.process.HostHeadroom;
import io.prescal.proxy.provider.process.ProcessProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each autoscaled service's provider. Holds the proxy's one Docker engine connection, opened
 * when the first service asks for Docker (and never when none does).
 */
final class Providers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Providers.class);

  private final DockerEngineSettings engineSettings;
  private final HostFigures hostFigures;
  private DockerEngine engine;

  /**
   * @param hostFigures the host's memory and load, for the process provider's headroom check
   */
  Providers(DockerEngineSettings engineSettings, HostFigures hostFigures) {
    this.engineSettings = engineSettings;
    this.hostFigures = hostFigures;
  }

  synchronized ServiceProvider create(ServiceConfig service) {
    return switch (service.provider().type()) {
      case DOCKER -> {
        DockerEngine docker = engine(service.name());
        var provider = new DockerProvider(docker, service.name(), service.provider().docker());
        yield new ServiceProvider(
            provider,
            "docker",
            docker::problem,
            provider.headroom(service.autoscale().bounds().memoryPerBackend()));
      }
      case PROCESS -> {
        if (service.provider().shutdown() == ShutdownPolicy.LEAVE) {
          log.warn(
              "{}: provider.shutdown is leave: its processes outlive the proxy and a restarted"
                  + " proxy cannot adopt them; stop them by hand, or use shutdown: stop",
              service.name());
        }
        yield new ServiceProvider(
            new ProcessProvider(service.name(), service.provider().process()),
            "process",
            () -> null,
            new HostHeadroom(hostFigures));
      }
      case STATIC ->
          throw new IllegalArgumentException(
              "service " + service.name() + " has static backends: nothing to autoscale");
    };
  }

  private DockerEngine engine(String service) {
    if (engine == null) {
      engine = DockerEngine.connect(engineSettings);
    }
    if (!engine.available()) {
      log.error(
          "service {} uses the docker provider, but {}; the proxy serves the other services"
              + " meanwhile and checks the engine again until it answers",
          service,
          engine.problem());
    }
    return engine;
  }

  @Override
  public synchronized void close() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }
}
