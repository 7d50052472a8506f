package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RecordingBackend;
import io.prescal.proxy.testing.RunningProxy;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a backend may answer (RFC 9110 5.1, 5.5; RFC 9112 4, 7.1), over real sockets: a response
 * whose head breaks field syntax is a 502 for the client, its bytes are never forwarded, and the
 * backend connection is closed rather than pooled (the next request opens a new one). Each case
 * runs as the backend's first answer on a connection, read by the fast path, and after a 100
 * Continue, read by Netty's decoder. A body that breaks syntax after its head went out closes the
 * client's connection: a cut body is never passed off as a whole one.
 */
class BackendResponseValidationTest {
  private static RecordingBackend backend;
  private static RunningProxy proxy;
  private static volatile String answer;

  @BeforeAll
  static void start() throws Exception {
    backend =
        RecordingBackend.answering(
            r -> r.message().startLine().startsWith("GET /next ") ? RecordingBackend.OK : answer);
    proxy =
        RunningProxy.start(
            "timeouts:\n  responseHeader: 30s\n"
                + RunningProxy.service("retries: {attempts: 0}", backend.address()));
  }

  @AfterAll
  static void stop() throws IOException {
    proxy.close();
    backend.close();
  }

  static Stream<Arguments> badHeads() {
    List<String[]> heads =
        List.of(
            new String[] {"a bare CR in a value", "X-Evil: a\rSet-Cookie: injected=1\r\n"},
            new String[] {"NUL in a value", "X-Evil: a\0b\r\n"},
            new String[] {"DEL in a value", "X-Evil: a\u007fb\r\n"},
            new String[] {"a vertical tab in a value", "X-Evil: a\u000bb\r\n"},
            new String[] {"a name that is not a token", "X(Evil): a\r\n"},
            new String[] {"NUL in a name", "X-E\0vil: a\r\n"},
            new String[] {"an empty name", ": a\r\n"},
            new String[] {"whitespace inside a name", "X Evil: a\r\n"},
            new String[] {"a coding before chunked", "Transfer-Encoding: gzip, chunked\r\n"},
            new String[] {"two Content-Length lines", "Content-Length: 2\r\n"});
    return heads.stream()
        .flatMap(
            h ->
                Stream.of(
                    Arguments.of(h[0], "HTTP/1.1 200 OK\r\n" + h[1]),
                    Arguments.of(
                        h[0] + " (decoded)",
                        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n" + h[1])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badHeads")
  void aHeadBreakingFieldSyntaxIsA502AndTheConnectionIsNotPooled(String name, String head)
      throws Exception {
    answer = head + "Content-Length: 2\r\n\r\nok";
    expect502ThenAFreshConnection();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badReasons")
  void aReasonPhraseWithAControlCharacterIsA502(String reason) throws Exception {
    answer = "HTTP/1.1 200 " + reason + "\r\nContent-Length: 2\r\n\r\nok";
    expect502ThenAFreshConnection();
  }

  static Stream<String> badReasons() {
    return Stream.of("O\0K", "O\u0001K");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"HTTP/1.1 2000 OK", "HTTP/1.1 099 Low", "HTTP/1.1 0200 OK", "HTTP/2.0 200 OK"})
  void aStatusLineThatIsNotHttp1WithThreeDigitsIsA502(String statusLine) throws Exception {
    answer = statusLine + "\r\nContent-Length: 2\r\n\r\nok";
    expect502ThenAFreshConnection();
  }

  @org.junit.jupiter.api.Test
  void twoContentLengthsInAnHttp10ResponseAreA502() throws Exception {
    answer = "HTTP/1.0 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok!";
    expect502ThenAFreshConnection();
  }

  @ParameterizedTest(name = "decoded {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void obsTextPassesUnchanged(boolean decoded) throws Exception {
    answer =
        (decoded ? "HTTP/1.1 100 Continue\r\n\r\n" : "")
            + "HTTP/1.1 200 OK\r\nX-Name: caf\u00e9\r\nContent-Length: 2\r\n\r\nok";
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Framed response = client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").readFramed(false);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.message().values("X-Name")).containsExactly("caf\u00e9");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void aBodyBreakingSyntaxClosesTheClientConnection(String name, String body) throws Exception {
    answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
      assertThatThrownBy(() -> client.readFramed(false))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("connection closed mid-response");
    }
    int bad = lastConnection();
    try (RawHttp client = new RawHttp(proxy.port())) {
      assertThat(client.send("GET /next HTTP/1.1\r\nHost: h\r\n\r\n").readFramed(false).status())
          .isEqualTo(200);
    }
    assertThat(lastConnection()).as("the bad answer's connection was not pooled").isNotEqualTo(bad);
  }

  /** The backend connection the last request arrived on. */
  private static int lastConnection() {
    List<RecordingBackend.Received> received = backend.received();
    return received.get(received.size() - 1).connection();
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("a bad chunk size", "3\r\nabc\r\nzz\r\nmore\r\n0\r\n\r\n"),
        Arguments.of("a bare CR in a trailer", "3\r\nabc\r\n0\r\nX-T: a\rb\r\n\r\n"),
        Arguments.of("chunk data longer than its size", "3\r\nabcdef\r\n0\r\n\r\n"));
  }

  @org.junit.jupiter.api.Test
  void anUnsolicited101IsA502AtOnce() throws Exception {
    answer =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n";
    // The response-header timeout is 30 s and the client's read timeout 10 s: only an answer
    // given at once arrives.
    expect502ThenAFreshConnection();
  }

  private static void expect502ThenAFreshConnection() throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Framed response = client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").readFramed(false);
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.wire()).doesNotContain("Evil").doesNotContain("injected");
      int bad = lastConnection();
      assertThat(client.send("GET /next HTTP/1.1\r\nHost: h\r\n\r\n").readFramed(false).status())
          .isEqualTo(200);
      assertThat(lastConnection())
          .as("the bad answer's connection was not pooled")
          .isNotEqualTo(bad);
    }
  }
}
