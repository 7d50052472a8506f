package io.prescal.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Loading and validating configuration files. */
class ConfigLoaderTest {

  @Test
  void theExampleAndTheDefaultConfigAreValid() throws Exception {
    ProxyConfig example = ConfigLoader.load(Path.of("../examples/proxy.yml"));
    assertThat(example.services()).hasSize(3);
    ServiceConfig api = example.service("api");
    assertThat(api.balancer().type()).isEqualTo("hash");
    assertThat(api.balancer().hashOn().toString()).isEqualTo("header:X-User-Id");
    assertThat(example.service("web").healthCheck().rise()).isEqualTo(2);
    assertThat(ConfigLoader.load(Path.of("config.yml")).services()).hasSize(1);
  }

  @Test
  void aMinimalFileGetsTheDocumentedDefaults() throws Exception {
    ProxyConfig config =
        ConfigLoader.parse(
            "services:\n  - name: web\n    backends:\n      - address: 127.0.0.1:9001\n", "t");
    assertThat(config.listen().get(0).getPort()).isEqualTo(8000);
    assertThat(config.admin().address().getPort()).isEqualTo(9900);
    assertThat(config.admin().allowedHosts()).isEmpty();
    assertThat(config.admin().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.timeouts().connect()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.limits().maxHeaderBytes()).isEqualTo(16384);
    ServiceConfig web = config.service("web");
    assertThat(web.hosts()).containsExactly("*");
    assertThat(web.balancer().type()).isEqualTo("p2c");
    assertThat(web.healthCheck()).isNull();
    assertThat(web.retries().attempts()).isEqualTo(2);
    assertThat(config.version()).hasSize(12);
  }

