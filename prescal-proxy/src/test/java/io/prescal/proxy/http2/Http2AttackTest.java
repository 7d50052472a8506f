package io.prescal.proxy.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.testing.H2Wire;
import io.prescal.proxy.testing.RecordingBackend;
import io.prescal.proxy.testing.RunningProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The known HTTP/2 attacks, each sent on a real socket: the proxy ends the connection with GOAWAY
 * and the right code, what reached the backend stays bounded, and the proxy serves the next client.
 * Limits are set low so that each attack trips them quickly.
 */
class Http2AttackTest {
  private static RecordingBackend backend;
  private static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    backend = RecordingBackend.ok();
    proxy =
        RunningProxy.start(
            "http2:\n  maxResets: 50\n  maxQueuedControlFrames: 200\n  maxHeaderListSize: 4KB\n"
                + "  maxConcurrentStreams: 10\n"
                + RunningProxy.service("", backend.address()));
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    backend.close();
  }

  /** After each attack: nothing stays open, and a new client is served. */
  private static void proxyServesOn() throws Exception {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> proxy.proxy().status().get("listeners").toString().contains("connections=0"));
    try (H2Wire h2 = new H2Wire(proxy.port())) {
      h2.send(1, H2Wire.get("x", "/after"), null);
      assertThat(h2.response(1).status()).isEqualTo(200);
    }
  }

  @Test
  void rapidResetEndsTheConnectionWithEnhanceYourCalm() throws Exception {
    int before = backend.received().size();
    try (H2Wire h2 = new H2Wire(proxy.port())) {
      byte[] cancel = {0, 0, 0, (byte) H2Wire.CANCEL};
      for (int stream = 1; stream < 2 * 1000; stream += 2) {
        h2.frame(
            H2Wire.HEADERS,
            H2Wire.END_HEADERS | H2Wire.END_STREAM,
            stream,
            h2.block(H2Wire.get("x", "/reset")));
        h2.frame(H2Wire.RST_STREAM, 0, stream, cancel);
      }
      tryFlush(h2);
      H2Wire.Frame goAway = h2.readUntilGoAway();
      assertThat(goAway).isNotNull();
      assertThat(goAway.errorCode()).isEqualTo(H2Wire.ENHANCE_YOUR_CALM);
      assertThat(h2.closedByPeer()).isTrue();
    }
    // Of 1000 requests opened and cancelled, at most the first 50 or so were ever started.
    assertThat(backend.received().size() - before).isLessThan(100);
    proxyServesOn();
  }

  @Test
  void aContinuationFloodEndsTheConnectionWithEnhanceYourCalm() throws Exception {
    try (H2Wire h2 = new H2Wire(proxy.port())) {
      h2.frame(H2Wire.HEADERS, 0, 1, new byte[] {(byte) 0x82}); // :method GET, no END_HEADERS
      try {
        for (int i = 0; i < 10_000; i++) {
          h2.frame(H2Wire.CONTINUATION, 0, 1, new byte[] {(byte) 0x84});
        }
      } catch (IOException e) {
        // the proxy closed the connection while the flood went on
      }
      tryFlush(h2);
      H2Wire.Frame goAway = h2.readUntilGoAway();
      assertThat(goAway).isNotNull();
      assertThat(goAway.errorCode()).isEqualTo(H2Wire.ENHANCE_YOUR_CALM);
      assertThat(h2.closedByPeer()).isTrue();
    }
    proxyServesOn();
  }

  @Test
  void aHeaderBlockFarOverTheLimitEndsTheConnectionWithProtocolError() throws Exception {
    try (H2Wire h2 = new H2Wire(proxy.port())) {
      byte[] fragment = new byte[9000]; // "large" fragments: not counted as a flood, but as size
      Arrays.fill(fragment, (byte) 0x84);
      h2.frame(H2Wire.HEADERS, 0, 1, fragment);
      for (int i = 0; i < 100; i++) {
        h2.frame(H2Wire.CONTINUATION, 0, 1, fragment);
      }
      tryFlush(h2);
      H2Wire.Frame goAway = h2.readUntilGoAway();
      assertThat(goAway).isNotNull();
      assertThat(goAway.errorCode()).isEqualTo(H2Wire.PROTOCOL_ERROR);
    }
    proxyServesOn();
  }

  @Test
  void headersOverTheListSizeGet431AndTheConnectionServesOn() throws Exception {
    int before = backend.received().size();
    try (H2Wire h2 = new H2Wire(proxy.port())) {
      h2.send(1, H2Wire.get("x", "/big", "x-big", "a".repeat(4500)), null);
      assertThat(h2.response(1).status()).isEqualTo(431);
      h2.send(3, H2Wire.get("x", "/small"), null);
      assertThat(h2.response(3).status()).isEqualTo(200);
    }
    assertThat(backend.received().size() - before).isEqualTo(1);
  }

  @Test
  void streamsOverTheConcurrencyLimitAreRefused() throws Exception {
    try (H2Wire h2 = new H2Wire(proxy.port())) {
      // Eleven streams opened, none ended: the eleventh is one too many.
      for (int stream = 1; stream <= 21; stream += 2) {
        h2.frame(
            H2Wire.HEADERS, H2Wire.END_HEADERS, stream, h2.block(H2Wire.request("POST", "x", "/")));
      }
      h2.flush();
      H2Wire.Frame frame;
      while ((frame = h2.read()) != null && frame.type() != H2Wire.RST_STREAM) {
        // SETTINGS and their acknowledgement
      }
      assertThat(frame).isNotNull();
      assertThat(frame.stream()).isEqualTo(21);
      assertThat(frame.errorCode()).isEqualTo(H2Wire.REFUSED_STREAM);
    }
  }

  /**
   * A client that floods frames the proxy must acknowledge (PING, SETTINGS) and never reads the
   * acknowledgements: they would pile up in the proxy's memory, so at {@code
   * maxQueuedControlFrames} the connection is closed.
   */
  @ParameterizedTest
  @ValueSource(ints = {H2Wire.PING, H2Wire.SETTINGS})
  void aFloodOfFramesToAcknowledgeClosesTheConnection(int type) throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096); // the client reads nothing: the proxy's writes back up
    socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()));
    try (H2Wire h2 = new H2Wire(socket)) {
      byte[] payload = new byte[type == H2Wire.PING ? 8 : 0];
      boolean refused = false;
      for (int i = 0; i < 2_000_000 && !refused; i++) {
        try {
          h2.frame(type, 0, 0, payload);
        } catch (IOException e) {
          refused = true; // the proxy closed the connection while the flood went on
        }
      }
      tryFlush(h2);
      // Once read, the socket holds acknowledgements, then a GOAWAY or the end of the stream.
      H2Wire.Frame goAway = h2.readUntilGoAway();
      if (goAway != null) {
        assertThat(goAway.errorCode()).isEqualTo(H2Wire.ENHANCE_YOUR_CALM);
      }
      assertThat(h2.closedByPeer()).isTrue();
    }
    proxyServesOn();
  }

  private static void tryFlush(H2Wire h2) {
    try {
      h2.flush();
    } catch (IOException e) {
      // the proxy may have closed the connection already
    }
  }
}
