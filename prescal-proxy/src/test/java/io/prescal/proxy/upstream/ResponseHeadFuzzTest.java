package io.prescal.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
import io.prescal.proxy.testing.Fuzz;
import io.prescal.proxy.testing.StrictFramer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the backend side's head parsing over many generated and mutated responses: the fast
 * path's {@link RawHeadParser} alone, and the whole backend pipeline ({@link ResponseFastPath} in
 * front of {@link BackendHttpCodec}, fed in random reads). No exception escapes; a head the fast
 * path takes is one {@link StrictFramer} reads from the same bytes, with the same length, body
 * length, connection reuse and end-to-end lines (the hop-by-hop rule stated again here,
 * independently); and every response the pipeline passes on whole is framed as the strict reader
 * frames it.
 */
class ResponseHeadFuzzTest {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "proxy-authenticate",
          "proxy-authorization");

  /** Fields a Connection option cannot drop: they keep their own rule. */
  private static final Set<String> OWN_RULE =
      Set.of(
          "host",
          "content-length",
          "expect",
          "via",
          "forwarded",
          "x-forwarded-for",
          "x-forwarded-proto",
          "x-forwarded-host");

  @Test
  void aHeadTheFastPathTakesIsOneAStrictReaderReadsTheSame() {
    Random seeds = new Random(Fuzz.SEED);
    int taken = 0;
    for (int i = 0; i < Fuzz.CASES; i++) {
      long seed = seeds.nextLong();
      Fuzz fuzz = new Fuzz(new Random(seed));
      boolean head = fuzz.chance(0.1);
      byte[] input = response(fuzz);
      try {
        taken += checkParser(input, head, fuzz) ? 1 : 0;
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "case " + i + " (seed " + seed + "): " + Fuzz.show(input) + "\n" + e.getMessage(), e);
      }
    }
    assertThat(taken).isGreaterThan(Fuzz.CASES / 10);
  }

  @Test
  void aResponseThePipelinePassesOnIsFramedAsAStrictReaderFramesIt() {
    Random seeds = new Random(~Fuzz.SEED);
    int passed = 0;
    for (int i = 0; i < Fuzz.CASES; i++) {
      long seed = seeds.nextLong();
      Fuzz fuzz = new Fuzz(new Random(seed));
      boolean head = fuzz.chance(0.1);
      byte[] input = response(fuzz);
      try {
        passed += checkPipeline(input, head, fuzz) ? 1 : 0;
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "case " + i + " (seed " + seed + "): " + Fuzz.show(input) + "\n" + e.getMessage(), e);
      }
    }
    assertThat(passed).isGreaterThan(Fuzz.CASES / 4);
  }

  /** Whether the fast path took the head. */
  private static boolean checkParser(byte[] input, boolean toHead, Fuzz fuzz) {
    // Prefixes as they arrive: never an exception, never a head the full bytes do not hold.
    int cut = fuzz.below(input.length + 1);
    Object partial = RawHeadParser.parse(input, cut, toHead, Unpooled.wrappedBuffer(input, 0, cut));
    ReferenceCountUtil.release(partial);
    Object parsed = RawHeadParser.parse(input, input.length, toHead, Unpooled.wrappedBuffer(input));
    if (!(parsed instanceof RawResponseHead head)) {
      return false;
    }
    try {
      StrictFramer.Result strict = StrictFramer.response(input, 0, input.length, toHead);
      if (strict instanceof StrictFramer.Invalid invalid) {
        throw new AssertionError("the fast path takes a head a strict reader refuses: " + invalid);
      }
      if (!(strict instanceof StrictFramer.Message m)) {
        return true; // its body has not all arrived: nothing more to compare
      }
      assertThat(head.size()).as("head length").isEqualTo(m.headEnd());
      assertThat(head.contentLength()).as("body length").isEqualTo(m.body().length);
      assertThat(head.status())
          .as("status")
          .isEqualTo(Integer.parseInt(m.startLine().substring(9, 12)));
      assertThat(head.keepAlive()).as("connection reuse").isEqualTo(keepAlive(m));
      WireHead out = WireHead.start();
      head.writeHead(out, true);
      ByteBuf copy = out.toBuffer(UnpooledByteBufAllocator.DEFAULT);
      String written = copy.toString(StandardCharsets.ISO_8859_1);
      copy.release();
      assertThat(lines(written)).as("the lines the client gets").isEqualTo(endToEnd(m));
      return true;
    } finally {
      head.release();
    }
  }

  /** Whether the pipeline passed a whole final response on. */
  private static boolean checkPipeline(byte[] input, boolean toHead, Fuzz fuzz) {
    BackendHttpCodec codec = new BackendHttpCodec();
    EmbeddedChannel ch = new EmbeddedChannel(new ResponseFastPath(codec), codec);
    ch.writeOutbound(
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, toHead ? HttpMethod.HEAD : HttpMethod.GET, "/"));
    ByteBuf sent;
    while ((sent = ch.readOutbound()) != null) {
      sent.release();
    }
    List<Object> got = new ArrayList<>();
    for (byte[] piece : fuzz.pieces(input)) {
      ch.writeInbound(Unpooled.wrappedBuffer(piece));
      drain(ch, got);
    }
    ch.finish(); // the backend closes: a body without length ends here
    drain(ch, got);
    try {
      return compare(input, toHead, got);
    } finally {
      got.forEach(ReferenceCountUtil::release);
    }
  }

  private static void drain(EmbeddedChannel ch, List<Object> got) {
    Object msg;
    while ((msg = ch.readInbound()) != null) {
      got.add(msg);
    }
  }

  private static boolean compare(byte[] input, boolean toHead, List<Object> got) {
    int pos = 0;
    int i = 0;
    while (i < got.size()) {
      Object first = got.get(i++);
      int status;
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (first instanceof RawResponseHead raw) {
        status = raw.status();
        if (raw.bodyInline()) {
          WireHead out = WireHead.start();
          raw.writeBody(out);
          ByteBuf inline = out.toBuffer(UnpooledByteBufAllocator.DEFAULT);
          body.writeBytes(ByteBufUtil.getBytes(inline));
          inline.release();
        }
      } else if (first instanceof HttpResponse response) {
        if (response.decoderResult().isFailure()) {
          return false; // refused: a 502, nothing forwarded
        }
        status = response.status().code();
      } else {
        return false; // bytes after an upgrade, or out of step: nothing framed to compare
      }
      boolean complete = false;
      while (i < got.size() && got.get(i) instanceof HttpContent content) {
        i++;
        if (content.decoderResult().isFailure()) {
          return false; // the proxy cuts the response and closes
        }
        body.writeBytes(ByteBufUtil.getBytes(content.content()));
        if (content instanceof LastHttpContent) {
          complete = true;
          break;
        }
      }
      if (!complete) {
        return false;
      }
      StrictFramer.Result strict = StrictFramer.responseClosed(input, pos, input.length, toHead);
      if (!(strict instanceof StrictFramer.Message m)) {
        throw new AssertionError(
            "the proxy passes on a response a strict reader says is " + strict);
      }
      assertThat(status).as("status").isEqualTo(Integer.parseInt(m.startLine().substring(9, 12)));
      assertThat(body.toByteArray()).as("body").isEqualTo(m.body());
      pos = m.end();
      if (status >= 200 || status == 101) {
        return status >= 200;
      }
    }
    return false;
  }

  private static boolean keepAlive(StrictFramer.Message m) {
    boolean close = false;
    boolean keepAlive = false;
    for (String value : m.values("connection")) {
      for (String option : value.split(",")) {
        String o = option.strip().toLowerCase(Locale.ROOT);
        close |= o.equals("close");
        keepAlive |= o.equals("keep-alive");
      }
    }
    return !close && (m.startLine().startsWith("HTTP/1.1") || keepAlive);
  }

  /**
   * The strict reading's lines a client gets: not hop-by-hop, not dropped by Connection, no Via.
   */
  private static List<String> endToEnd(StrictFramer.Message m) {
    List<String> dropped = new ArrayList<>();
    for (String value : m.values("connection")) {
      for (String option : value.split(",")) {
        String o = option.strip().toLowerCase(Locale.ROOT);
        if (!HOP_BY_HOP.contains(o) && !OWN_RULE.contains(o)) {
          dropped.add(o);
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] field : m.fields()) {
      String name = field[0].toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !dropped.contains(name) && !name.equals("via")) {
        out.add(field[0] + ":" + field[1]);
      }
    }
    return out;
  }

  /** The header lines of a written head as name:value (value trimmed). */
  private static List<String> lines(String head) {
    List<String> out = new ArrayList<>();
    String[] all = head.split("\r\n");
    for (int i = 1; i < all.length; i++) {
      int colon = all[i].indexOf(':');
      out.add(all[i].substring(0, colon) + ":" + all[i].substring(colon + 1).strip());
    }
    return out;
  }

  /** A response, often preceded by an interim one, often valid and often one step off. */
  private static byte[] response(Fuzz f) {
    if (f.chance(0.1)) {
      f.add(f.pick(List.of("HTTP/1.1 100 Continue", "HTTP/1.1 103 Early Hints")))
          .add(f.eol())
          .add(f.eol());
    }
    String status =
        f.chance(0.7)
            ? "HTTP/1.1 200 OK"
            : f.pick(
                List.of(
                    "HTTP/1.0 200 OK",
                    "HTTP/1.1 204 No Content",
                    "HTTP/1.1 304 Not Modified",
                    "HTTP/1.1 404 Not Found",
                    "HTTP/1.1 200",
                    "HTTP/1.1  200 OK",
                    "HTTP/1.1 2000 OK",
                    "HTTP/1.1 099 Low",
                    "HTTP/1.1 0200 OK",
                    "HTTP/1.1 200 O\u0001K",
                    "HTTP/1.2 200 OK",
                    "HTTP/1.1 101 Switching Protocols"));
    f.add(status).add(f.eol());
    int framing = f.below(10); // 0-1 none, 2-6 length, 7-8 chunked, 9 both
    int length = -1;
    if (framing >= 2 && framing != 7 && framing != 8) {
      String value =
          f.chance(0.8)
              ? String.valueOf(f.below(12))
              : f.pick(
                  List.of("+5", "-1", "5, 5", " 5", "5 ", "", "05", "99999999999999999999", "5 5"));
      if (value.strip().matches("\\d{1,3}")) {
        length = Integer.parseInt(value.strip());
      }
      f.add(
              f.pick(
                  List.of(
                      "Content-Length",
                      "Content-Length",
                      "Content-Length",
                      "content-length",
                      "Content-Length ",
                      "Content Length")))
          .add(": " + value)
          .add(f.eol());
      if (f.chance(0.05)) {
        f.add("Content-Length: " + f.below(12)).add(f.eol());
      }
    }
    boolean chunked = framing >= 7;
    if (chunked) {
      f.add("Transfer-Encoding: ")
          .add(
              f.chance(0.8)
                  ? "chunked"
                  : f.pick(List.of("gzip, chunked", "gzip", "chunked, gzip", "Chunked")))
          .add(f.eol());
    }
    for (int h = f.below(4); h > 0; h--) {
      f.add(
              f.pick(
                  List.of(
                      "Connection: close",
                      "Connection: keep-alive",
                      "Connection: content-length",
                      "Connection: X-A, close",
                      "Connection: host, x-a",
                      "X-A: 1",
                      "Keep-Alive: timeout=5",
                      "Via: 1.1 a",
                      "Server: s",
                      "Set-Cookie: a=b; Path=/",
                      "X-F: a\r\n b",
                      "Bad Name: x",
                      "X-O: caf\u00e9",
                      "X-E:",
                      "Host: h")))
          .add(f.eol());
    }
    f.add(f.eol());
    if (chunked) {
      for (int c = f.below(3); c > 0; c--) {
        f.add(
                f.chance(0.85)
                    ? "5"
                    : f.pick(List.of("05", "5;x=y", "0x5", "-5", "fffffffffffffffffff", "5;")))
            .add(f.eol())
            .add(f.bytes(5))
            .add(f.eol());
      }
      f.add("0").add(f.eol());
      if (f.chance(0.1)) {
        f.add(f.pick(List.of("X-T: 1", "X-T: a\rb", "Content-Length: 5"))).add(f.eol());
      }
      f.add(f.eol());
    } else if (length > 0) {
      f.add(f.bytes(f.chance(0.9) ? length : f.below(length + 3)));
    } else if (length < 0 && f.chance(0.5)) {
      f.add(f.bytes(f.below(8))); // a body until the connection closes
    }
    return f.mutated();
  }
}