  @Test
  void everyProblemIsListedAtOnceWithKeyValueAndExpectation() {
    String yaml =
        """
        listen: [nonsense]
        workers: -1
        timeouts:
          connect: 5 parsecs
        limits:
          maxBodyBytes: lots
        services:
          - name: Web!
            balancer: fastest
            backends:
              - address: 127.0.0.1
                weight: 0
            healthCheck:
              rise: 0
          - name: api
            retries:
              attempts: many
            colour: blue
        """;
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "bad.yml"));
    assertThat(e.problems())
        .contains(
            "listen: \"nonsense\" (expected: ip:port, e.g. 0.0.0.0:8000)",
            "workers: -1 (expected: a whole number from 0 to 256)",
            "timeouts.connect: \"5 parsecs\" (expected: a duration such as 500ms, 30s, 5m or 1h)",
            "services[0].name: \"Web!\" (expected: lower-case letters, digits, - or _, e.g. web)",
            "services[0].backends[0].address: \"127.0.0.1\" (expected: host:port, e.g."
                + " 127.0.0.1:9001)",
            "services[0].backends[0].weight: 0 (expected: a whole number from 1 to 1000)",
            "services[0].healthCheck.rise: 0 (expected: a whole number from 1 to 100)",
            "services[1].backends: none (expected: at least one backend, or a provider: section)",
            "services[1].retries.attempts: \"many\" (expected: a whole number from 0 to 10)");
    assertThat(e.problems())
        .contains(
            "services[0].balancer: \"fastest\" (expected: one of hash, least-request, p2c,"
                + " peak-ewma, round-robin)",
            "limits.maxBodyBytes: \"lots\" (expected: a size such as 10MB or 1GB, 0 for no limit)",
            "services: host \"*\" with pathPrefix \"/\" routed by two services (expected: each"
                + " host and prefix once)")
        .anyMatch(p -> p.startsWith("services[1].colour: unknown key (expected one of: name,"));
    assertThat(e.getMessage()).startsWith("bad.yml: 13 problem(s):");
  }

  @Test
  void theEdgeLimitsHaveDefaultsAndAreChecked() throws Exception {
    ProxyConfig defaults =
        ConfigLoader.parse("services: [{name: web, backends: [{address: 127.0.0.1:1}]}]", "t");
    assertThat(defaults.timeouts().requestHead()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.limits().maxConnections()).isEqualTo(10_000);
    assertThat(defaults.limits().maxConnectionsPerClient()).isZero();
    for (String[] bad :
        new String[][] {
          {"maxConnections: 0", "limits.maxConnections: 0 (expected: a whole number from 1 to"},
          {"maxConnections: -1", "limits.maxConnections: -1 (expected: a whole number from 1 to"},
          {"maxConnections: 2.5", "limits.maxConnections: 2.5 (expected: a whole number from 1"},
          {"maxConnections: lots", "limits.maxConnections: \"lots\" (expected: a whole number"},
          {"maxConnections: 10000000", "limits.maxConnections: 10000000 (expected: a whole"},
          {
            "maxConnections: 100000000000000000000000",
            "limits.maxConnections: 100000000000000000000000 (expected: a whole number"
          },
          {"maxConnectionsPerClient: 0", "limits.maxConnectionsPerClient: 0 (expected: a whole"},
          {
            "maxConnections: 10\n  maxConnectionsPerClient: 11",
            "limits.maxConnectionsPerClient: 11 (expected: at most limits.maxConnections=10, or"
                + " no maxConnectionsPerClient for no per-client limit)"
          },
        }) {
      ConfigException e =
          catchThrowableOfType(
              ConfigException.class,
              () ->
                  ConfigLoader.parse(
                      "limits:\n  "
                          + bad[0]
                          + "\nservices: [{name: web, backends: [{address: 127.0.0.1:1}]}]",
                      "t"));
      assertThat(e).as(bad[0]).isNotNull();
      assertThat(e.problems()).as(bad[0]).singleElement().asString().startsWith(bad[1]);
    }
    for (String head : new String[] {"0s", "-1s", "2.5s", "soon"}) {
      ConfigException e =
          catchThrowableOfType(
              ConfigException.class,
              () ->
                  ConfigLoader.parse(
                      "timeouts:\n  requestHead: "
                          + head
                          + "\nservices: [{name: web, backends: [{address: 127.0.0.1:1}]}]",
                      "t"));
      assertThat(e).as(head).isNotNull();
      assertThat(e.problems())
          .as(head)
          .singleElement()
          .asString()
          .startsWith("timeouts.requestHead: ");
    }
  }

  @Test
  void adminOffLoopbackNeedsAToken() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "admin:\n  address: 0.0.0.0:9900\nservices:\n  - name: w\n    backends:\n"
                        + "      - address: 127.0.0.1:1\n",
                    "t"));
    assertThat(e.problems())
        .containsExactly(
            "admin.address: \"0.0.0.0:9900\" is not a loopback address and no token is set"
                + " (expected: 127.0.0.1:port, or set admin.token / PRESCAL_ADMIN_TOKEN)");
  }

  @Test
  void anAdminTokenHasAtLeastSixteenPrintableCharactersAndIsNeverEchoed() throws Exception {
    String services = "services:\n  - name: w\n    backends:\n      - address: 127.0.0.1:1\n";
    assertThat(adminProblems("admin:\n  token: s3cret\n" + services, name -> null))
        .containsExactly(
            "admin.token: 6 characters (expected: at least 16, e.g. the output of openssl rand"
                + " -hex 16)");
    assertThat(
            adminProblems(
                services, name -> name.equals("PRESCAL_ADMIN_TOKEN") ? "fifteen-chars-x" : null))
        .containsExactly(
            "PRESCAL_ADMIN_TOKEN: 15 characters (expected: at least 16, e.g. the output of"
                + " openssl rand -hex 16)");
    assertThat(adminProblems("admin:\n  token: \"sixteen chars ok\"\n" + services, n -> null))
        .containsExactly(
            "admin.token: contains spaces or characters outside printable ASCII (expected:"
                + " letters, digits and punctuation only, e.g. the output of openssl rand -hex"
                + " 16)");
    assertThat(
            ConfigLoader.parse("admin:\n  token: sixteen-chars-ok\n" + services, "t", n -> null)
                .admin()
                .token())
        .isEqualTo("sixteen-chars-ok");
  }

  @Test
  void adminAllowedHostsAreNamesOrAddressesWithoutPort() throws Exception {
    String services = "services:\n  - name: w\n    backends:\n      - address: 127.0.0.1:1\n";
    assertThat(
            ConfigLoader.parse(
                    "admin:\n  allowedHosts: [Admin.Example.com, 192.0.2.7, \"::1\"]\n" + services,
                    "t",
                    n -> null)
                .admin()
                .allowedHosts())
        .containsExactly("admin.example.com", "192.0.2.7", "::1");
    assertThat(
            adminProblems(
                "admin:\n  allowedHosts: [\"admin.example.com:9900\", \"*.example.com\","
                    + " \"http://a\"]\n  idleTimeout: 0s\n"
                    + services,
                n -> null))
        .containsExactly(
            "admin.allowedHosts: \"admin.example.com:9900\" (expected: a host name or address"
                + " without port, e.g. admin.example.com)",
            "admin.allowedHosts: \"*.example.com\" (expected: a host name or address without"
                + " port, e.g. admin.example.com)",
            "admin.allowedHosts: \"http://a\" (expected: a host name or address without port,"
                + " e.g. admin.example.com)",
            "admin.idleTimeout: \"0s\" (expected: at least 1ms)");
  }

  private static List<String> adminProblems(String yaml, UnaryOperator<String> env) {
    return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "t", env))
        .problems();
  }

  @Test
  void duplicateServicesAndRoutesAreRefused() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    """
                    services:
                      - name: a
                        backends: [{address: 127.0.0.1:1}]
                      - name: a
                        backends: [{address: 127.0.0.1:2}]
                    """,
                    "t"));
    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems().get(0)).contains("name \"a\" used twice");
  }

  @Test
  void brokenYamlSaysWhere() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.parse("services: [\n  - {", "x.yml"));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0)).startsWith("not valid YAML: ");
  }
}
