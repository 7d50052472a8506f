package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket upgrades tunnel through the proxy: frames flow both ways after 101. */
class WebSocketTest {

  /** Echoes text frames back, upper-cased, after Netty's own handshake. */
  private static ChannelHandler echoPipeline() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline()
            .addAfter(ctx.name(), "aggregator", new HttpObjectAggregator(65536))
            .addAfter("aggregator", "ws", new WebSocketServerProtocolHandler("/ws"))
            .addAfter("ws", "frames", new WebSocketFrameAggregator(1 << 20))
            .addAfter(
                "frames",
                "echo",
                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext c, TextWebSocketFrame f) {
                    c.writeAndFlush(new TextWebSocketFrame(f.text().toUpperCase()));
                  }
                })
            .addLast(
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext c, FullHttpRequest r) {
                    c.close();
                  }
                });
        ctx.pipeline().remove(this);
      }
    };
  }

  @Test
  void echoThroughTheProxy() throws Exception {
    try (TestBackend backend = TestBackend.raw("ws", WebSocketTest::echoPipeline);
        RunningProxy proxy = RunningProxy.start(RunningProxy.service("", backend.address()))) {
      LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
      StringBuilder message = new StringBuilder();
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + proxy.port() + "/ws"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket ws, CharSequence data, boolean last) {
                      message.append(data);
                      if (last) {
                        received.add(message.toString());
                        message.setLength(0);
                      }
                      ws.request(1);
                      return CompletableFuture.completedFuture(null);
                    }
                  })
              .get(5, TimeUnit.SECONDS);
      for (int i = 0; i < 20; i++) {
        socket.sendText("hello " + i, true).get(5, TimeUnit.SECONDS);
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("HELLO " + i);
      }
      socket.sendText("x".repeat(200_000), true).get(5, TimeUnit.SECONDS);
      assertThat(received.poll(5, TimeUnit.SECONDS)).hasSize(200_000);
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      var pool = proxy.pool("web");
      org.awaitility.Awaitility.await().until(() -> pool.inFlight() == 0);
    }
  }
}
