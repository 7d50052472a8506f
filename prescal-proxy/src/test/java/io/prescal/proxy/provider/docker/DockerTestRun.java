package io.prescal.proxy.provider.docker;

import com.github.dockerjava.api.model.Container;
import io.prescal.testing.TestImages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One test's containers: an owner label unique to the run, settings for the JRE image running the
 * JDK's simple web server, and clean-up of exactly those containers.
 */
final class DockerTestRun implements AutoCloseable {

  static final List<String> WEB_SERVER =
      List.of("java", "-m", "jdk.httpserver", "-b", "0.0.0.0", "-p", "8080");

  final String owner = "prescal-it-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  final DockerEngine engine = DockerEngine.connect(DockerEngineSettings.defaults());

  /** The web server on port 8080 of the JRE image, published on 127.0.0.1, for this run. */
  DockerSettings webServer() {
    return withCommand(WEB_SERVER);
  }

  DockerSettings withCommand(List<String> command) {
    return new DockerSettings(
        TestImages.jre(),
        8080,
        command,
        Map.of(),
        Map.of(),
        0,
        null,
        null,
        AddressMode.HOST,
        owner);
  }

  /** Every container of this run, running or not. */
  List<Container> containers() {
    return engine
        .client()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(ContainerLabels.OWNER, owner))
        .exec();
  }

  @Override
  public void close() {
    containers().forEach(c -> engine.removeQuietly(c.getId()));
    engine.close();
  }
}
