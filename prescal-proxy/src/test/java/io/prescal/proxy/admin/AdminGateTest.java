package io.prescal.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.BackendState;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin API refuses what a web page in an operator's browser could send (cross-site requests,
 * DNS rebinding) and connections that hold it open: one row per rule, over a socket to a running
 * proxy. {@code {admin}} stands for the admin's own host:port, {@code {drain}} for the path that
 * drains the service's one backend, so a refused row also shows that nothing changed.
 */
class AdminGateTest {
  private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";
  private static final String MARK = "X-Prescal-Admin: 1\r\n";
  private static final String EMPTY = "Content-Length: 0\r\n\r\n";

  private TestBackend backend;
  private RunningProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  private void start(String admin) throws Exception {
    backend = TestBackend.named("b");
    proxy = RunningProxy.start(admin + RunningProxy.service("", backend.address()));
  }

  static Stream<Arguments> rows() {
    String drain = "POST {drain} HTTP/1.1\r\nHost: {admin}\r\n";
    String status = "GET /status HTTP/1.1\r\n";
    return Stream.of(
        // Cross-site: a state-changing request from another site's page.
        row(
            "form POST from another site (Origin)",
            drain + "Origin: http://evil.example\r\n" + FORM + EMPTY,
            403),
        row(
            "Origin of the admin's host at another port",
            drain + "Origin: http://127.0.0.1:1\r\n" + MARK + EMPTY,
            403),
        row(
            "Origin null (sandboxed page, redirect)",
            drain + "Origin: null\r\n" + MARK + EMPTY,
            403),
        row(
            "no Origin, Sec-Fetch-Site: cross-site",
            drain + "Sec-Fetch-Site: cross-site\r\n" + MARK + EMPTY,
            403),
        row(
            "no Origin, Referer on another site",
            drain + "Referer: http://evil.example/page\r\n" + MARK + EMPTY,
            403),
        row(
            "DELETE from another site",
            "DELETE {drain} HTTP/1.1\r\nHost: {admin}\r\nOrigin: http://evil.example\r\n"
                + MARK
                + EMPTY,
            403),
        row(
            "Origin of the admin itself",
            drain + "Origin: http://{admin}\r\nSec-Fetch-Site: same-origin\r\n" + MARK + EMPTY,
            202),
        row(
            "Referer on the admin itself",
            drain + "Referer: http://{admin}/status?x\r\n" + MARK + EMPTY,
            202),
        // The preflight a browser sends before a custom header or type cross-site is not granted.
        row(
            "CORS preflight from another site",
            "OPTIONS {drain} HTTP/1.1\r\nHost: {admin}\r\nOrigin: http://evil.example\r\n"
                + "Access-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: x-prescal-admin\r\n\r\n",
            404),
        // A POST only a script sends: a form's content types, or none, need the marking header.
        row("form content type without the header", drain + FORM + EMPTY, 403),
        row(
            "multipart/form-data without the header",
            drain + "Content-Type: multipart/form-data; boundary=x\r\n" + EMPTY,
            403),
        row(
            "text/plain without the header",
            drain + "Content-Type: Text/Plain;charset=utf-8\r\n" + EMPTY,
            403),
        row("no content type and no header (curl -X POST)", drain + EMPTY, 403),
        row("X-Prescal-Admin: 1", drain + MARK + EMPTY, 202),
        row(
            "application/json without the header",
            drain + "Content-Type: application/json\r\n" + EMPTY,
            202),
        // Host: DNS rebinding, for every method.
        row("GET with a rebinding Host", status + "Host: rebind.evil.example:{port}\r\n\r\n", 421),
        row(
            "POST with a rebinding Host",
            "POST {drain} HTTP/1.1\r\nHost: rebind.evil.example\r\n" + MARK + EMPTY,
            421),
        row(
            "Host: an address it does not listen on",
            status + "Host: 10.1.2.3:{port}\r\n\r\n",
            421),
        row("Host: localhost with a trailing dot", status + "Host: localhost.:{port}\r\n\r\n", 200),
        row("Host: localhost", status + "Host: localhost:{port}\r\n\r\n", 200),
        row("Host: another loopback address", status + "Host: [::1]:{port}\r\n\r\n", 200),
        row("Host: a name, forwarded to another port", status + "Host: LOCALHOST:1\r\n\r\n", 200),
        // Size: the admin takes no body beyond 16 KB (refused on the declared length).
        row("a body over 16 KB", drain + MARK + "Content-Length: 16385\r\n\r\n", 413),
        row("two Host headers", status + "Host: {admin}\r\nHost: {admin}\r\n\r\n", 400),
        row("HTTP/1.1 without Host", status + "\r\n", 400),
        row("HTTP/1.0 without Host (no browser sends it)", "GET /status HTTP/1.0\r\n\r\n", 200));
  }

