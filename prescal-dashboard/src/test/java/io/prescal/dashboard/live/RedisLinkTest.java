package io.prescal.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RedisLinkTest {

  @Test
  void addressesShownInTheBannerCarryNoCredentials() {
    assertThat(RedisLink.withoutCredentials("redis://user:hunter2@cache:6380/2"))
        .isEqualTo("redis://cache:6380/2");
    assertThat(RedisLink.withoutCredentials("rediss://:pw@cache")).isEqualTo("rediss://cache");
    assertThat(RedisLink.withoutCredentials("")).isEqualTo("redis://localhost:6379");
  }

  @Test
  void problemIsTheInnermostCause() {
    RuntimeException e =
        new IllegalStateException(
            "wrapper", new RuntimeException("mid", new IOException("Connection refused")));
    assertThat(RedisLink.describe(e)).isEqualTo("Connection refused");
  }
}
