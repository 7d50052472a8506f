package io.prescal.proxy.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.proxy.testing.H2Wire;
import io.prescal.proxy.testing.RunningProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Flow control keeps the proxy's memory bounded on HTTP/2 streams both ways: a body goes no faster
 * than its slowest reader, however much the other side has to send, and a client that ignores the
 * window is stopped.
 */
class Http2FlowControlTest {
  private static final long HUGE = 1L << 30; // 1 GiB that is never all sent

  /** A backend that takes connections and, per {@code mode}, never reads or floods a response. */
  private static final class StuckBackend implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicLong written = new AtomicLong();

    StuckBackend(boolean respond) throws IOException {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket socket = server.accept()) {
                  if (!respond) {
                    Thread.sleep(Long.MAX_VALUE); // holds the connection, reads nothing
                  }
                  readHead(socket.getInputStream());
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Length: " + HUGE + "\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  byte[] chunk = new byte[16 << 10];
                  while (written.get() < HUGE) {
                    out.write(chunk); // blocks once nobody reads
                    written.addAndGet(chunk.length);
                  }
                } catch (IOException | InterruptedException e) {
                  // closed at the end of the test
                }
              });
    }

    String address() {
      return "127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }

    private static void readHead(InputStream in) throws IOException {
      int matched = 0;
      while (matched < 4) {
        int c = in.read();
        if (c < 0) {
          return;
        }
        matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
      }
    }
  }

  /** Waits until {@code counter} stops growing (the transfer stalled), and returns it. */
  private static long stalled(AtomicLong counter) {
    long[] last = {-1};
    await()
        .pollInterval(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              long now = counter.get();
              boolean still = now > 0 && now == last[0];
              last[0] = now;
              return still;
            });
    return counter.get();
  }

  @Test
  void anUploadGoesNoFasterThanTheBackendReads() throws Exception {
    try (StuckBackend backend = new StuckBackend(false);
        RunningProxy proxy = RunningProxy.start(RunningProxy.service("", backend.address()))) {
      // curl keeps to the windows the proxy grants (64 KiB per stream, reopened only as the
      // backend connection takes bytes) and reads its standard input only as it can send.
      Process curl =
          new ProcessBuilder(
                  "curl",
                  "-sS",
                  "--http2-prior-knowledge",
                  "-T",
                  "-",
                  "http://127.0.0.1:" + proxy.port() + "/upload")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      AtomicLong sent = new AtomicLong();
      Thread.ofVirtual()
          .start(
              () -> {
                byte[] chunk = new byte[16 << 10];
                try (OutputStream in = curl.getOutputStream()) {
                  while (sent.get() < HUGE) {
                    in.write(chunk); // blocks once curl cannot send
                    sent.addAndGet(chunk.length);
                  }
                } catch (IOException e) {
                  // curl ended
                }
              });
      try {
        long total = stalled(sent);
        // Kernel socket buffers (a few MB on loopback, both hops), a pipe, curl's buffer and one
        // window: far from 1 GiB.
        assertThat(total).isLessThan(64L << 20);
        assertThat(curl.isAlive()).isTrue();
      } finally {
        curl.destroyForcibly();
      }
    }
  }

  @Test
  void aDownloadGoesNoFasterThanTheClientReads() throws Exception {
    try (StuckBackend backend = new StuckBackend(true);
        RunningProxy proxy = RunningProxy.start(RunningProxy.service("", backend.address()));
        H2Wire h2 = new H2Wire(proxy.port())) {
      h2.send(1, H2Wire.get("x", "/download"), null);
      // This client never opens its window past the initial 64 KiB: the proxy may send no more.
      AtomicLong received = new AtomicLong();
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      H2Wire.Frame frame;
                      while ((frame = h2.read()) != null) {
                        if (frame.type() == H2Wire.DATA) {
                          received.addAndGet(frame.payload().length);
                        }
                      }
                    } catch (IOException e) {
                      // the test ended
                    }
                  });
      long fromBackend = stalled(backend.written);
      assertThat(received.get()).isLessThanOrEqualTo(65_535);
      assertThat(fromBackend).isLessThan(64L << 20);
      reader.interrupt();
    }
  }

  @Test
  void aClientThatSendsPastTheWindowIsStopped() throws Exception {
    try (StuckBackend backend = new StuckBackend(false);
        RunningProxy proxy = RunningProxy.start(RunningProxy.service("", backend.address()));
        H2Wire h2 = new H2Wire(proxy.port())) {
      h2.frame(H2Wire.HEADERS, H2Wire.END_HEADERS, 1, h2.block(H2Wire.request("POST", "x", "/")));
      byte[] data = new byte[16 << 10];
      try {
        for (int i = 0; i < 200; i++) { // 3.2 MB, ignoring every window
          h2.frame(H2Wire.DATA, 0, 1, data);
        }
        h2.flush();
      } catch (IOException e) {
        // closed while sending: checked below
      }
      H2Wire.Frame frame;
      while ((frame = h2.read()) != null
          && frame.type() != H2Wire.RST_STREAM
          && frame.type() != H2Wire.GOAWAY) {
        // SETTINGS, WINDOW_UPDATE
      }
      assertThat(frame).isNotNull();
      assertThat(frame.errorCode()).isEqualTo(0x3); // FLOW_CONTROL_ERROR
    }
  }
}
