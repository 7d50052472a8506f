package io.prescal.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.server.WireHead;
import io.prescal.proxy.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backend side's fast path on an EmbeddedChannel: which responses it reads itself, what it
 * makes of them, and that everything else reaches Netty's decoder intact.
 */
class ResponseFastPathTest {
  private static final String NGINX =
      "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 25 Nov 2026 23:54:54 GMT\r\n"
          + "Content-Type: text/html\r\nContent-Length: 3\r\nConnection: keep-alive\r\n"
          + "ETag: \"69263b39-3\"\r\nAccept-Ranges: bytes\r\n\r\nok\n";

  private static EmbeddedChannel backend(HttpMethod method) {
    BackendHttpCodec codec = new BackendHttpCodec();
    EmbeddedChannel ch = new EmbeddedChannel(new ResponseFastPath(codec), codec);
    send(ch, method);
    return ch;
  }

  /** The proxy's request goes out first: the codec learns its method. */
  private static void send(EmbeddedChannel ch, HttpMethod method) {
    ch.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/"));
    ByteBuf out;
    while ((out = ch.readOutbound()) != null) {
      out.release();
    }
  }

  private static List<Object> receive(EmbeddedChannel ch, String... reads) {
    for (String read : reads) {
      ch.writeInbound(Unpooled.copiedBuffer(read, StandardCharsets.ISO_8859_1));
    }
    List<Object> got = new ArrayList<>();
    Object msg;
    while ((msg = ch.readInbound()) != null) {
      got.add(msg);
    }
    return got;
  }

