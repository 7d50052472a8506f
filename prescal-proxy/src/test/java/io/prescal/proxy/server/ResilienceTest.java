package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.HealthChanged;
import io.prescal.common.event.HealthState;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slow, crashing, failing and unhealthy backends: timeouts, retries, ejection and return. */
class ResilienceTest {
  private final List<AutoCloseable> open = new ArrayList<>();
  private RunningProxy proxy;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }

  /** A backend that reads requests and never answers. */
  private TestBackend silent() {
    return keep(
        TestBackend.raw(
            "silent",
            () ->
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                  }
                }));
  }

  /** A backend that closes the connection when a request's head arrives. */
  private TestBackend crashing() {
    return keep(
        TestBackend.raw(
            "crashing",
            () ->
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                    ctx.close();
                  }
                }));
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aSilentBackendGets504AfterTheResponseHeaderTimeout() throws Exception {
    proxy =
        RunningProxy.start(
            "timeouts:\n  responseHeader: 300ms\n" + RunningProxy.service("", silent().address()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      long start = System.nanoTime();
      RawHttp.Response response = client.send(get("/")).read();
      assertThat(response.status()).isEqualTo(504);
      assertThat(System.nanoTime() - start).isGreaterThan(Duration.ofMillis(250).toNanos());
      // The client connection survives a 504 and serves the next request.
      assertThat(client.send(get("/")).read().status()).isEqualTo(504);
    }
    var backend = proxy.pool("web").snapshot().all().get(0);
    assertThat(backend.stats().errors(io.prescal.proxy.pool.ErrorClass.TIMEOUT)).isEqualTo(2);
    assertThat(backend.inFlight()).isZero();
  }

  @Test
  void aBackendDyingMidResponseClosesTheClientConnection() throws Exception {
    TestBackend dying =
        keep(
            TestBackend.raw(
                "dying",
                () ->
                    new ChannelInboundHandlerAdapter() {
                      @Override
                      public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                        if (msg instanceof LastHttpContent) {
                          DefaultHttpResponse head =
                              new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                          head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 100);
                          ctx.write(head);
                          ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[10]))
                              .addListener(f -> ctx.channel().close());
                        }
                      }
                    }));
    proxy = RunningProxy.start(RunningProxy.service("", dying.address()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Response response = client.send(get("/")).read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).hasSize(10);
      assertThat(client.closedByPeer()).isTrue();
    }
  }

  @Test
  void getIsRetriedOnAnotherBackendWhenOneClosesBeforeAnswering() throws Exception {
    TestBackend good = keep(TestBackend.named("good"));
    proxy =
        RunningProxy.start(
            RunningProxy.service("balancer: round-robin", crashing().address(), good.address()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      for (int i = 0; i < 4; i++) {
        RawHttp.Response response = client.send(get("/")).read();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("good");
      }
    }
  }

  @Test
  void postWithABodyIsNeverRetriedAfterItsBytesWereSent() throws Exception {
    TestBackend good = keep(TestBackend.named("good"));
    proxy =
        RunningProxy.start(
            RunningProxy.service("balancer: round-robin", crashing().address(), good.address()));
    int badGateways = 0;
    for (int i = 0; i < 4; i++) {
      try (RawHttp client = new RawHttp(proxy.port())) {
        RawHttp.Response response =
            client.send("POST /pay HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc").read();
        if (response.status() == 502) {
          badGateways++;
        } else {
          assertThat(response.body()).isEqualTo("good");
        }
      }
    }
    // Round robin sends every other POST to the crashing backend: those fail, none reach "good".
    assertThat(badGateways).isEqualTo(2);
    assertThat(good.seen()).hasSize(2);
  }

  @Test
  void status503IsRetriedForGetButPassedThroughForPost() throws Exception {
    TestBackend busy =
        keep(
            TestBackend.answering(
                "busy", r -> TestBackend.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy")));
    TestBackend good = keep(TestBackend.named("good"));
    proxy =
        RunningProxy.start(
            RunningProxy.service(
                "balancer: round-robin\noutlier:\n  enabled: false",
                busy.address(),
                good.address()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      for (int i = 0; i < 4; i++) {
        assertThat(client.send(get("/")).read().body()).isEqualTo("good");
      }
      List<Integer> posts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        posts.add(
            client
                .send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx")
                .read()
                .status());
      }
      assertThat(posts).containsExactlyInAnyOrder(503, 503, 200, 200);
    }
  }

  @Test
  void connectFailuresAreRetriedElsewhereAndEjectTheDeadBackend() throws Exception {
    TestBackend good = keep(TestBackend.named("good"));
    String dead = "127.0.0.1:" + closedPort();
    proxy =
        RunningProxy.start(
            RunningProxy.service(
                "balancer: round-robin\noutlier:\n  consecutiveConnectFailures: 2",
                dead,
                good.address()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      for (int i = 0; i < 6; i++) {
        RawHttp.Response response =
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx").read();
        assertThat(response.body()).isEqualTo("good");
      }
    }
    assertThat(proxy.pool("web").snapshot().find(dead).state()).isEqualTo(BackendState.EJECTED);
    assertThat(proxy.events())
        .filteredOn(HealthChanged.class::isInstance)
        .map(e -> ((HealthChanged) e).reason())
        .anyMatch(r -> r.startsWith("2 consecutive connect failures: ejected for 30000ms"));
  }

  @Test
  void onlyADeadBackendGives502() throws Exception {
    proxy = RunningProxy.start(RunningProxy.service("", "127.0.0.1:" + closedPort()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      assertThat(client.send(get("/")).read().status()).isEqualTo(502);
    }
  }

  @Test
  void noReadyBackendGives503WithRetryAfter() throws Exception {
    TestBackend good = keep(TestBackend.named("good"));
    proxy = RunningProxy.start(RunningProxy.service("", good.address()));
    proxy.pool("web").drain(good.address(), "operator").get();
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Response response = client.send(get("/")).read();
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.header("retry-after")).isEqualTo("1");
      assertThat(client.send(get("/")).read().status()).isEqualTo(503);
    }
    assertThat(proxy.pool("web").rejectedCount()).isEqualTo(2);
  }

  @Test
  void consecutive5xxEjectTheBackendForAWhileThenItReturns() throws Exception {
    TestBackend failing =
        keep(
            TestBackend.answering(
                "failing", r -> TestBackend.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "x")));
    TestBackend good = keep(TestBackend.named("good"));
    proxy =
        RunningProxy.start(
            RunningProxy.service(
                "balancer: round-robin\noutlier:\n  consecutive5xx: 3\n  baseEjectionTime: 500ms",
                failing.address(),
                good.address()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      for (int i = 0; i < 6; i++) {
        client.send(get("/")).read();
      }
      var backend = proxy.pool("web").snapshot().find(failing.address());
      assertThat(backend.state()).isEqualTo(BackendState.EJECTED);
      for (int i = 0; i < 4; i++) {
        assertThat(client.send(get("/")).read().body()).isEqualTo("good");
      }
      await().atMost(Duration.ofSeconds(3)).until(() -> backend.state() == BackendState.READY);
    }
    assertThat(proxy.events())
        .filteredOn(HealthChanged.class::isInstance)
        .extracting(e -> ((HealthChanged) e).to())
        .containsExactly(HealthState.EJECTED, HealthState.HEALTHY);
  }

  @Test
  void activeHealthChecksEjectAndRestore() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(true);
    TestBackend flaky =
        keep(
            TestBackend.answering(
                "flaky",
                r ->
                    r.uri().equals("/health") && !healthy.get()
                        ? TestBackend.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "down")
                        : TestBackend.text(HttpResponseStatus.OK, "flaky")));
    proxy =
        RunningProxy.start(
            RunningProxy.service(
                "healthCheck:\n  path: /health\n  interval: 50ms\n  timeout: 500ms\n  rise: 2\n  fall: 2",
                flaky.address()));
    var backend = proxy.pool("web").snapshot().all().get(0);
    healthy.set(false);
    await().atMost(Duration.ofSeconds(5)).until(() -> backend.state() == BackendState.EJECTED);
    try (RawHttp client = new RawHttp(proxy.port())) {
      assertThat(client.send(get("/")).read().status()).isEqualTo(503);
    }
    healthy.set(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> backend.state() == BackendState.READY);
    HealthChanged down =
        (HealthChanged)
            proxy.events().stream().filter(HealthChanged.class::isInstance).findFirst().get();
    assertThat(down.check()).isEqualTo("active");
    assertThat(down.to()).isEqualTo(HealthState.UNHEALTHY);
    assertThat(down.reason()).isEqualTo("2 consecutive failed probes of /health: status 503");
  }
}
