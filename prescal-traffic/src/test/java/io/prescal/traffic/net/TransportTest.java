package io.prescal.traffic.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringSocketChannel;
import org.junit.jupiter.api.Test;

class TransportTest {

  /**
   * The tests run on the transport they ask for: epoll in the surefire run that sets
   * -Dprescal.transport=epoll, io_uring otherwise on a machine that has it (CI's does: there it
   * must not silently fall back).
   */
  @Test
  void theTestsRunOnTheTransportTheyAskFor() {
    String wanted = System.getProperty("prescal.transport");
    Transport best = Transport.best();
    if ("epoll".equals(wanted)) {
      assertThat(best.name()).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");
    } else if (IoUring.isAvailable()) {
      assertThat(best.name()).isEqualTo("io_uring");
      assertThat(best.socketChannel()).isEqualTo(IoUringSocketChannel.class);
    } else {
      assertThat(System.getenv("CI"))
          .as("io_uring on the CI machine: %s", IoUring.unavailabilityCause())
          .isNull();
    }
  }
}
