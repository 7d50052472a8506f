package io.prescal.traffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad URLs, flags and files: one clear line naming the value, and exit code 64. */
class UsageErrorsTest {

  @TempDir static Path dir;

  static Stream<Arguments> badUsage() throws Exception {
    Path badYaml = dir.resolve("bad.yaml");
    Files.writeString(badYaml, "stages:\n  - ramp: 0-100/s\n    duration: soon\n");
    Path notYaml = dir.resolve("not.yaml");
    Files.writeString(notYaml, "stages: [unclosed\n");
    String url = "http://127.0.0.1:9/";
    String https = "https://127.0.0.1:9/";
    Path notPem = dir.resolve("not.pem");
    Files.writeString(notPem, "hello\n");
    return Stream.of(
        Arguments.of(new String[] {"load", "ftp://127.0.0.1/"}, "scheme \"ftp\" not supported"),
        Arguments.of(new String[] {"load", "127.0.0.1:8000"}, "127.0.0.1:8000"),
        Arguments.of(new String[] {"load", "http://exa mple/"}, "is not a URL"),
        Arguments.of(new String[] {"load", "--bogus", url}, "--bogus"),
        Arguments.of(new String[] {"load", "-d", "5x", url}, "\"5x\" is not a duration"),
        Arguments.of(new String[] {"load", "--rate", "fast", url}, "\"fast\" is not a rate"),
        Arguments.of(new String[] {"load", "-c", "0", "-n", "1", url}, "--connections: 0"),
        Arguments.of(new String[] {"load", "--profile", "ramp 0-100/s", url}, "ramp 0-100/s"),
        Arguments.of(
            new String[] {"load", "--profile", "jump 5/s 1s", url}, "unknown stage \"jump\""),
        Arguments.of(
            new String[] {"load", "--profile-file", badYaml.toString(), url},
            "\"soon\" is not a duration"),
        Arguments.of(new String[] {"load", "--profile-file", notYaml.toString(), url}, "not YAML"),
        Arguments.of(
            new String[] {"load", "--profile-file", dir.resolve("none.yaml").toString(), url},
            "none.yaml"),
        Arguments.of(
            new String[] {"load", "--body-file", dir.resolve("missing.bin").toString(), url},
            "missing.bin"),
        Arguments.of(new String[] {"load", "-H", "NoColon", url}, "\"NoColon\" is not a header"),
        Arguments.of(new String[] {"load", "--slo", "p99 under 5ms", url}, "\"p99 under 5ms\""),
        Arguments.of(
            new String[] {"load", "--rate", "10", "--profile", "hold 5/s 1s", url}, "at most one"),
        Arguments.of(
            new String[] {"load", "--json", dir.resolve("no/such/dir/x.json").toString(), url},
            "no such directory"),
        Arguments.of(
            new String[] {"load", "--events", "http://127.0.0.1:6379", url}, "not a Redis URI"),
        Arguments.of(new String[] {"capacity", url}, "--slo"),
        Arguments.of(new String[] {"serve", "--latency", "slow"}, "\"slow\" is not a latency"),
        Arguments.of(new String[] {"serve", "--error-rate", "2"}, "--error-rate: 2.0"),
        Arguments.of(new String[] {"fly"}, "fly"),
        Arguments.of(new String[] {"load", "https:///x"}, "has no host"),
        Arguments.of(new String[] {"load", "--streams", "2", url}, "--streams: 2 needs --http2"),
        Arguments.of(new String[] {"load", "--http2", "--streams", "0", url}, "--streams: 0"),
        Arguments.of(
            new String[] {"load", "--http2", "--streams", "5000", url},
            "--streams: 5000 (expected: 1 to 1000)"),
        Arguments.of(new String[] {"load", "--http2", "--streams", "2.5", url}, "2.5"),
        Arguments.of(
            new String[] {"load", "--http2", "--streams", "4", "--no-keep-alive", url},
            "with --no-keep-alive"),
        Arguments.of(
            new String[] {"load", "--cacert", dir.resolve("none.pem").toString(), https},
            "none.pem: no such file"),
        Arguments.of(
            new String[] {"load", "--cacert", notPem.toString(), https},
            "not.pem: not a PEM certificate file"),
        Arguments.of(
            new String[] {"load", "-k", "--cacert", notPem.toString(), https},
            "--insecure and --cacert: give one of them"),
        Arguments.of(
            new String[] {"capacity", "--slo", "p99<1s", "--streams", "3", url},
            "--streams: 3 needs --http2"));
  }

  @ParameterizedTest
  @MethodSource("badUsage")
  void saysWhatIsWrongInOneLineAndExits64(String[] args, String named) {
    Cli.Run run = Cli.run(args);

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains(named);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void helpListsTheExitCodes() {
    Cli.Run run = Cli.run("load", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Exit codes:").contains("64").contains("--slo");
  }
}
