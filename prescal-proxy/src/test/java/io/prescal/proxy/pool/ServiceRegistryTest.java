package io.prescal.proxy.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing by host and path prefix. */
class ServiceRegistryTest {
  private static ServicePool pool(String name) {
    return new ServicePool(name, null, (s, e) -> {}, null);
  }

  @Test
  void longestPrefixAndExactHostWin() {
    ServicePool any = pool("any");
    ServicePool api = pool("api");
    ServicePool apiV2 = pool("api-v2");
    ServicePool shop = pool("shop");
    ServiceRegistry registry = new ServiceRegistry();
    registry.replace(
        List.of(
            new Route(List.of("*"), "/", any),
            new Route(List.of("*"), "/api", api),
            new Route(List.of("*"), "/api/v2", apiV2),
            new Route(List.of("Shop.Example", "*.shop.example"), "/", shop)));
    assertThat(registry.route("x", "/")).isSameAs(any);
    assertThat(registry.route("x", "/api/users")).isSameAs(api);
    assertThat(registry.route("x", "/api/v2/users")).isSameAs(apiV2);
    assertThat(registry.route("shop.example:8000", "/cart")).isSameAs(shop);
    assertThat(registry.route("eu.shop.example", "/cart")).isSameAs(shop);
    assertThat(registry.route(null, "/")).isSameAs(any);
    assertThat(registry.pools()).containsOnlyKeys("any", "api", "api-v2", "shop");
  }

  @Test
  void noMatchIsNull() {
    ServiceRegistry registry = new ServiceRegistry();
    registry.replace(List.of(new Route(List.of("a.example"), "/v1", pool("a"))));
    assertThat(registry.route("a.example", "/v2")).isNull();
    assertThat(registry.route("[::1]:80", "/v1")).isNull();
  }
}
