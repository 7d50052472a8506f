package io.prescal.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.prescal.proxy.provider.docker.AddressMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sections of autoscaled services, events and the Docker engine, as the loader binds them. */
class ScalingConfigTest {

  private static final String SECRET = "a-command-secret-of-32-characters";

  @Test
  void aDockerServiceGetsEveryKeyItSetsAndTheDocumentedDefaults() throws Exception {
    ProxyConfig config =
        ConfigLoader.parse(
            """
            docker:
              host: tcp://127.0.0.1:2375
              pingInterval: 1s
            services:
              - name: app
                provider:
                  type: docker
                  image: demo:1
                  containerPort: 9000
                  command: [--latency, 10ms]
                  environment: {MODE: fast}
                  labels: {team: web}
                  cpus: 0.5
                  memory: 256m
                  owner: prescal-local
                  stopGrace: 3s
                readiness: {path: /ready, interval: 100ms}
                autoscale: {min: 0, max: 5, scaleToZero: true, tick: 1s, stableWindow: 20s}
                holdQueue: {size: 50, waitLimit: 5s, pageAfter: 2s}
            """,
            "t");
    ServiceConfig app = config.service("app");
    assertThat(app.scalable()).isTrue();
    assertThat(app.backends()).isEmpty();
    ProviderConfig provider = app.provider();
    assertThat(provider.type()).isEqualTo(ProviderType.DOCKER);
    assertThat(provider.shutdown()).isEqualTo(ShutdownPolicy.LEAVE); // a restart adopts them
    assertThat(provider.stopGrace()).isEqualTo(Duration.ofSeconds(3));
    var docker = provider.docker();
    assertThat(docker.image()).isEqualTo("demo:1");
    assertThat(docker.containerPort()).isEqualTo(9000);
    assertThat(docker.command()).containsExactly("--latency", "10ms");
    assertThat(docker.environment()).isEqualTo(Map.of("MODE", "fast"));
    assertThat(docker.labels()).isEqualTo(Map.of("team", "web"));
    assertThat(docker.cpus()).isEqualTo(0.5);
    assertThat(docker.memoryBytes()).isEqualTo(256L << 20);
    assertThat(docker.addressMode()).isEqualTo(AddressMode.HOST);
    assertThat(docker.owner()).isEqualTo("prescal-local");
    assertThat(app.readiness().path()).isEqualTo("/ready");
    assertThat(app.readiness().interval()).isEqualTo(Duration.ofMillis(100));
    assertThat(app.readiness().deadline()).isEqualTo(Duration.ofSeconds(60));
    assertThat(app.autoscale().min()).isZero();
    assertThat(app.autoscale().max()).isEqualTo(5);
    assertThat(app.autoscale().scaleToZero()).isTrue();
    assertThat(app.autoscale().stableWindow()).isEqualTo(Duration.ofSeconds(20));
    assertThat(app.autoscale().panicWindow()).isEqualTo(Duration.ofSeconds(6));
    assertThat(app.holdQueue())
        .isEqualTo(new HoldQueueConfig(50, Duration.ofSeconds(5), Duration.ofSeconds(2)));
    assertThat(config.docker().host()).isEqualTo("tcp://127.0.0.1:2375");
    assertThat(config.docker().pingInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.events()).isNull();
  }

  @Test
  void processBackendsAreStoppedWithTheProxyByDefaultAndStopOnExitSaysTheSame() throws Exception {
    ProxyConfig config =
        ConfigLoader.parse(
            """
            services:
              - name: a
                provider: {type: process, command: [serve, --port, "{port}"]}
              - name: b
                pathPrefix: /b
                provider: {type: process, command: [serve, "{port}"], stopOnExit: false, maxOutputLine: 64KB}
              - name: c
                pathPrefix: /c
                backends: [{address: 127.0.0.1:1}]
            """,
            "t");
    assertThat(config.service("a").provider().shutdown()).isEqualTo(ShutdownPolicy.STOP);
    assertThat(config.service("a").autoscale().max()).isEqualTo(10);
    assertThat(config.service("a").holdQueue()).isEqualTo(HoldQueueConfig.DEFAULTS);
    assertThat(config.service("b").provider().shutdown()).isEqualTo(ShutdownPolicy.LEAVE);
    assertThat(config.service("a").provider().process().maxOutputLineBytes()).isEqualTo(8192);
    assertThat(config.service("b").provider().process().maxOutputLineBytes()).isEqualTo(65536);
    // The proxy stops them in order itself; the provider's racing shutdown hook stays off.
    assertThat(config.service("a").provider().process().stopOnExit()).isFalse();
    assertThat(config.service("c").provider()).isEqualTo(ProviderConfig.STATIC);
    assertThat(config.service("c").autoscale()).isNull();
  }

