package io.prescal.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: help, config checks and their exit codes. */
class ProxyCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new ProxyCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  @Test
  void helpTeachesQuickModeAndFiles() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("--config", "--check-config", "--listen", "--backend", "--balancer")
        .contains("prescal-proxy --listen 127.0.0.1:8000")
        .contains("Exit codes");
  }

  @Test
  void checkConfigAcceptsTheExample() {
    assertThat(run("--check-config", "../examples/proxy.yml")).isZero();
    assertThat(out.toString()).contains("valid (3 service(s)");
  }

  @Test
  void checkConfigListsEveryProblemAndExitsWith2(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, "workers: lots\nservices:\n  - name: X\n");
    assertThat(run("--check-config", bad.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("3 problem(s)")
        .contains("workers: \"lots\"")
        .contains("services[0].name: \"X\"")
        .contains("services[0].backends: none");
  }

  @Test
  void quickModeValidatesItsFlags() {
    assertThat(run("--backend", "nohost", "--admin", "off")).isEqualTo(2);
    assertThat(err.toString()).contains("services[0].backends[0].address: \"nohost\"");
  }

  @Test
  void quickModeTlsFlagsGoTogetherWithABackend() {
    assertThat(run("--backend", "127.0.0.1:9001", "--tls-cert", "chain.pem")).isEqualTo(2);
    assertThat(err.toString()).contains("--tls-cert and --tls-key go together");
    assertThat(run("--tls-cert", "chain.pem", "--tls-key", "key.pem")).isEqualTo(2);
    assertThat(err.toString()).contains("add --backend HOST:PORT");
  }

  @Test
  void quickModeTlsMakesTheListenAddressHttps(@TempDir Path dir) throws Exception {
    var certificate = io.prescal.proxy.testing.TestCertificate.create(dir, "localhost");
    var config =
        io.prescal.proxy.config.ConfigLoader.parse(
            QuickConfig.yaml(
                java.util.List.of("127.0.0.1:8443"),
                java.util.List.of("127.0.0.1:9001"),
                "p2c",
                "off",
                false,
                certificate.cert().toString(),
                certificate.key().toString()),
            "quick mode");
    var listener = config.listeners().getFirst();
    assertThat(listener.secure()).isTrue();
    assertThat(listener.tls().certificates().getFirst().cert()).isEqualTo(certificate.cert());
    assertThat(
            run(
                "--backend",
                "127.0.0.1:9001",
                "--tls-cert",
                "/nonexistent.pem",
                "--tls-key",
                certificate.key().toString(),
                "--admin",
                "off"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("listen[0].tls.certificates[0]: /nonexistent.pem: cannot read");
  }

  @Test
  void aMissingDefaultFileSaysWhatToDo() {
    assertThat(run("--config", "/nonexistent/prescal.yml")).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist").contains("--backend HOST:PORT");
  }
}
