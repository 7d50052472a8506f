package io.prescal.traffic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.prescal.traffic.engine.ResponseParser.Result;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Response framing, fed whole and one byte at a time (the way slow networks deliver it). */
class ResponseParserTest {

  private final ResponseParser parser = new ResponseParser("X-Prescal-Backend");

  private Result feed(String text, boolean byteByByte) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    Result last = Result.NEED_MORE;
    int chunk = byteByByte ? 1 : bytes.length;
    for (int i = 0; i < bytes.length; i += chunk) {
      assertThat(last).as("complete before byte %d", i).isEqualTo(Result.NEED_MORE);
      ByteBuf in = Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i));
      last = parser.parse(in);
      boolean leftOver = in.isReadable();
      in.release();
      if (last == Result.ERROR) {
        return last;
      }
      assertThat(leftOver).as("left over at byte %d", i).isFalse();
    }
    return last;
  }

  private void both(String response, Result expected) {
    for (boolean byteByByte : new boolean[] {false, true}) {
      parser.reset(false);
      assertThat(feed(response, byteByByte)).as(response).isEqualTo(expected);
    }
  }

  @Test
  void contentLengthBodiesEndExactly() {
    both(
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Prescal-Backend: web-2\r\n\r\nhello",
        Result.COMPLETE);
    assertThat(parser.status()).isEqualTo(200);
    assertThat(parser.keepAlive()).isTrue();
    assertThat(parser.backend()).isEqualTo("web-2");
  }

  @Test
  void chunkedBodiesWithExtensionsAndTrailersEnd() {
    both(
        "HTTP/1.1 503 Service Unavailable\r\ntransfer-encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n",
        Result.COMPLETE);
    assertThat(parser.status()).isEqualTo(503);
  }

  @Test
  void noBodyForHeadAnd204AndInterimResponsesAreSkipped() {
    parser.reset(true);
    assertThat(feed("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", false))
        .isEqualTo(Result.COMPLETE);
    both("HTTP/1.1 204 No Content\r\n\r\n", Result.COMPLETE);
    both(
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        Result.COMPLETE);
    assertThat(parser.status()).isEqualTo(201);
  }

  @Test
  void connectionCloseAndHttp10AreNotReusable() {
    both("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", Result.COMPLETE);
    assertThat(parser.keepAlive()).isFalse();
    both("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", Result.COMPLETE);
    assertThat(parser.keepAlive()).isFalse();
    both("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", Result.COMPLETE);
    assertThat(parser.keepAlive()).isTrue();
  }

  @Test
  void bytesAfterTheResponseStayUnreadAndDirectBuffersParseAlike() {
    String first = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Prescal-Backend: b1\r\n\r\nok";
    String second = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
    byte[] bytes = (first + second).getBytes(StandardCharsets.ISO_8859_1);
    ByteBuf in = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    try {
      parser.reset(false);
      assertThat(parser.parse(in)).isEqualTo(Result.COMPLETE);
      assertThat(parser.backend()).isEqualTo("b1");
      assertThat(in.readableBytes()).isEqualTo(second.length());
      parser.reset(false);
      assertThat(parser.parse(in)).isEqualTo(Result.COMPLETE);
      assertThat(parser.status()).isEqualTo(404);
      assertThat(in.isReadable()).isFalse();
    } finally {
      in.release();
    }
  }

  @Test
  void headersLongerThanOneScanAreRead() {
    String big = "x".repeat(5000);
    both(
        "HTTP/1.1 200 OK\r\nX-Big: "
            + big
            + "\r\nX-Prescal-Backend: far\r\nContent-Length: 1\r\n\r\n!",
        Result.COMPLETE);
    assertThat(parser.backend()).isEqualTo("far");
  }

  @Test
  void aBodyWithoutLengthEndsAtClose() {
    both("HTTP/1.1 200 OK\r\n\r\nstreaming until close", Result.NEED_MORE);
    assertThat(parser.endsAtClose()).isTrue();
    assertThat(parser.keepAlive()).isFalse();
  }

  @Test
  void garbageIsAProtocolErrorThatSaysWhy() {
    both("SSH-2.0-OpenSSH_9.2\r\n", Result.ERROR);
    assertThat(parser.error()).contains("not an HTTP/1.x status line").contains("SSH-2.0");
    both("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", Result.ERROR);
    assertThat(parser.error()).contains("\"ten\"");
    both("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", Result.ERROR);
    assertThat(parser.error()).contains("not hexadecimal");
  }
}
