package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.testing.Fuzz;
import io.prescal.proxy.testing.StrictFramer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A property of the client side's head parsing ({@link ClientHttpCodec}, then {@link
 * RequestChecks}), over many generated and mutated requests, pipelined and cut into random reads:
 * no exception escapes, and every request the proxy would forward is one that {@link StrictFramer}
 * reads from the same bytes, with the same method, target, body and chunking, so that the proxy and
 * a strict backend never disagree on where a request ends.
 */
class RequestHeadFuzzTest {

  @Test
  void everyRequestTheProxyForwardsIsFramedAsAStrictReaderFramesIt() {
    Random seeds = new Random(Fuzz.SEED);
    int forwarded = 0;
    for (int i = 0; i < Fuzz.CASES; i++) {
      long seed = seeds.nextLong();
      Fuzz fuzz = new Fuzz(new Random(seed));
      byte[] input = requests(fuzz);
      try {
        forwarded += check(input, fuzz);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "case " + i + " (seed " + seed + "): " + Fuzz.show(input) + "\n" + e.getMessage(), e);
      }
    }
    // The generator must keep producing valid requests too, or the property tests nothing.
    assertThat(forwarded).isGreaterThan(Fuzz.CASES / 4);
  }

  /** One decoded request: its head, body, and whether all of it arrived well-formed. */
  private static final class Decoded {
    final HttpRequest head;
    final String uri;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean complete;
    boolean failed;

    Decoded(HttpRequest head) {
      this.head = head;
      this.uri = head.uri();
      this.failed = head.decoderResult().isFailure();
    }
  }

  /** Checks one input; the number of requests it forwards. */
  private static int check(byte[] input, Fuzz fuzz) {
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new ClientHttpCodec(
                new HttpDecoderConfig().setMaxInitialLineLength(1024).setMaxHeaderSize(4096)));
    List<Decoded> decoded = new ArrayList<>();
    for (byte[] piece : fuzz.pieces(input)) {
      ch.writeInbound(Unpooled.wrappedBuffer(piece));
      Object msg;
      while ((msg = ch.readInbound()) != null) {
        try {
          if (msg instanceof HttpRequest request) {
            decoded.add(new Decoded(request));
          }
          if (msg instanceof HttpContent content && !decoded.isEmpty()) {
            Decoded last = decoded.get(decoded.size() - 1);
            last.failed |= content.decoderResult().isFailure();
            last.body.writeBytes(ByteBufUtil.getBytes(content.content()));
            last.complete |= content instanceof LastHttpContent;
          }
        } finally {
          ReferenceCountUtil.release(msg);
        }
      }
    }
    ch.finishAndReleaseAll();
    int pos = 0;
    int forwarded = 0;
    for (Decoded d : decoded) {
      if (d.failed || !accepted(d.head) || !d.complete) {
        break; // refused, or still arriving: nothing after it is read
      }
      StrictFramer.Result strict = StrictFramer.requestLenient(input, pos, input.length);
      if (!(strict instanceof StrictFramer.Message m)) {
        throw new AssertionError(
            "the proxy forwards request " + forwarded + " but a strict reader says " + strict);
      }
      String[] words = m.startLine().split(" ");
      assertThat(d.head.method().name()).as("method").isEqualTo(words[0]);
      assertThat(d.uri).as("target").isEqualTo(words[1]);
      assertThat(d.body.toByteArray()).as("body").isEqualTo(m.body());
      assertThat(HttpUtil.isTransferEncodingChunked(d.head)).as("chunked").isEqualTo(m.chunked());
      pos = m.end();
      forwarded++;
    }
    return forwarded;
  }

  /** Whether the client handler would route the request (its version and head checks pass). */
  private static boolean accepted(HttpRequest request) {
    var version = request.protocolVersion();
    return version.majorVersion() == 1
        && version.minorVersion() <= 1
        && RequestChecks.check(request) == null;
  }

  /** One to three requests in a row, each often valid and often one step off. */
  private static byte[] requests(Fuzz f) {
    int count = 1 + f.below(3);
    for (int r = 0; r < count; r++) {
      if (f.chance(0.05)) {
        f.add("\r\n"); // an empty line before a request is allowed
      }
      String version =
          f.chance(0.8)
              ? "HTTP/1.1"
              : f.pick(List.of("HTTP/1.0", "HTTP/1.2", "http/1.1", "HTTP/2.0"));
      f.add(
              f.pick(
                  List.of(
                      "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "G(T", "GET")))
          .add(f.chance(0.97) ? " " : f.pick(List.of("  ", "\t")))
          .add(
              f.pick(
                  List.of(
                      "/",
                      "/a?b=c",
                      "/a/../b",
                      "/%2e%2e/x",
                      "/x/%2E/y",
                      "*",
                      "http://h/x",
                      "/a%zz",
                      "/a#f")))
          .add(" ")
          .add(version)
          .add(f.eol());
      if (f.chance(0.9)) {
        f.add("Host: h").add(f.eol());
      }
      if (f.chance(0.05)) {
        f.add(f.pick(List.of("Host: h2", "Host: a b", "host: h"))).add(f.eol());
      }
      int framing = f.below(10); // 0-3 none, 4-6 length, 7-8 chunked, 9 both
      int length = -1;
      if (framing >= 4 && framing != 7 && framing != 8) {
        String value =
            f.chance(0.75)
                ? String.valueOf(f.below(12))
                : f.pick(
                    List.of(
                        "+5",
                        "-1",
                        "5, 5",
                        "5,6",
                        " 5",
                        "5 ",
                        "",
                        "05",
                        "99999999999999999999",
                        "0x5",
                        "5 5"));
        if (value.strip().matches("\\d{1,3}")) {
          length = Integer.parseInt(value.strip());
        }
        f.add(
                f.pick(
                    List.of(
                        "Content-Length", "Content-Length", "content-length", "Content-Length ")))
            .add(": " + value)
            .add(f.eol());
        if (f.chance(0.05)) {
          f.add("Content-Length: " + f.below(12)).add(f.eol());
        }
      }
      boolean chunked = framing >= 7;
      if (chunked) {
        String coding =
            f.chance(0.75)
                ? "chunked"
                : f.pick(
                    List.of(
                        "Chunked",
                        " chunked",
                        "\tchunked",
                        "chunked, identity",
                        "gzip, chunked",
                        "xchunked",
                        "chunked;q=1",
                        "identity",
                        "chunked,"));
        f.add(
                f.pick(
                    List.of(
                        "Transfer-Encoding",
                        "Transfer-Encoding",
                        "transfer-encoding",
                        "Transfer-Encoding ")))
            .add(":" + (coding.startsWith(" ") || coding.startsWith("\t") ? "" : " ") + coding)
            .add(f.eol());
        if (f.chance(0.05)) {
          f.add("Transfer-Encoding: chunked").add(f.eol());
        }
      }
      for (int h = f.below(3); h > 0; h--) {
        f.add(
                f.pick(
                    List.of(
                        "X-A: v",
                        "Connection: close",
                        "Connection: content-length",
                        "Connection: keep-alive, x-a",
                        "Accept: */*",
                        "X-F: a" + "\r\n b",
                        "X-E:",
                        "Cookie: c=1; d=2",
                        "X-O: caf\u00e9")))
            .add(f.eol());
      }
      f.add(f.eol());
      if (chunked) {
        for (int c = f.below(3); c > 0; c--) {
          String size =
              f.chance(0.8)
                  ? "5"
                  : f.pick(
                      List.of(
                          "05",
                          "5;x=y",
                          "5 ;x",
                          "0x5",
                          "-5",
                          "fffffffffffffffffff",
                          "5\t",
                          "5;",
                          "5 5"));
          f.add(size).add(f.eol()).add(f.bytes(5)).add(f.eol());
        }
        f.add("0").add(f.eol());
        if (f.chance(0.1)) {
          f.add("X-T: 1").add(f.eol());
        }
        f.add(f.eol());
      } else if (length > 0) {
        f.add(f.bytes(f.chance(0.9) ? length : f.below(length + 3)));
      }
    }
    return f.mutated();
  }
}
