package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests the proxy must refuse: the right status, a closed connection, and nothing reaching the
 * backend. Leak detection (paranoid in tests) fails the build if any of these leaks a buffer.
 */
class MalformedRequestTest {
  private static TestBackend backend;
  private static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    backend = TestBackend.named("b");
    proxy =
        RunningProxy.start(
            "limits:\n  maxHeaderBytes: 2KB\n  maxUriBytes: 512\n  maxBodyBytes: 1KB\n"
                + RunningProxy.service("", backend.address()));
  }

  @AfterAll
  static void stop() {
    proxy.close();
    backend.close();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("not http", "garbage\r\n\r\n", 400),
        Arguments.of("no colon in header", "GET / HTTP/1.1\r\nHost x\r\n\r\n", 400),
        Arguments.of("missing Host in 1.1", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
        Arguments.of(
            "two different Content-Lengths",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            400),
        Arguments.of(
            "negative Content-Length",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
            400),
        Arguments.of(
            "bad chunk size",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
            400),
        Arguments.of(
            "request line too long",
            "GET /" + "a".repeat(600) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            414),
        Arguments.of(
            "headers too large",
            "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n",
            431),
        Arguments.of(
            "declared body too large",
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + "c".repeat(100),
            413),
        Arguments.of(
            "chunked body too large",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + ("200\r\n" + "d".repeat(512) + "\r\n").repeat(3)
                + "0\r\n\r\n",
            413),
        Arguments.of("NUL in the request line", "GET /\0 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        Arguments.of("unknown version", "GET / HTTP/7.1\r\nHost: x\r\n\r\n", 505));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isRefusedAndTheConnectionClosed(String name, String request, int status) throws Exception {
    int before = backend.seen().size();
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Response response = client.send(request).read();
      assertThat(response.status()).isEqualTo(status);
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(client.closedByPeer()).isTrue();
    }
    if (status != 413 || !name.startsWith("chunked")) {
      assertThat(backend.seen()).hasSize(before);
    }
  }
}
