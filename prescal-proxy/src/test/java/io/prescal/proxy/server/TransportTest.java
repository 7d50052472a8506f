package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringSocketChannel;
import org.junit.jupiter.api.Test;

class TransportTest {

  /**
   * CI runs on Linux machines whose kernel has io_uring: there the proxy tests must run on it, not
   * silently fall back (the surefire run with -Dprescal.transport=epoll covers epoll).
   */
  @Test
  void theTestsRunOnTheTransportTheyAskFor() {
    String wanted = System.getProperty(Transport.PROPERTY);
    if (wanted != null) {
      assertThat(Transport.detect().name()).isEqualTo(wanted);
    } else if (System.getenv("CI") != null) {
      assertThat(IoUring.isAvailable())
          .as("io_uring on the CI machine: %s", IoUring.unavailabilityCause())
          .isTrue();
      assertThat(Transport.detect().name()).isEqualTo("io_uring");
    }
  }

  @Test
  void eachNameGivesItsTransportOrTheNextAvailable() {
    Transport uring = Transport.choose("io_uring");
    Transport epoll = Transport.choose("epoll");
    assertThat(epoll.name()).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");
    if (IoUring.isAvailable()) {
      assertThat(uring.name()).isEqualTo("io_uring");
      assertThat(uring.channel()).isEqualTo(IoUringSocketChannel.class);
    } else {
      assertThat(uring.name()).isEqualTo(epoll.name());
    }
    if (Epoll.isAvailable()) {
      assertThat(epoll.channel()).isEqualTo(EpollSocketChannel.class);
    }
    assertThat(Transport.choose(" NIO ").channel()).isEqualTo(NioSocketChannel.class);
  }

  @Test
  void anUnknownNameIsAOneLineError() {
    assertThatThrownBy(() -> Transport.choose("kqueue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "-Dprescal.transport=kqueue is not a transport; expected one of [io_uring, epoll, nio]");
  }
}
