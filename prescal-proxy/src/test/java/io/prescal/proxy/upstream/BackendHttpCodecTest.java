package io.prescal.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.prescal.proxy.testing.Wire;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request heads in wire form and the body parts after them, as the backend receives them. */
class BackendHttpCodecTest {
  private static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
  }

  /** A request head in wire form, as MessageHeads writes it, and how its body follows. */
  private static BackendHttpCodec.EncodedRequest request(
      String head, HttpMethod method, BackendHttpCodec.Body body) {
    return new BackendHttpCodec.EncodedRequest(bytes(head), method, body);
  }

  @Test
  void chunkedBodyIsFramedWithItsTrailers() {
    EmbeddedChannel ch = new EmbeddedChannel(new BackendHttpCodec());
    ch.writeOutbound(
        request(
            "POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n",
            HttpMethod.POST,
            BackendHttpCodec.Body.CHUNKED));
    ch.writeOutbound(new DefaultHttpContent(bytes("hello world, ")));
    ch.writeOutbound(new DefaultHttpContent(Unpooled.EMPTY_BUFFER));
    LastHttpContent last = new DefaultLastHttpContent(bytes("bye"));
    last.trailingHeaders().set("X-Checksum", "7");
    ch.writeOutbound(last);
    assertThat(Wire.outbound(ch))
        .isEqualTo(
            "POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n"
                + "d\r\nhello world, \r\n3\r\nbye\r\n0\r\nX-Checksum: 7\r\n\r\n");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void lengthBodyPassesAsItIsAndTheNextRequestFollows() {
    EmbeddedChannel ch = new EmbeddedChannel(new BackendHttpCodec());
    ch.writeOutbound(
        request(
            "PUT / HTTP/1.1\r\ncontent-length: 5\r\n\r\n",
            HttpMethod.PUT,
            BackendHttpCodec.Body.AS_IS));
    ch.writeOutbound(new DefaultHttpContent(bytes("ab")));
    ch.writeOutbound(new DefaultLastHttpContent(bytes("cde")));
    ch.writeOutbound(
        request("HEAD / HTTP/1.1\r\n\r\n", HttpMethod.HEAD, BackendHttpCodec.Body.NONE));
    assertThat(Wire.outbound(ch))
        .isEqualTo("PUT / HTTP/1.1\r\ncontent-length: 5\r\n\r\nabcdeHEAD / HTTP/1.1\r\n\r\n");
    // The response is paired with the last request's method: HEAD answers have no body.
    ch.writeInbound(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
    Object head = ch.readInbound();
    assertThat(head).isInstanceOf(HttpResponse.class);
    assertThat((Object) ch.readInbound()).isInstanceOf(LastHttpContent.class);
    ch.finishAndReleaseAll();
  }
}
