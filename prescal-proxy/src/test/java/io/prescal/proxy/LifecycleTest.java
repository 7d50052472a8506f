package io.prescal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.ProxyStarted;
import io.prescal.common.event.ProxyStopping;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.DrainResult;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The seams the autoscaler uses, through real sockets: backends joining at run time, drains that
 * lose nothing, requests held while no backend is ready, and a graceful stop.
 */
class LifecycleTest {
  // Not the common pool: with one core's parallelism a blocked client would starve the rest.
  private static final java.util.concurrent.ExecutorService THREADS =
      java.util.concurrent.Executors.newCachedThreadPool();

  /** A backend whose answers wait until {@code release} opens. */
  private static TestBackend slow(String name, CountDownLatch release) {
    return TestBackend.answering(
        name,
        r -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return TestBackend.text(HttpResponseStatus.OK, name);
        });
  }

  private static CompletableFuture<RawHttp.Response> getAsync(int port) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (RawHttp client = new RawHttp(port)) {
            return client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        THREADS);
  }

  @Test
  void startPublishesTheStaticBackendsAndTheProxy() throws Exception {
    try (TestBackend b = TestBackend.named("b");
        RunningProxy proxy = RunningProxy.start(RunningProxy.service("", b.address()))) {
      assertThat(proxy.events())
          .hasAtLeastOneElementOfType(BackendAdded.class)
          .hasAtLeastOneElementOfType(BackendReady.class);
      assertThat(proxy.events().get(proxy.events().size() - 1))
          .isEqualTo(new ProxyStarted(Proxy.version(), java.util.List.of("web")));
    }
  }

  @Test
  void aDrainedBackendFinishesItsRequestsAndGetsNoNewOnes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TestBackend old = slow("old", release);
        RunningProxy proxy = RunningProxy.start(RunningProxy.service("", old.address()))) {
      ServicePool pool = proxy.pool("web");
      CompletableFuture<RawHttp.Response> inFlight = getAsync(proxy.port());
      await().until(() -> pool.inFlight() == 1);

      // A new backend joins at run time: STARTING gets nothing, READY gets traffic.
      try (TestBackend fresh = TestBackend.named("fresh")) {
        Backend joined = Backend.ofStatic(new InetSocketAddress("127.0.0.1", fresh.port()), 1);
        pool.add(joined);
        CompletableFuture<DrainResult> drained = pool.drain(old.address(), "scale-down");
        pool.markReady(joined.id());
        try (RawHttp client = new RawHttp(proxy.port())) {
          for (int i = 0; i < 3; i++) {
            assertThat(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body())
                .isEqualTo("fresh");
          }
        }
        assertThat(drained).isNotDone();
        release.countDown();
        assertThat(inFlight.get(5, TimeUnit.SECONDS).body()).isEqualTo("old");
        DrainResult result = drained.get(5, TimeUnit.SECONDS);
        assertThat(result.clean()).isTrue();
        pool.remove(old.address(), "scale-down");
        BackendRemoved removed = (BackendRemoved) proxy.events().get(proxy.events().size() - 1);
        assertThat(removed.abandoned()).isZero();
      }
    }
  }

  @Test
  void aHoldingPolicyLetsRequestsWaitForABackend() throws Exception {
    try (TestBackend b = TestBackend.named("late");
        RunningProxy proxy = RunningProxy.start(RunningProxy.service("", b.address()))) {
      ServicePool pool = proxy.pool("web");
      pool.drain(b.address(), "scale-to-zero").get();
      pool.remove(b.address(), "scale-to-zero");
      // The autoscaler's hold queue in miniature: wait for the next READY backend.
      pool.noBackendPolicy(
          (p, context) -> {
            CompletableFuture<Backend> ready = new CompletableFuture<>();
            p.onReady(ready::complete);
            return ready;
          });
      CompletableFuture<RawHttp.Response> held = getAsync(proxy.port());
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !held.isDone());
      Backend started = Backend.ofStatic(new InetSocketAddress("127.0.0.1", b.port()), 1);
      pool.add(started);
      pool.markReady(started.id());
      assertThat(held.get(5, TimeUnit.SECONDS).body()).isEqualTo("late");
    }
  }

  @Test
  void stopWaitsForRequestsInFlightAndSaysSo() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TestBackend b = slow("b", release)) {
      RunningProxy proxy = RunningProxy.start(RunningProxy.service("", b.address()));
      CompletableFuture<RawHttp.Response> inFlight = getAsync(proxy.port());
      await().until(() -> proxy.pool("web").inFlight() == 1);
      CompletableFuture<Void> stopped =
          CompletableFuture.runAsync(() -> proxy.proxy().stop("SIGTERM"), THREADS);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> proxy.events().contains(new ProxyStopping("SIGTERM")));
      assertThat(stopped).isNotDone();
      release.countDown();
      assertThat(inFlight.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      stopped.get(10, TimeUnit.SECONDS);
    }
  }
}