  private static Arguments row(String rule, String request, int status) {
    return Arguments.of(rule, request, status);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("rows")
  void onLoopback(String rule, String request, int expected) throws Exception {
    start("admin:\n  address: 127.0.0.1:0\n");
    String wire =
        request
            .replace("{drain}", "/services/web/backends/" + backend.address() + "/drain")
            .replace("{admin}", "127.0.0.1:" + proxy.adminPort())
            .replace("{port}", Integer.toString(proxy.adminPort()));
    try (RawHttp client = new RawHttp(proxy.adminPort())) {
      RawHttp.Response response = client.send(wire).read();
      assertThat(response.status()).as(rule).isEqualTo(expected);
      assertThat(response.headers().keySet())
          .as(rule)
          .noneMatch(h -> h.startsWith("access-control-"));
    }
    if (wire.contains("/drain")) {
      assertThat(proxy.pool("web").snapshot().all().get(0).state())
          .as(rule)
          .isEqualTo(expected == 202 ? BackendState.DRAINING : BackendState.READY);
    }
  }

  @Test
  void offLoopbackOnlyItsAddressesAndAllowedHostsAreHosts() throws Exception {
    String token = "a-token-of-24-characters";
    start(
        "admin:\n  address: 0.0.0.0:0\n  token: "
            + token
            + "\n  allowedHosts: [Admin.Example.com, 192.0.2.7]\n");
    String auth = "Authorization: Bearer " + token + "\r\n\r\n";
    int port = proxy.adminPort();
    assertThat(get("Host: admin.example.com:" + port + "\r\n" + auth)).isEqualTo(200);
    assertThat(get("Host: 192.0.2.7\r\n" + auth)).isEqualTo(200);
    assertThat(get("Host: 127.0.0.1:" + port + "\r\n" + auth)).isEqualTo(200);
    assertThat(get("Host: other.example.com:" + port + "\r\n" + auth)).isEqualTo(421);
    assertThat(get("Host: admin.example.com.evil.example\r\n" + auth)).isEqualTo(421);
    assertThat(get("Host: 192.0.2.8\r\n" + auth)).isEqualTo(421);
    assertThat(
            get(
                "Host: admin.example.com\r\nAuthorization: Bearer a-token-of-24-characterz\r\n\r\n"))
        .isEqualTo(401);
  }

  private int get(String headers) throws IOException {
    try (RawHttp client = new RawHttp(proxy.adminPort())) {
      return client.send("GET /status HTTP/1.1\r\n" + headers).read().status();
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    start("admin:\n  address: 127.0.0.1:0\n  idleTimeout: 500ms\n");
    try (Socket socket = new Socket("127.0.0.1", proxy.adminPort())) {
      assertThat(closedWithin(socket, 10_000)).isTrue();
    }
    try (RawHttp client = new RawHttp(proxy.adminPort())) {
      assertThat(client.send("GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n").read().status())
          .isEqualTo(200);
      assertThat(closedWithin(client.socket(), 10_000)).as("idle after an answer").isTrue();
    }
  }

  @Test
  void aTrickledRequestDoesNotKeepTheConnectionOpen() throws Exception {
    start("admin:\n  address: 127.0.0.1:0\n  idleTimeout: 500ms\n");
    try (Socket socket = new Socket("127.0.0.1", proxy.adminPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /status HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      boolean closed = false;
      // One header line every 200 ms: 50 lines would take 10 s.
      for (int i = 0; i < 50 && !closed; i++) {
        try {
          out.write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          closed = closedWithin(socket, 200);
        } catch (IOException e) {
          closed = true;
        }
      }
      assertThat(closed).isTrue();
    }
  }

  /** Whether the peer closes {@code socket} within {@code millis} (end of stream or a reset). */
  private static boolean closedWithin(Socket socket, int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
