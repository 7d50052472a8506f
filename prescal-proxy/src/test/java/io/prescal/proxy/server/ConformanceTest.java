package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RecordingBackend;
import io.prescal.proxy.testing.RunningProxy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the proxy reads what clients send, one row per case with the RFC section it follows: raw
 * bytes over a real socket through a running proxy to recording backends, then the statuses the
 * client got, whether its connection was closed, and exactly the requests each backend received
 * (read strictly, see {@link io.prescal.proxy.testing.StrictFramer}), or that none received any.
 * Forwarding headers and Via are off so that a backend's copy is the client's lines minus the
 * hop-by-hop ones. Rows marked "Netty" pin what Netty's decoder already refuses.
 *
 * <p>Services: {@code api} routes {@code /api} on any host, {@code other} routes {@code
 * other.example}, {@code web} routes the rest.
 */
class ConformanceTest {
  private static final Map<String, RecordingBackend> backends = new LinkedHashMap<>();
  private static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    for (String name : List.of("web", "api", "other")) {
      backends.put(name, RecordingBackend.ok());
    }
    proxy =
        RunningProxy.start(
            "forwarded:\n  xForwarded: false\n  rfc7239: false\n  via: \"\"\n"
                + "services:\n"
                + service("web", "[\"*\"]", "/")
                + service("api", "[\"*\"]", "/api")
                + service("other", "[other.example]", "/"));
  }

  private static String service(String name, String hosts, String prefix) {
    return "  - name: "
        + name
        + "\n    hosts: "
        + hosts
        + "\n    pathPrefix: "
        + prefix
        + "\n    retries: {attempts: 0}\n    backends: [{address: "
        + backends.get(name).address()
        + "}]\n";
  }

  @AfterAll
  static void stop() throws IOException {
    proxy.close();
    for (RecordingBackend backend : backends.values()) {
      backend.close();
    }
  }

  /**
   * A case: what the client sends, the statuses it reads in order, whether the proxy then closes
   * the connection, and which backend got which requests (their bytes as they arrived).
   */
  record Case(
      String rfc,
      String name,
      String send,
      List<Integer> statuses,
      boolean closed,
      String backend,
      List<String> received) {
    @Override
    public String toString() {
      return rfc + ": " + name;
    }
  }

  private static final String GET = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";

  /** A request forwarded to {@code backend} as {@code received}; the connection stays open. */
  private static Case ok(String rfc, String name, String send, String backend, String received) {
    return new Case(rfc, name, send, List.of(200), false, backend, List.of(received));
  }

  /** A request refused with {@code status} and a closed connection; no backend hears of it. */
  private static Case refused(String rfc, String name, String send, int status) {
    return new Case(rfc, name, send, List.of(status), true, null, List.of());
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(
        ok(
            "RFC 9112 3",
            "a plain request",
            "GET /x HTTP/1.1\r\nHost: h\r\n\r\n",
            "web",
            "GET /x HTTP/1.1\r\nHost: h\r\n\r\n"));

    // Host (RFC 9112 3.2)
    c.add(
        refused(
            "RFC 9112 3.2", "two Host lines", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400));
    c.add(
        refused(
            "RFC 9112 3.2",
            "two Host values on one line",
            "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 3.2", "no Host in HTTP/1.1", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400));
    c.add(
        refused(
            "RFC 9112 3.2",
            "two Host lines in HTTP/1.0",
            "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9110 7.2",
            "a Host with user information",
            "GET / HTTP/1.1\r\nHost: u@other.example\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9110 7.2",
            "a Host with a path",
            "GET / HTTP/1.1\r\nHost: other.example/x\r\n\r\n",
            400));
    c.add(
        new Case(
            "RFC 9112 3.2",
            "no Host in HTTP/1.0: the service name",
            "GET / HTTP/1.0\r\n\r\n",
            List.of(200),
            true,
            "web",
            List.of("GET / HTTP/1.1\r\nhost: web\r\n\r\n")));

    // Request line (RFC 9112 3)
    c.add(
        refused(
            "RFC 9110 9.1",
            "a method that is not a token",
            "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 2.3", "a version that is not HTTP", "GET / FOO/1.1\r\nHost: h\r\n\r\n", 400));
    c.add(refused("RFC 9112 2.3", "HTTP/2.0 as text", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505));

    // Request target forms (RFC 9112 3.2)
    c.add(
        ok(
            "RFC 9112 3.2.2",
            "absolute form: its authority replaces Host, for routing too",
            "GET http://other.example/p?q=1 HTTP/1.1\r\nHost: h\r\n\r\n",
            "other",
            "GET /p?q=1 HTTP/1.1\r\nhost: other.example\r\n\r\n"));
    c.add(
        ok(
            "RFC 9112 3.2.2",
            "absolute form without a path",
            "GET HTTPS://other.example:8443?q HTTP/1.1\r\nHost: other.example\r\n\r\n",
            "other",
            "GET /?q HTTP/1.1\r\nhost: other.example:8443\r\n\r\n"));
    c.add(
        ok(
            "RFC 9112 3.2.2",
            "absolute form: its path is normalised too",
            "GET http://h/api/../x HTTP/1.1\r\nHost: other.example\r\n\r\n",
            "web",
            "GET /x HTTP/1.1\r\nhost: h\r\n\r\n"));
    c.add(
        refused(
            "RFC 9110 4.2.4",
            "absolute form with user information",
            "GET http://u@h/ HTTP/1.1\r\nHost: h\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9110 4.2.1",
            "absolute form with an empty host",
            "GET http:///x HTTP/1.1\r\nHost: h\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 3.2",
            "absolute form of another scheme",
            "GET ftp://h/x HTTP/1.1\r\nHost: h\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 3.2", "a target that is no form", "GET x HTTP/1.1\r\nHost: h\r\n\r\n", 400));
    c.add(
        refused(
            "RFC 9112 3.2.4",
            "asterisk form but for OPTIONS",
            "GET * HTTP/1.1\r\nHost: h\r\n\r\n",
            400));
    c.add(
        ok(
            "RFC 9112 3.2.4",
            "asterisk form for OPTIONS",
            "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n",
            "web",
            "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"));

    // Dot-segments and percent-encoding (RFC 3986 5.2.4, 6.2.2)
    c.add(
        ok(
            "RFC 3986 5.2.4",
            "dot-segments are resolved before routing",
            "GET /api/../x HTTP/1.1\r\nHost: h\r\n\r\n",
            "web",
            "GET /x HTTP/1.1\r\nHost: h\r\n\r\n"));
    c.add(
        ok(
            "RFC 3986 5.2.4",
            "dot-segments can route into a prefix",
            "GET /x/./../api/y/ HTTP/1.1\r\nHost: h\r\n\r\n",
            "api",
            "GET /api/y/ HTTP/1.1\r\nHost: h\r\n\r\n"));
    c.add(
        ok(
            "RFC 3986 6.2.2.2",
            "encoded dots are dots",
            "GET /api/%2e%2E/x HTTP/1.1\r\nHost: h\r\n\r\n",
            "web",
            "GET /x HTTP/1.1\r\nHost: h\r\n\r\n"));
    c.add(
        ok(
            "RFC 3986 6.2.2.2",
            "encoded unreserved characters are decoded",
            "GET /%61pi/z HTTP/1.1\r\nHost: h\r\n\r\n",
            "api",
            "GET /api/z HTTP/1.1\r\nHost: h\r\n\r\n"));
    c.add(
        ok(
            "RFC 3986 6.2.2.2",
            "an encoded slash is not a separator",
            "GET /api%2F../x HTTP/1.1\r\nHost: h\r\n\r\n",
            "api",
            "GET /api%2F../x HTTP/1.1\r\nHost: h\r\n\r\n"));
    c.add(
        ok(
            "RFC 3986 6.2.2.2",
            "an encoded slash stays encoded",
            "GET /api/a%2fb HTTP/1.1\r\nHost: h\r\n\r\n",
            "api",
            "GET /api/a%2fb HTTP/1.1\r\nHost: h\r\n\r\n"));
    c.add(
        ok(
            "RFC 3986 5.2.4",
            "the query is not normalised",
            "GET /x?a=/../api HTTP/1.1\r\nHost: h\r\n\r\n",
            "web",
            "GET /x?a=/../api HTTP/1.1\r\nHost: h\r\n\r\n"));
    c.add(
        refused(
            "RFC 3986 5.2.4",
            "dot-segments above the root",
            "GET /../x HTTP/1.1\r\nHost: h\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 3986 5.2.4",
            "encoded dot-segments above the root",
            "GET /api/%2e%2e/%2e%2e/x HTTP/1.1\r\nHost: h\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 3986 2.1",
            "a bad percent-encoding",
            "GET /a%zz HTTP/1.1\r\nHost: h\r\n\r\n",
            400));

    // Connection options (RFC 9110 7.6.1) cannot remove framing or routing
    c.add(
        ok(
            "RFC 9110 7.6.1",
            "Connection: content-length does not smuggle a request",
            "POST /a HTTP/1.1\r\nHost: h\r\nConnection: content-length\r\nContent-Length: 34\r\n\r\n"
                + "GET /smuggled HTTP/1.1\r\nX-Ignore: ",
            "web",
            "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 34\r\n\r\nGET /smuggled HTTP/1.1\r\nX-Ignore: "));
    c.add(
        ok(
            "RFC 9110 7.6.1",
            "Connection: host keeps Host",
            "GET /x HTTP/1.1\r\nConnection: host\r\nHost: other.example\r\n\r\n",
            "other",
            "GET /x HTTP/1.1\r\nHost: other.example\r\n\r\n"));

    // Framing: Content-Length and Transfer-Encoding (RFC 9112 6)
    c.add(
        refused(
            "RFC 9112 6.1 (Netty)",
            "Content-Length with Transfer-Encoding",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 6.3 (Netty)",
            "a final coding other than chunked",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked , identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 6.3 (Netty)",
            "an unknown coding",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 7 (Netty)",
            "two Transfer-Encoding lines: chunked twice",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 6.1",
            "a coding before chunked that the proxy cannot apply",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            501));
    c.add(
        refused(
            "RFC 9112 6.1 (Netty)",
            "Transfer-Encoding in HTTP/1.0",
            "POST / HTTP/1.0\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            400));
    for (String coding : List.of(" chunked", "\tchunked", "Chunked")) {
      c.add(
          ok(
              "RFC 9112 5.1",
              "Transfer-Encoding:" + coding.replace("\t", "\\t") + " is chunked",
              "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:"
                  + coding
                  + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
              "web",
              "POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\nHost: h\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    }
    for (String length : List.of("+5", "-1", "5, 5", "5, 6", "0x5", "5 5", "")) {
      c.add(
          refused(
              "RFC 9112 6.3 (Netty)",
              "Content-Length: " + length,
              "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + length + "\r\n\r\nhello",
              400));
    }
    c.add(
        refused(
            "RFC 9112 6.3 (Netty)",
            "two Content-Length lines",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
            400));
    c.add(
        refused(
            "RFC 9112 6.3",
            "two Content-Length lines in HTTP/1.0",
            "POST / HTTP/1.0\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            400));
    c.add(
        ok(
            "RFC 9112 6.3",
            "Content-Length with whitespace around",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:  5 \r\n\r\nhello",
            "web",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"));

    // Line syntax (RFC 9112 2.2, 5)
    c.add(refused("RFC 9112 2.2 (Netty)", "bare LF line ends", "GET / HTTP/1.1\nHost: h\n\n", 400));
    c.add(
        refused(
            "RFC 9112 2.2 (Netty)",
            "a bare LF after the headers",
            "GET / HTTP/1.1\r\nHost: h\r\n\n",
            400));
    c.add(
        refused(
            "RFC 9112 2.2 (Netty)",
            "a bare CR as a line end",
            "GET / HTTP/1.1\r\nHost: h\rX-A: 1\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9110 5.5 (Netty)",
            "a bare CR in a value",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r2\r\n\r\n",
            400));
    c.add(
        ok(
            "RFC 9112 5.2",
            "obs-fold is unfolded into a space",
            "GET / HTTP/1.1\r\nHost: h\r\nX-F: a\r\n  b\r\n\r\n",
            "web",
            "GET / HTTP/1.1\r\nHost: h\r\nX-F: a b\r\n\r\n"));
    c.add(
        refused(
            "RFC 9112 2.2 (Netty)",
            "whitespace before the first header line",
            "GET / HTTP/1.1\r\n X-A: 1\r\nHost: h\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9110 5.1 (Netty)",
            "NUL in a name",
            "GET / HTTP/1.1\r\nHost: h\r\nX\0A: 1\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9110 5.5 (Netty)",
            "NUL in a value",
            "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\0\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 5.1 (Netty)",
            "whitespace before a colon",
            "GET / HTTP/1.1\r\nHost : h\r\n\r\n",
            400));
    c.add(
        refused(
            "RFC 9112 5.1 (Netty)",
            "whitespace before the colon of Transfer-Encoding",
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\nhello",
            400));

    // Chunk syntax (RFC 9112 7.1)
    String chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (String size : List.of("fffffffffffffffff", "0x5", "-5", "5 5", "", "5;a=\"b")) {
      c.add(
          refused(
              "RFC 9112 7.1 (Netty)",
              "chunk size line " + size,
              chunked + size + "\r\nhello\r\n0\r\n\r\n",
              400));
    }
    c.add(
        ok(
            "RFC 9112 7.1.1",
            "chunk extensions pass the proxy's reading, not on to the backend",
            chunked + "5 ; a=b;c=\"d\"\r\nhello\r\n0\r\n\r\n",
            "web",
            "POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\nHost: h\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    for (String size : List.of("5;", "5;a b")) {
      c.add(
          ok(
              "RFC 9112 7.1.1 (Netty)",
              "loose chunk extensions " + size + " are dropped",
              chunked + size + "\r\nhello\r\n0\r\n\r\n",
              "web",
              "POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\nHost: h\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    }
    c.add(
        refused(
            "RFC 9112 7.1 (Netty)",
            "chunk data longer than its size",
            chunked + "3\r\nhello\r\n0\r\n\r\n",
            400));

    // Pipelining (RFC 9112 9.3.2): nothing after an error is served
    c.add(
        new Case(
            "RFC 9112 9.3.2",
            "a pipelined request after a refused one is not served",
            "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: h\r\n\r\n",
            List.of(200, 400),
            true,
            "web",
            List.of("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n")));
    c.add(
        new Case(
            "RFC 9112 9.3.2 (Netty)",
            "nothing after a malformed request is served",
            "GET /1 HTTP/1.1\r\nHost : h\r\n\r\n" + GET,
            List.of(400),
            true,
            null,
            List.of()));
    c.add(
        new Case(
            "RFC 9112 9.3.2",
            "nothing after a refused body is served",
            chunked + "zz\r\nhello\r\n0\r\n\r\n" + GET,
            List.of(400),
            true,
            null,
            List.of()));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theProxyReadsRequestsAsTheRfcSays(Case c) throws Exception {
    Map<String, Integer> before = new LinkedHashMap<>();
    backends.forEach((name, backend) -> before.put(name, backend.received().size()));
    List<Integer> statuses = new ArrayList<>();
    boolean closed;
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send(c.send());
      for (int i = 0; i < c.statuses().size(); i++) {
        statuses.add(client.readFramed(c.send().startsWith("HEAD")).status());
      }
      closed = c.closed() && client.closedByPeer();
    }
    assertThat(statuses).as("statuses").isEqualTo(c.statuses());
    assertThat(closed).as("closed").isEqualTo(c.closed());
    backends.forEach(
        (name, backend) -> {
          List<String> got =
              backend.received().subList(before.get(name), backend.received().size()).stream()
                  .map(RecordingBackend.Received::wire)
                  .toList();
          assertThat(got)
              .as("what backend " + name + " received")
              .isEqualTo(name.equals(c.backend()) ? c.received() : List.of());
        });
  }
}