  @Test
  void eventsComeFromTheFileAndTheEnvironmentFillsInWhatItLeavesOut() throws Exception {
    String services = "services:\n  - name: w\n    backends: [{address: 127.0.0.1:1}]\n";
    Map<String, String> env =
        Map.of(
            "PRESCAL_REDIS_URL", "redis://10.0.0.1:6379",
            "PRESCAL_COMMAND_SECRET", SECRET,
            "PRESCAL_INSTANCE_ID", "proxy-env");

    ProxyConfig fromEnv = ConfigLoader.parse(services, "t", env::get);
    assertThat(fromEnv.events().uri()).isEqualTo("redis://10.0.0.1:6379");
    assertThat(fromEnv.events().commandSecret()).isEqualTo(SECRET);
    assertThat(fromEnv.events().instanceId()).isEqualTo("proxy-env");

    ProxyConfig fromFile =
        ConfigLoader.parse(
            "events:\n  redis: redis://127.0.0.1:7000\n  instanceId: proxy-1\n" + services,
            "t",
            env::get);
    assertThat(fromFile.events().uri()).isEqualTo("redis://127.0.0.1:7000");
    assertThat(fromFile.events().instanceId()).isEqualTo("proxy-1");
    assertThat(fromFile.events().commandSecret()).isEqualTo(SECRET);

    assertThat(ConfigLoader.parse(services, "t", name -> null).events()).isNull();
  }