  private static String body(List<Object> parts) {
    StringBuilder body = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof RawResponseHead head && head.bodyInline()) {
        WireHead inline = WireHead.start();
        head.writeBody(inline);
        body.append(Wire.text(inline.toBuffer(UnpooledByteBufAllocator.DEFAULT)));
      }
      if (part instanceof HttpContent content) {
        body.append(content.content().toString(StandardCharsets.ISO_8859_1));
      }
      ReferenceCountUtil.release(part);
    }
    return body.toString();
  }

  /** The client's copy of the head as the fast path writes it (status line and kept lines). */
  private static String head(RawResponseHead head, boolean withoutVia) {
    return head(head, withoutVia, "");
  }

  /** As above, with the lines named {@code replaced} left out as well. */
  private static String head(RawResponseHead head, boolean withoutVia, String replaced) {
    WireHead out = WireHead.start();
    head.writeHead(out, withoutVia, replaced);
    return Wire.text(out.toBuffer(UnpooledByteBufAllocator.DEFAULT));
  }

  @Test
  void readsAPlainResponseWithoutNettysDecoder() {
    EmbeddedChannel ch = backend(HttpMethod.GET);
    List<Object> got = receive(ch, NGINX);
    assertThat(got).hasSize(2);
    RawResponseHead head = (RawResponseHead) got.get(0);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.keepAlive()).isTrue();
    assertThat(head.contentLength()).isEqualTo(3);
    assertThat(head(head, true))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 25 Nov 2026 23:54:54 GMT\r\n"
                + "Content-Type: text/html\r\nContent-Length: 3\r\n"
                + "ETag: \"69263b39-3\"\r\nAccept-Ranges: bytes\r\n");
    // A small body read along with its head travels in it: one write to the client for both.
    assertThat(head.bodyInline()).isTrue();
    assertThat(got.get(1)).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat(body(got)).isEqualTo("ok\n");
    assertThat(ch.pipeline().get(ResponseFastPath.class)).isNotNull();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void headAndBodySplitAcrossReadsAndTwoResponsesOnOneConnection() {
    EmbeddedChannel ch = backend(HttpMethod.GET);
    List<Object> got =
        receive(
            ch,
            "HTTP/1.1 200 OK\r\nContent-Le",
            "ngth: 10\r\nX-A: 1\r",
            "\n\r\n01234",
            "56789HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno");
    assertThat(got).hasSize(5);
    assertThat(((RawResponseHead) got.get(0)).contentLength()).isEqualTo(10);
    assertThat(((RawResponseHead) got.get(0)).bodyInline()).isFalse();
    assertThat(got.get(1)).isNotInstanceOf(LastHttpContent.class);
    assertThat(got.get(2)).isInstanceOf(LastHttpContent.class);
    assertThat(((RawResponseHead) got.get(3)).status()).isEqualTo(404);
    assertThat(((RawResponseHead) got.get(3)).bodyInline()).isTrue();
    assertThat(body(got)).isEqualTo("0123456789no");
    ch.finishAndReleaseAll();
  }

  @Test
  void aResponseToHeadHasNoBodyWhateverItsLength() {
    EmbeddedChannel ch = backend(HttpMethod.HEAD);
    List<Object> got = receive(ch, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
    assertThat(((RawResponseHead) got.get(0)).contentLength()).isZero();
    assertThat(got.get(1)).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
    body(got);
    send(ch, HttpMethod.GET);
    got = receive(ch, "HTTP/1.1 204 No Content\r\n\r\n");
    assertThat(((RawResponseHead) got.get(0)).status()).isEqualTo(204);
    assertThat(got).hasSize(2);
    ch.finishAndReleaseAll();
  }

  @Test
  void connectionTokensDecideReuseAndNameLinesToCut() {
    EmbeddedChannel ch = backend(HttpMethod.GET);
    List<Object> got =
        receive(
            ch,
            "HTTP/1.1 200 OK\r\nX-Private: a\r\nConnection: close, x-private\r\nKeep-Alive: 5\r\nClose: c\r\n"
                + "Via: 1.1 a\r\nContent-Length: 0\r\nvia: 1.0 b\r\nX-Kept: b\r\n\r\n");
    RawResponseHead head = (RawResponseHead) got.get(0);
    assertThat(head.keepAlive()).isFalse();
    assertThat(head(head, true)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Kept: b\r\n");
    assertThat(head(head, false))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\nVia: 1.1 a\r\nContent-Length: 0\r\nvia: 1.0 b\r\nX-Kept: b\r\n");
    assertThat(head.via()).isEqualTo("1.1 a, 1.0 b");
    body(got);
    ch.finishAndReleaseAll();
  }

  /**
   * A Connection option naming a field the proxy has its own rule for is ignored (HeaderRules): the
   * length stays, and so does the fast path.
   */
  @Test
  void anOptionNamingContentLengthIsIgnored() {
    EmbeddedChannel ch = backend(HttpMethod.GET);
    List<Object> got =
        receive(
            ch,
            "HTTP/1.1 200 OK\r\nConnection: content-length, host, X-Gone\r\nContent-Length: 3\r\n"
                + "X-Gone: 1\r\nHost: h\r\n\r\nabc");
    RawResponseHead head = (RawResponseHead) got.get(0);
    assertThat(head.contentLength()).isEqualTo(3);
    assertThat(head(head, true)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nHost: h\r\n");
    assertThat(body(got)).isEqualTo("abc");
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void linesOfAReplacedNameAreLeftOut() {
    String response =
        "HTTP/1.0 200 OK\r\nX-Served-By: own\r\nContent-Length: 0\r\nX-Served-By-Not: kept\r\n"
            + "Keep-Alive: 5\r\nx-served-by: again\r\nX-Kept: b\r\n\r\n";
    EmbeddedChannel ch = backend(HttpMethod.GET);
    List<Object> got = receive(ch, response);
    assertThat(head((RawResponseHead) got.get(0), true, "X-Served-By"))
        .isEqualTo(
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Served-By-Not: kept\r\nX-Kept: b\r\n");
    body(got);
    ch.finishAndReleaseAll();
  }

  @Test
  void http10KeepsTheConnectionOnlyWhenAsked() {
    EmbeddedChannel ch = backend(HttpMethod.GET);
    List<Object> got = receive(ch, "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
    assertThat(((RawResponseHead) got.get(0)).keepAlive()).isFalse();
    assertThat(((RawResponseHead) got.get(0)).http10()).isTrue();
    assertThat(head((RawResponseHead) got.get(0), true))
        .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
    body(got);
    got = receive(ch, "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n");
    assertThat(((RawResponseHead) got.get(0)).keepAlive()).isTrue();
    body(got);
    ch.finishAndReleaseAll();
  }

  /** Each of these is left to Netty's decoder, which then decodes the connection from there on. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1 200 OK\nContent-Length: 3\n\nabc",
        "HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1  200 OK\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nContent-Length: 3x\r\n\r\nabc",
      })
  void everythingElseGoesToNettysDecoder(String response) {
    EmbeddedChannel ch = backend(HttpMethod.GET);
    List<Object> got = receive(ch, response);
    assertThat(got).isNotEmpty();
    assertThat(got).noneMatch(RawResponseHead.class::isInstance);
    assertThat(got.get(0)).isInstanceOf(HttpResponse.class);
    assertThat(ch.pipeline().get(ResponseFastPath.class)).isNull();
    body(got);
    ch.finishAndReleaseAll();
  }

  @Test
  void aBodyRunningUntilCloseGoesToNettysDecoder() {
    EmbeddedChannel ch = backend(HttpMethod.GET);
    List<Object> got = receive(ch, "HTTP/1.1 200 OK\r\n\r\nuntil the end");
    assertThat(got.get(0)).isInstanceOf(HttpResponse.class);
    ch.close();
    Object msg;
    while ((msg = ch.readInbound()) != null) {
      got.add(msg);
    }
    assertThat(body(got)).isEqualTo("until the end");
  }

  @Test
  void aHeadLongerThanTheFastPathReadsGoesToNettysDecoder() {
    EmbeddedChannel ch = backend(HttpMethod.GET);
    String big = "X-Big: " + "b".repeat(RawHeadParser.MAX_HEAD) + "\r\n";
    List<Object> got =
        receive(
            ch,
            "HTTP/1.1 200 OK\r\n" + big.substring(0, 100),
            big.substring(100) + "Content-Length: 2\r\n\r\nok");
    assertThat(got.get(0)).isInstanceOf(HttpResponse.class);
    assertThat(body(got)).isEqualTo("ok");
    ch.finishAndReleaseAll();
  }
}
