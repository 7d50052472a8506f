package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.testing.H2Wire;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RecordingBackend;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.StrictFramer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every header rule of {@link io.prescal.proxy.http.HeaderRules} through every path that applies
 * it, over real sockets: the request a backend receives, the response a client receives when the
 * proxy decodes it (Netty's decoder), and when it copies it (the fast path), each also on an HTTP/2
 * stream (h2c). Each row gives header lines sent in both directions and the lines of those names
 * that must come out, byte for byte (over HTTP/2, names in lower case: HTTP/2 has no other).
 */
class HeaderRulesPathsTest {
  private static RecordingBackend backend;
  private static RunningProxy proxy;
  private static volatile String responseLines;
  private static volatile boolean responseChunked;
  private static volatile boolean decodedPath;

  @BeforeAll
  static void start() throws Exception {
    backend =
        RecordingBackend.answering(
            r ->
                (decodedPath ? "HTTP/1.1 100 Continue\r\n\r\n" : "")
                    + "HTTP/1.1 200 OK\r\n"
                    + responseLines
                    + (responseChunked
                        ? "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                        : "Content-Length: 3\r\n\r\nabc"));
    proxy =
        RunningProxy.start(
            "backendHeader: X-Served-By\n" + RunningProxy.service("", backend.address()));
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    backend.close();
  }

  /**
   * A rule: the lines sent (CRLF after each), whether the body is chunked, what the backend's copy
   * and the client's copy hold of those lines' names ({@code {backend}} is the backend's address).
   */
  record Row(
      String rule, String lines, boolean chunked, List<String> request, List<String> response) {
    @Override
    public String toString() {
      return rule;
    }
  }

  static Stream<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String hop :
        List.of(
            "Connection: keep-alive",
            "Keep-Alive: timeout=5",
            "Proxy-Connection: keep-alive",
            "TE: trailers",
            "Trailer: X-T",
            "Upgrade: h2c",
            "Proxy-Authenticate: Basic",
            "Proxy-Authorization: Basic eA==")) {
      rows.add(new Row("hop-by-hop " + hop, hop + "\r\n", false, List.of(), List.of()));
    }
    rows.add(
        new Row(
            "a Connection option drops the field it names",
            "Connection: X-Secret\r\nX-Secret: 1\r\nX-Kept: 2\r\n",
            false,
            List.of("X-Kept: 2"),
            List.of("X-Kept: 2")));
    rows.add(
        new Row(
            "options are matched ignoring case, several per line",
            "Connection: X-A, x-b\r\nX-a: 1\r\nx-B: 2\r\nX-C: 3\r\n",
            false,
            List.of("X-C: 3"),
            List.of("X-C: 3")));
    rows.add(
        new Row(
            "close is an option too",
            "Connection: close\r\nClose: c\r\n",
            false,
            List.of(),
            List.of()));
    rows.add(
        new Row(
            "options naming hop-by-hop fields",
            "Connection: te, upgrade, keep-alive\r\nKeep-Alive: 5\r\n",
            false,
            List.of(),
            List.of()));
    rows.add(
        new Row(
            "an option naming Content-Length is ignored",
            "Connection: content-length\r\n",
            false,
            List.of("Content-Length: 3"),
            List.of("Content-Length: 3")));
    rows.add(
        new Row(
            "an option naming Transfer-Encoding is ignored",
            "Connection: transfer-encoding\r\n",
            true,
            List.of("transfer-encoding: chunked"),
            List.of("transfer-encoding: chunked")));
    rows.add(
        new Row(
            "an option naming Host is ignored",
            "Connection: host\r\nHost: app\r\n",
            false,
            List.of("Host: app"),
            List.of("Host: app")));
    rows.add(
        new Row(
            "an option naming X-Forwarded-For is ignored",
            "Connection: x-forwarded-for\r\nX-Forwarded-For: 6.6.6.6\r\n",
            false,
            List.of("x-forwarded-for: 127.0.0.1"),
            List.of("X-Forwarded-For: 6.6.6.6")));
    rows.add(
        new Row(
            "an option naming Forwarded is ignored",
            "Connection: forwarded\r\nForwarded: for=6.6.6.6\r\n",
            false,
            List.of("forwarded: for=127.0.0.1;host=app;proto=http"),
            List.of("Forwarded: for=6.6.6.6")));
    rows.add(
        new Row(
            "an option naming Via is ignored",
            "Connection: via\r\nVia: 1.1 a\r\n",
            false,
            List.of("via: 1.1 a, 1.1 prescal"),
            List.of("via: 1.1 a, 1.1 prescal")));
    rows.add(
        new Row(
            "Via lines are merged and extended",
            "Via: 1.0 a\r\nVia: 1.1 b\r\n",
            false,
            List.of("via: 1.0 a, 1.1 b, 1.1 prescal"),
            List.of("via: 1.0 a, 1.1 b, 1.1 prescal")));
    rows.add(
        new Row(
            "the backend-naming header is the proxy's on responses",
            "X-Served-By: own\r\n",
            false,
            List.of("X-Served-By: own"),
            List.of("X-Served-By: {backend}")));
    rows.add(
        new Row(
            "an option naming the backend-naming header",
            "Connection: x-served-by\r\nX-Served-By: own\r\n",
            false,
            List.of(),
            List.of("X-Served-By: {backend}")));
    return rows.stream();
  }

  static Stream<Arguments> requests() {
    return rows().map(Arguments::of);
  }

  static Stream<Arguments> responses() {
    return rows().flatMap(r -> Stream.of(Arguments.of(r, false), Arguments.of(r, true)));
  }

  @ParameterizedTest(name = "request: {0}")
  @MethodSource("requests")
  void theBackendGetsWhatTheRuleSays(Row row) throws Exception {
    responseLines = "";
    responseChunked = false;
    decodedPath = false;
    int before = backend.received().size();
    String host = row.lines().toLowerCase(Locale.ROOT).contains("host:") ? "" : "Host: app\r\n";
    String body =
        row.chunked()
            ? "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            : "Content-Length: 3\r\n\r\nabc";
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send("POST /r HTTP/1.1\r\n" + host + row.lines() + body);
      assertThat(client.readFramed(false).status()).isEqualTo(200);
    }
    assertThat(backend.received()).hasSize(before + 1);
    StrictFramer.Message seen = backend.received().get(before).message();
    assertThat(seen.bodyText()).isEqualTo("abc");
    assertThat(lines(backend.received().get(before).head(), names(row.lines())))
        .isEqualTo(expected(row.request()));
  }

  @ParameterizedTest(name = "response, decoded {1}: {0}")
  @MethodSource("responses")
  void theClientGetsWhatTheRuleSays(Row row, boolean decoded) throws Exception {
    responseLines = row.lines();
    responseChunked = row.chunked();
    decodedPath = decoded;
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Framed response =
          client.send("GET /r HTTP/1.1\r\nHost: app\r\n\r\n").readFramed(false);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.message().bodyText()).isEqualTo("abc");
      assertThat(
              lines(response.wire().substring(0, response.message().headEnd()), names(row.lines())))
          .isEqualTo(expected(row.response()));
    }
  }

  /**
   * Fields HTTP/2 has no place for (RFC 9113 8.2.2): a request carrying one is malformed, and a
   * response loses them on the way to an HTTP/2 client.
   */
  private static final Set<String> CONNECTION_SPECIFIC =
      Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

  /** The same rules on an HTTP/2 stream, or the stream refused where HTTP/2 forbids the fields. */
  @ParameterizedTest(name = "request over HTTP/2: {0}")
  @MethodSource("requests")
  void anHttp2StreamGetsWhatTheRuleSays(Row row) throws Exception {
    responseLines = "";
    responseChunked = false;
    decodedPath = false;
    int before = backend.received().size();
    List<String> pairs = new ArrayList<>();
    boolean forbidden = false;
    for (String line : row.lines().split("\r\n")) {
      String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
      forbidden |= CONNECTION_SPECIFIC.contains(name);
      pairs.add(name);
      pairs.add(line.substring(line.indexOf(':') + 1).trim());
    }
    try (H2Wire h2 = new H2Wire(proxy.port())) {
      h2.send(1, H2Wire.request("POST", "app", "/r", pairs.toArray(String[]::new)), "abc");
      H2Wire.Response response = h2.response(1);
      if (forbidden) {
        assertThat(response.reset()).as("refused: %s", row.lines()).isNotNull();
        assertThat(response.reset().errorCode()).isEqualTo(H2Wire.PROTOCOL_ERROR);
        assertThat(backend.received()).hasSize(before);
        return;
      }
      assertThat(response.status()).isEqualTo(200);
    }
    assertThat(backend.received()).hasSize(before + 1);
    assertThat(backend.received().get(before).message().bodyText()).isEqualTo("abc");
    assertThat(lowerNames(lines(backend.received().get(before).head(), names(row.lines()))))
        .isEqualTo(
            lowerNames(expected(row.request())).stream()
                .map(l -> l.replace("1.1 prescal", "2 prescal")) // this hop was HTTP/2
                .toList());
  }

  /** The response rules as an HTTP/2 client sees them, from the decoded path and the fast one. */
  @ParameterizedTest(name = "response over HTTP/2, decoded {1}: {0}")
  @MethodSource("responses")
  void anHttp2ClientGetsWhatTheRuleSays(Row row, boolean decoded) throws Exception {
    responseLines = row.lines();
    responseChunked = row.chunked();
    decodedPath = decoded;
    try (H2Wire h2 = new H2Wire(proxy.port())) {
      h2.send(1, H2Wire.get("app", "/r"), null);
      H2Wire.Response response = h2.response(1);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("abc");
      Set<String> names = names(row.lines());
      List<String> got = new ArrayList<>();
      for (Map.Entry<CharSequence, CharSequence> field : response.headers()) {
        if (names.contains(field.getKey().toString())) {
          got.add(field.getKey() + ": " + field.getValue());
        }
      }
      assertThat(got)
          .isEqualTo(
              lowerNames(expected(row.response())).stream()
                  .filter(l -> !CONNECTION_SPECIFIC.contains(l.substring(0, l.indexOf(':'))))
                  // Host has no meaning in a response, and HTTP/2 names the authority elsewhere
                  .filter(l -> !l.startsWith("host:"))
                  .toList());
    }
  }

  private static List<String> lowerNames(List<String> lines) {
    return lines.stream()
        .map(
            l ->
                l.substring(0, l.indexOf(':')).toLowerCase(Locale.ROOT)
                    + l.substring(l.indexOf(':')))
        .toList();
  }

  private static List<String> expected(List<String> lines) {
    return lines.stream().map(l -> l.replace("{backend}", backend.address())).toList();
  }

  /** The lower-case names of {@code lines}, and those their Connection options name. */
  private static Set<String> names(String lines) {
    Set<String> names = new TreeSet<>();
    for (String line : lines.split("\r\n")) {
      if (!line.isEmpty()) {
        String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
        names.add(name);
        if (name.equals("connection")) {
          for (String option : line.substring(line.indexOf(':') + 1).split(",")) {
            names.add(option.trim().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return names;
  }

  /** The header lines of {@code head} with one of {@code names}, as they came, in order. */
  private static List<String> lines(String head, Set<String> names) {
    List<String> out = new ArrayList<>();
    String[] all = head.split("\r\n");
    for (int i = 1; i < all.length; i++) {
      int colon = all[i].indexOf(':');
      if (colon > 0 && names.contains(all[i].substring(0, colon).toLowerCase(Locale.ROOT))) {
        out.add(all[i]);
      }
    }
    return out;
  }
}
