package io.prescal.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.Balancer;
import io.prescal.proxy.pool.PickContext;
import io.prescal.proxy.testing.TestPools;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each balancer's distribution over backends whose load the test controls. */
class BalancersTest {
  private static final PickContext NO_KEY = new PickContext(new DefaultHttpHeaders(), null);

  private static List<Backend> backends(int... weights) {
    List<Backend> list = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      list.add(Backend.ofStatic(new InetSocketAddress("127.0.0.1", 9000 + i), weights[i]));
    }
    return List.copyOf(list);
  }

  private static Map<Backend, Integer> count(Balancer balancer, List<Backend> backends, int picks) {
    Map<Backend, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      counts.merge(balancer.pick(backends, NO_KEY), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void roundRobinVisitsEachInTurn() {
    List<Backend> b = backends(1, 1, 1);
    Balancer rr = Balancers.roundRobin(SlowStart.NONE);
    List<Backend> order = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      order.add(rr.pick(b, NO_KEY));
    }
    assertThat(order.subList(0, 3)).containsExactlyInAnyOrderElementsOf(b);
    assertThat(order.subList(3, 6)).isEqualTo(order.subList(0, 3));
  }

  @Test
  void weightedRoundRobinFollowsWeightsAndInterleaves() {
    List<Backend> b = backends(3, 1);
    Balancer rr = Balancers.roundRobin(SlowStart.NONE);
    Map<Backend, Integer> counts = count(rr, b, 400);
    assertThat(counts.get(b.get(0))).isEqualTo(300);
    assertThat(counts.get(b.get(1))).isEqualTo(100);
    // Smooth: the light backend never waits more than 3 picks.
    List<Backend> seq = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      seq.add(rr.pick(b, NO_KEY));
    }
    assertThat(seq.stream().filter(x -> x == b.get(1)).count()).isEqualTo(2);
  }

  @Test
  void leastRequestPicksTheLeastLoaded() {
    List<Backend> b = backends(1, 1, 1);
    b.get(0).beginRequest();
    b.get(0).beginRequest();
    b.get(2).beginRequest();
    assertThat(count(Balancers.leastRequest(SlowStart.NONE), b, 10)).containsOnlyKeys(b.get(1));
  }

  @Test
  void leastRequestSpreadsWhenIdle() {
    List<Backend> b = backends(1, 1, 1, 1);
    assertThat(count(Balancers.leastRequest(SlowStart.NONE), b, 400).values()).containsOnly(100);
  }

  @Test
  void p2cAvoidsTheBusiestAndSpreadsTheRest() {
    List<Backend> b = backends(1, 1, 1);
    for (int i = 0; i < 50; i++) {
      b.get(0).beginRequest();
    }
    Map<Backend, Integer> counts = count(Balancers.p2c(SlowStart.NONE), b, 3000);
    assertThat(counts).doesNotContainKey(b.get(0));
    assertThat(counts.get(b.get(1))).isBetween(1200, 1800);
  }

  @Test
  void peakEwmaAvoidsTheSlowBackend() {
    List<Backend> b = backends(1, 1);
    long now = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      b.get(0).latency().observe(50_000_000, now);
      b.get(1).latency().observe(1_000_000, now);
    }
    Map<Backend, Integer> counts = count(Balancers.peakEwma(SlowStart.NONE), b, 1000);
    assertThat(counts).doesNotContainKey(b.get(0));
  }

  @Test
  void consistentHashIsStickyAndMovesFewKeysWhenABackendLeaves() {
    List<Backend> four = backends(1, 1, 1, 1);
    Balancer hash =
        Balancers.consistentHash(new HashOn(HashOn.Source.HEADER, "x-user"), 100, SlowStart.NONE);
    Map<String, Backend> first = new HashMap<>();
    for (int u = 0; u < 1000; u++) {
      first.put("u" + u, hash.pick(four, user("u" + u)));
      assertThat(hash.pick(four, user("u" + u))).isSameAs(first.get("u" + u));
    }
    assertThat(new HashSet<>(first.values())).hasSize(4);
    List<Backend> three = four.subList(0, 3);
    int moved = 0;
    for (int u = 0; u < 1000; u++) {
      Backend now = hash.pick(three, user("u" + u));
      if (first.get("u" + u) != four.get(3) && now != first.get("u" + u)) {
        moved++;
      }
    }
    assertThat(moved).isZero();
  }

  @Test
  void consistentHashBoundsTheLoadOfAHotKey() {
    List<Backend> b = backends(1, 1, 1);
    Balancer hash =
        Balancers.consistentHash(new HashOn(HashOn.Source.HEADER, "x-user"), 1.25, SlowStart.NONE);
    Backend home = hash.pick(b, user("hot"));
    for (int i = 0; i < 10; i++) {
      home.beginRequest();
    }
    assertThat(hash.pick(b, user("hot"))).isNotSameAs(home);
  }

  @Test
  void consistentHashByCookieAndClientAddress() throws Exception {
    List<Backend> b = backends(1, 1, 1);
    Balancer byCookie =
        Balancers.consistentHash(new HashOn(HashOn.Source.COOKIE, "sid"), 2, SlowStart.NONE);
    HttpHeaders cookie = new DefaultHttpHeaders().add("cookie", "a=1; sid=abc");
    Backend picked = byCookie.pick(b, new PickContext(cookie, null));
    for (int i = 0; i < 20; i++) {
      assertThat(byCookie.pick(b, new PickContext(cookie, null))).isSameAs(picked);
    }
    Balancer byClient =
        Balancers.consistentHash(new HashOn(HashOn.Source.CLIENT, ""), 2, SlowStart.NONE);
    PickContext client =
        new PickContext(new DefaultHttpHeaders(), InetAddress.getByName("10.1.2.3"));
    Set<Backend> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      seen.add(byClient.pick(b, client));
    }
    assertThat(seen).hasSize(1);
  }

  @Test
  void slowStartRampsANewBackendsShare() throws Exception {
    SlowStart ramp = new SlowStart(Duration.ofMillis(300));
    List<Backend> b = backends(1, 1);
    io.prescal.proxy.pool.ServicePool pool =
        TestPools.pool("t", io.prescal.proxy.events.EventSink.NONE, null);
    pool.add(b.get(0));
    pool.markReady(b.get(0).id());
    Thread.sleep(400);
    pool.add(b.get(1));
    pool.markReady(b.get(1).id());
    Map<Backend, Integer> counts = count(Balancers.roundRobin(ramp), b, 1100);
    assertThat(counts.get(b.get(1))).isBetween(60, 250);
    Thread.sleep(400);
    assertThat(ramp.weight(b.get(1), System.nanoTime())).isEqualTo(1.0);
  }

  private static PickContext user(String id) {
    return new PickContext(new DefaultHttpHeaders().add("x-user", id), null);
  }
}
