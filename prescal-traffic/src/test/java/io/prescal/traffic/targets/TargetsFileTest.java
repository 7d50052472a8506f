package io.prescal.traffic.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.testing.Cli;
import io.prescal.traffic.testing.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --targets FILE}: the backend sees each request's method, headers and body; malformed files
 * are refused in one line naming the file and line.
 */
class TargetsFileTest {

  @TempDir static Path dir;

  @Test
  void theBackendSeesEachRequestsMethodHeadersAndBody() throws Exception {
    Files.createDirectories(dir.resolve("bodies"));
    Files.writeString(dir.resolve("bodies/order.json"), "{\"sku\":\"a-1\",\"qty\":2}");
    Path targets = dir.resolve("wire.txt");
    try (LoopbackServer server = LoopbackServer.start()) {
      String u = server.url();
      // HEAD among the others on one connection: its responses have no body, theirs do.
      Files.writeString(
          targets,
          String.join(
              "\n",
              "# the catalogue and an order",
              "GET " + u + "/a?x=1",
              "X-One: 1",
              "",
              "HEAD " + u + "/d",
              "",
              "POST " + u + "/orders",
              "Content-Type: application/json",
              "X-Over: file",
              "@bodies/order.json",
              "",
              "DELETE " + u + "/orders/7",
              "PUT " + u + "/c",
              "@bodies/order.json",
              ""));
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "-n",
              "15",
              "-c",
              "1",
              "--timeout",
              "3s",
              "-H",
              "X-Common: all",
              "-H",
              "X-Over: cli",
              "--targets",
              targets.toString());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(run.out()).contains("15 responses").contains("Errors: 0 ");
      assertThat(server.connections()).as("one keep-alive connection throughout").isEqualTo(1);
      List<String> seen = server.received();
      assertThat(count(seen, "HEAD /d\n")).isEqualTo(3);
      assertThat(count(seen, "GET /a?x=1\n")).isEqualTo(3);
      assertThat(count(seen, "POST /orders\n")).isEqualTo(3);
      assertThat(count(seen, "DELETE /orders/7\n")).isEqualTo(3);
      assertThat(count(seen, "PUT /c\n")).isEqualTo(3);
      String get = first(seen, "GET /a?x=1\n");
      assertThat(get).contains("X-One: 1").contains("X-Common: all").contains("X-Over: cli");
      String post = first(seen, "POST /orders\n");
      assertThat(post)
          .contains("Content-Type: application/json")
          .contains("X-Over: file")
          .doesNotContain("X-Over: cli")
          .contains("Content-Length: " + "{\"sku\":\"a-1\",\"qty\":2}".length())
          .endsWith("\n\n{\"sku\":\"a-1\",\"qty\":2}");
      assertThat(first(seen, "DELETE /orders/7\n")).contains("X-Common: all");
      assertThat(first(seen, "PUT /c\n")).endsWith("\n\n{\"sku\":\"a-1\",\"qty\":2}");
    }
  }

  private static long count(List<String> seen, String start) {
    return seen.stream().filter(r -> r.startsWith(start)).count();
  }

  private static String first(List<String> seen, String start) {
    return seen.stream().filter(r -> r.startsWith(start)).findFirst().orElseThrow();
  }

  @Test
  void manyTargetsShareTheirBytesAcrossConnectionsAndAllArrive() throws Exception {
    Path targets = dir.resolve("many.txt");
    try (LoopbackServer server = LoopbackServer.start()) {
      String u = server.url();
      Files.writeString(
          targets,
          IntStream.range(0, 40)
              .mapToObj(i -> "GET " + u + "/t" + i + "\nX-N: " + i + "\n")
              .collect(Collectors.joining("\n")));
      Cli.Run run = Cli.run("load", "-q", "-n", "80", "-c", "3", "--targets", targets.toString());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(run.out()).contains("80 responses").contains("Errors: 0 ");
      for (int t = 0; t < 40; t++) {
        int i = t;
        assertThat(server.received())
            .filteredOn(r -> r.startsWith("GET /t" + i + "\n"))
            .as("/t%d", i)
            .isNotEmpty()
            .allMatch(r -> r.contains("X-N: " + i + "\n"));
      }
    }
  }

  static Stream<Arguments> malformed() throws Exception {
    String u = "http://127.0.0.1:9";
    Files.writeString(dir.resolve("small.bin"), "0123456789");
    return Stream.of(
        bad("GET " + u + "/\n\nGET\n", "bad.txt:3: \"GET\" is not a request line"),
        bad("G3T " + u + "/\n", "bad.txt:1: \"G3T\" is not an HTTP method"),
        bad("GET ftp://x/\n", "bad.txt:1: \"ftp://x/\": scheme \"ftp\" not supported"),
        bad("POST " + u + "/\n@small.bin\nX-A: 1\n", "bad.txt:3: a header after the body line"),
        bad("POST " + u + "/\n@small.bin\n@small.bin\n", "bad.txt:3: a second @body line"),
        bad("POST " + u + "/\n\n\n@none.json\n", "bad.txt:4: \"@none.json\" is not a request"),
        bad("POST " + u + "/\n@none.json\n", "bad.txt:2: @none.json: cannot read"),
        bad("POST " + u + "/\n@\n", "bad.txt:2: \"@\" names no file"),
        bad("GET " + u + "/\nBad Name: v\n", "bad.txt:2: \"Bad Name: v\" is not a request line"),
        bad("GET " + u + "/\nX-Bell: \u0007\n", "bad.txt:2: \"X-Bell: \u0007\" is not a header"),
        bad("# only a comment\n\n", "bad.txt: no request in it"),
        bad(
            "GET " + u + "/a\n\nGET " + u + "/b\n\nGET " + u + "/c\n",
            "bad.txt:5: more than --max-targets 2 requests",
            "--max-targets",
            "2"),
        bad(
            "POST " + u + "/\n@small.bin\n",
            "takes the file and its bodies over --max-target-bytes 40",
            "--max-target-bytes",
            "40"),
        bad("GET " + u + "/\n", "over --max-target-bytes 10", "--max-target-bytes", "10"),
        bad("GET " + u + "/\n", "--targets and URL " + u + "/", u + "/"),
        bad("GET " + u + "/\n", "drop --method", "-m", "POST"),
        bad("GET " + u + "/\n", "drop --body", "--body", "x"),
        bad("GET " + u + "/\n", "--header: \"Bad Name: x\" is not a header", "-H", "Bad Name: x"),
        bad("GET " + u + "/\n", "--max-targets: 0", "--max-targets", "0"),
        Arguments.of(new String[] {"load"}, "no URL (expected:"),
        Arguments.of(
            new String[] {"load", "--targets", dir.resolve("absent.txt").toString()},
            "absent.txt: cannot be read"));
  }

  private static int files;

  /** A case whose targets file holds {@code text}; "bad.txt" in {@code named} is its path. */
  private static Arguments bad(String text, String named, String... more) throws Exception {
    Path path = dir.resolve("bad-" + ++files + ".txt");
    Files.writeString(path, text);
    String[] args =
        Stream.concat(Stream.of("load", "-q", "--targets", path.toString()), Stream.of(more))
            .toArray(String[]::new);
    return Arguments.of(args, named.replace("bad.txt", path.toString()));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void aMalformedFileIsRefusedInOneLineNamingFileAndLine(String[] args, String named) {
    Cli.Run run = Cli.run(args);

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains(named);
    assertThat(run.out()).isEmpty();
  }
}
