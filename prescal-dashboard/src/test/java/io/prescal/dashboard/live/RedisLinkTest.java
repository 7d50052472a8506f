package io.prescal.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RedisLinkTest {

  @Test
  void problemIsTheInnermostCause() {
    RuntimeException e =
        new IllegalStateException(
            "wrapper", new RuntimeException("mid", new IOException("Connection refused")));
    assertThat(RedisLink.describe(e)).isEqualTo("Connection refused");
  }
}