  @Test
  void theRedisPasswordAndCaFilesComeFromTheFileOrTheEnvironment(@TempDir Path dir)
      throws Exception {
    String services = "services:\n  - name: w\n    backends: [{address: 127.0.0.1:1}]\n";
    Path password = Files.writeString(dir.resolve("proxy.password"), "pw\n");
    Map<String, String> env =
        Map.of(
            "PRESCAL_REDIS_URL",
            "redis://proxy@10.0.0.1:6379",
            "PRESCAL_REDIS_PASSWORD_FILE",
            password.toString());

    assertThat(ConfigLoader.parse(services, "t", env::get).events().passwordFile())
        .isEqualTo(password.toString());

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "events:\n  redis: redis://proxy:inline@h:1\n  caFile: /no/ca.pem\n" + services,
                    "t",
                    env::get));
    assertThat(e.problems())
        .anyMatch(p -> p.startsWith("events: redis password: given in the URL and in the file"))
        .anyMatch(
            p -> p.startsWith("events: redis CA file /no/ca.pem: given for a URL without TLS"))
        .noneMatch(p -> p.contains("inline"));
  }

  @Test
  void everyProblemOfTheNewSectionsIsListedAtOnce() {
    String yaml =
        """
        events:
          commandSecret: short
        docker:
          host: ftp://engine
        services:
          - name: app
            backends: [{address: 127.0.0.1:1}]
            provider: {type: docker, containerPort: 0, memory: 1k, addressMode: bridge, shutdown: later}
            readiness: {path: ready, deadline: 1ms}
            autoscale: {min: 0, max: 0, panicThreshold: 1, tick: fast}
            holdQueue: {size: -1}
          - name: web
            pathPrefix: /web
            provider: {type: process, command: [serve], colour: red, maxOutputLine: 2GB}
          - name: plain
            pathPrefix: /plain
            backends: [{address: 127.0.0.1:2}]
            autoscale: {max: 3}
          - name: odd
            pathPrefix: /odd
            provider: {type: kubernetes}
        """;
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.parse(yaml, "bad.yml", name -> null));
    assertThat(e.problems())
        .contains(
            "events.redis: missing (expected: a URI such as redis://127.0.0.1:6379, or"
                + " PRESCAL_REDIS_URL)",
            "docker.host: \"ftp://engine\" (expected: unix:///path, tcp://host:port or"
                + " npipe://path, or none for DOCKER_HOST)",
            "services[0].backends: 1 listed (expected: none, since the docker provider starts this"
                + " service's backends)",
            "services[0].provider.addressMode: \"bridge\" (expected: one of host, network)",
            "services[0].provider.shutdown: \"later\" (expected: one of leave, stop)",
            "services[0].provider.image: null (expected: an image on the engine)",
            "services[0].provider.containerPort: 0 (expected: 1-65535)",
            "services[0].provider.memory: \"1k\" (expected: a size of at least 6m, such as 256m or"
                + " 1g, or none)",
            "services[0].readiness.path: \"ready\" (expected: a path starting with /)",
            "services[0].readiness.deadline: 1ms (expected: a duration >= timeout, e.g. 60s)",
            "services[0].autoscale.min: 0 (expected: >= 1, or scaleToZero: true)",
            "services[0].autoscale.max: 0 (expected: >= 1 and >= min=0)",
            "services[0].autoscale.panicThreshold: 1.0 (expected: > 1, e.g. 2.0)",
            "services[0].autoscale.tick: \"fast\" (expected: a duration such as 500ms, 30s, 5m or"
                + " 1h)",
            "services[0].holdQueue.size: -1 (expected: a whole number from 0 to 1000000)",
            "services[1].provider.command: [serve] (expected: {port} in an argument or an"
                + " environment value, so the backend listens where the proxy connects)",
            "services[1].provider.maxOutputLine: \"2GB\" (expected: a size from 256 to 1048576"
                + " bytes, such as 16KB)",
            "services[2].autoscale: set for a static service (expected: only with provider type"
                + " docker or process)",
            "services[3].provider.type: \"kubernetes\" (expected: one of docker, process, static)")
        .anyMatch(p -> p.startsWith("services[1].provider.colour: unknown key (expected one of:"));
  }

  @Test
  void pageAfterIsADurationOrZeroForNoPage() throws Exception {
    String yaml =
        """
        services:
          - name: web
            provider: {type: process, command: [serve, "{port}"]}
            holdQueue: {waitLimit: 10s, pageAfter: %s}
        """;
    assertThat(holdQueue(yaml.formatted("250ms")).pageAfter()).isEqualTo(Duration.ofMillis(250));
    assertThat(holdQueue(yaml.formatted("0")).pages()).isFalse();
    assertThat(holdQueue(yaml.formatted("0s")).pages()).isFalse();
    assertThat(HoldQueueConfig.DEFAULTS.pageAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(pageAfterProblem(yaml.formatted("-1")))
        .isEqualTo(
            "services[0].holdQueue.pageAfter: -1 (expected: a duration such as 500ms, 30s, 5m or"
                + " 1h)");
    assertThat(pageAfterProblem(yaml.formatted("2.5")))
        .isEqualTo(
            "services[0].holdQueue.pageAfter: 2.5 (expected: a duration such as 500ms, 30s, 5m or"
                + " 1h)");
    assertThat(pageAfterProblem(yaml.formatted("abc")))
        .isEqualTo(
            "services[0].holdQueue.pageAfter: \"abc\" (expected: a duration such as 500ms, 30s, 5m"
                + " or 1h)");
  }

  private static HoldQueueConfig holdQueue(String yaml) throws Exception {
    return ConfigLoader.parse(yaml, "t.yml", name -> null).service("web").holdQueue();
  }

  private static String pageAfterProblem(String yaml) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.parse(yaml, "t.yml", name -> null));
    assertThat(e).isNotNull();
    return e.problems().stream().filter(p -> p.contains("pageAfter")).findFirst().orElseThrow();
  }

  /**
   * The files ./prescal up fills in (scripts/local-run.sh), as it fills them: with each provider,
   * with and without the Redis users' password file.
   */
  @Test
  void theConfigurationOfThePrescalUpLocalRunIsValid(@TempDir Path dir) throws Exception {
    String password = Files.writeString(dir.resolve("proxy.redis-password"), "pw\n").toString();
    for (String provider : List.of("docker", "process")) {
      for (String passwordFile : List.of(password, "")) {
        String providerYaml =
            localRunTemplate(
                "provider-" + provider + ".yml.in",
                Map.of(
                    "DEMO_IMAGE", "prescal/demo-backend:local",
                    "JAVA", "/opt/java/bin/java",
                    "AOT_OPTION", "\"-XX:AOTCache=/x/prescal-traffic.aot\", ",
                    "TRAFFIC_JAR", "/x/prescal-traffic/target/prescal-traffic.jar"));
        String yaml =
            localRunTemplate(
                "proxy.yml.in",
                Map.of(
                    "PROXY_PORT",
                    "8000",
                    "ADMIN_PORT",
                    "9900",
                    "REDIS_URL",
                    "redis://proxy@127.0.0.1:6379",
                    "COMMAND_SECRET",
                    SECRET,
                    "REDIS_PASSWORD_FILE",
                    passwordFile,
                    "PROVIDER",
                    providerYaml));
        ProxyConfig config = ConfigLoader.parse(yaml, "local-run", name -> null);
        ServiceConfig demo = config.service("demo");
        assertThat(demo.provider().type())
            .isEqualTo(ProviderType.valueOf(provider.toUpperCase(Locale.ROOT)));
        assertThat(demo.provider().shutdown()).isEqualTo(ShutdownPolicy.STOP);
        assertThat(demo.autoscale().min()).isEqualTo(1);
        assertThat(demo.autoscale().max()).isEqualTo(6);
        assertThat(demo.autoscale().targetInFlight()).isEqualTo(4);
        assertThat(config.events().commandSecret()).isEqualTo(SECRET);
        assertThat(config.events().passwordFile())
            .isEqualTo(passwordFile.isEmpty() ? null : passwordFile);
      }
    }
  }

  /**
   * A file of deploy/local-run with its {@code ##} lines dropped and each {@code @NAME@} replaced,
   * as scripts/local-run.sh does; a name left over fails the test, as it stops the script.
   */
  private static String localRunTemplate(String name, Map<String, String> values) throws Exception {
    String text =
        Files.readAllLines(Path.of("../deploy/local-run", name)).stream()
            .filter(line -> !line.startsWith("##"))
            .collect(Collectors.joining("\n"));
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("@" + value.getKey() + "@", value.getValue());
    }
    assertThat(text).as("%s, filled in", name).doesNotContainPattern("@[A-Z_]+@");
    return text;
  }

  @Test
  void theExampleDocumentsAnAutoscaledService() throws Exception {
    ProxyConfig example = ConfigLoader.load(Path.of("../examples/proxy.yml"));
    assertThat(example.services()).anyMatch(ServiceConfig::scalable);
  }
}
