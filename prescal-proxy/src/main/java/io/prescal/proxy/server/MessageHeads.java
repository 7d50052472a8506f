package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.prescal.proxy.http.HeaderRules;
import io.prescal.proxy.upstream.RawResponseHead;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites request and response heads as they cross the proxy: hop-by-hop headers out, framing
 * re-established for the next hop, forwarding headers and Via in.
 */
final class MessageHeads {

  /**
   * On every response to a request that waited in the hold queue (a cold start): how long it
   * waited, in milliseconds.
   */
  static final AsciiString COLD_START = AsciiString.cached("X-Prescal-Cold-Start");

  /**
   * The backend's copy of the client's request head, in wire form: HTTP/1.1, hop-by-hop headers
   * (RFC 9110 7.6.1, those Connection options drop included: see {@link HeaderRules}) and Expect
   * left out, framing re-established for the next hop, forwarding headers and Via in. The request's
   * own header map is read, never changed: no header objects are built for the copy.
   *
   * @param chunked whether the client sends the body chunked
   * @param upgrade whether the request asks for a protocol upgrade (kept for the backend)
   */
  static ByteBuf toBackend(
      HttpRequest request,
      boolean chunked,
      boolean upgrade,
      ForwardedHeaders forwarding,
      ProxySettings settings,
      String defaultHost,
      ByteBufAllocator alloc) {
    HttpHeaders headers = request.headers();
    WireHead out = WireHead.start();
    requestLine(out, request);
    String host = headers.get(HttpHeaderNames.HOST);
    int replaced = forwarding.writeTo(out, headers, settings.forwarded(), host);
    CharSequence via = via(request.protocolVersion(), headers, settings);
    if (via != null) {
      out.line(HttpHeaderNames.VIA, via);
    }
    if (chunked) {
      out.line(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    if (upgrade) {
      String protocol = headers.get(HttpHeaderNames.UPGRADE);
      out.line(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
      if (protocol != null) {
        out.line(HttpHeaderNames.UPGRADE, protocol);
      }
    }
    if (host == null) {
      // HTTP/1.0 clients may omit Host; the backend gets one, the forwarding headers do not.
      out.line(HttpHeaderNames.HOST, defaultHost);
    }
    List<String> dropped = HeaderRules.droppedByConnection(headers);
    Iterator<Map.Entry<CharSequence, CharSequence>> lines = headers.iteratorCharSequence();
    while (lines.hasNext()) {
      Map.Entry<CharSequence, CharSequence> line = lines.next();
      CharSequence name = line.getKey();
      if (!leftOut(name, replaced, via != null, chunked, dropped)) {
        out.line(name, line.getValue());
      }
    }
    return out.crlf().toBuffer(alloc);
  }

  /**
   * Whether a request line stays out of the backend's copy: hop-by-hop or dropped by a Connection
   * option ({@link HeaderRules}), Expect (the proxy answers it), or replaced by a line the proxy
   * writes itself.
   *
   * @param replaced the forwarding headers the proxy rewrites ({@code ForwardedHeaders.REPLACES_*})
   * @param via whether the proxy writes a merged Via
   * @param chunked whether the proxy re-frames the body as chunked (Content-Length goes)
   * @param dropped what {@link HeaderRules#droppedByConnection} found, or null
   */
  private static boolean leftOut(
      CharSequence name, int replaced, boolean via, boolean chunked, List<String> dropped) {
    return switch (HeaderRules.field(name)) {
      case OTHER -> HeaderRules.named(dropped, name);
      case HOST -> false;
      case CONTENT_LENGTH -> chunked;
      case EXPECT -> true;
      case VIA -> via;
      case FORWARDED -> (replaced & ForwardedHeaders.REPLACES_FORWARDED) != 0;
      case X_FORWARDED_FOR -> (replaced & ForwardedHeaders.REPLACES_FOR) != 0;
      case X_FORWARDED_PROTO -> (replaced & ForwardedHeaders.REPLACES_PROTO) != 0;
      case X_FORWARDED_HOST -> (replaced & ForwardedHeaders.REPLACES_HOST) != 0;
      default -> true; // hop-by-hop
    };
  }

  /**
   * The request line for HTTP/1.1, with the target as the client sent it, or as {@link
   * RequestChecks} normalised it (origin form; asterisk and authority forms as they came).
   */
  private static void requestLine(WireHead out, HttpRequest request) {
    out.text(request.method().asciiName()).text(SP).text(request.uri()).text(SP_HTTP_1_1).crlf();
  }

  private static final byte[] SP = {' '};
  private static final byte[] SP_HTTP_1_1 = " HTTP/1.1".getBytes(CharsetUtil.US_ASCII);

  /**
   * Turns the backend's response head into the client's, in place.
   *
   * @return whether the client connection may stay open after this response
   */
  static boolean toClient(
      HttpResponse response,
      HttpMethod method,
      HttpVersion clientVersion,
      boolean keepAlive,
      ProxySettings settings) {
    HttpHeaders headers = response.headers();
    boolean lengthKnown =
        headers.contains(HttpHeaderNames.CONTENT_LENGTH)
            && !HttpUtil.isTransferEncodingChunked(response);
    boolean framed = lengthKnown || bodyless(method, response.status().code());
    CharSequence via = via(response.protocolVersion(), headers, settings);
    HeaderRules.stripHopByHop(headers);
    if (!framed) {
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
      if (clientVersion.isKeepAliveDefault()) {
        // Chunked and close-delimited bodies are (re-)chunked for this hop (HTTP/2 frames them
        // itself): the client connection can stay open.
        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      } else {
        keepAlive = false;
      }
    }
    if (!keepAlive) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (!clientVersion.isKeepAliveDefault()) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    if (via != null) {
      headers.set(HttpHeaderNames.VIA, via);
    }
    response.setProtocolVersion(HttpVersion.HTTP_1_1);
    return keepAlive;
  }

  /**
   * The client's copy of a final response head read by the fast path, in wire form: the backend's
   * end-to-end lines as they came, then this proxy's (Connection where the client needs one, Via,
   * the backend-naming header), then the body if it came inline. The body's length is known, so no
   * framing changes.
   *
   * @param keepAlive whether the client connection stays open after this response
   * @param hsts the listener's Strict-Transport-Security value (replacing a backend's), or null
   * @param coldStartMillis how long the request waited in the hold queue, or -1 when it did not
   */
  static ByteBuf toClient(
      RawResponseHead head,
      HttpVersion clientVersion,
      boolean keepAlive,
      ProxySettings settings,
      String backendId,
      AsciiString hsts,
      long coldStartMillis,
      ByteBufAllocator alloc) {
    WireHead out = WireHead.start();
    boolean via = settings.viaHop() != null;
    // A backend's own lines of the proxy's headers are replaced.
    head.writeHead(
        out, via, settings.backendHeader(), hsts == null ? "" : Listener.STRICT_TRANSPORT_SECURITY);
    if (!keepAlive) {
      out.line(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (!clientVersion.isKeepAliveDefault()) {
      out.line(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    if (via) {
      HttpVersion version = head.http10() ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
      out.line(HttpHeaderNames.VIA, via(version, head.via(), settings));
    }
    if (!settings.backendHeader().isEmpty()) {
      out.line(settings.backendHeader(), backendId);
    }
    if (hsts != null) {
      out.line(Listener.STRICT_TRANSPORT_SECURITY, hsts);
    }
    if (coldStartMillis >= 0) {
      out.line(COLD_START, Long.toString(coldStartMillis));
    }
    out.crlf();
    if (head.bodyInline()) {
      head.writeBody(out);
    }
    return out.toBuffer(alloc);
  }

  /**
   * The client's copy of a backend's 101 Switching Protocols: hop-by-hop headers out, the upgrade
   * kept.
   */
  static DefaultFullHttpResponse switching(HttpResponse response) {
    String protocol = response.headers().get(HttpHeaderNames.UPGRADE);
    DefaultFullHttpResponse switched =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER);
    switched.headers().set(response.headers());
    HeaderRules.stripHopByHop(switched.headers());
    switched.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    if (protocol != null) {
      switched.headers().set(HttpHeaderNames.UPGRADE, protocol);
    }
    return switched;
  }

  /** Whether a response to {@code method} with {@code status} never has a body. */
  static boolean bodyless(HttpMethod method, int status) {
    return method.equals(HttpMethod.HEAD) || status < 200 || status == 204 || status == 304;
  }

  /**
   * The Via value for the next hop: the message's own Via lines, if any, joined in order, plus this
   * proxy's element.
   */
  private static CharSequence via(
      HttpVersion version, HttpHeaders headers, ProxySettings settings) {
    if (settings.viaHop() == null) {
      return null;
    }
    String existing = headers.get(HttpHeaderNames.VIA);
    if (existing != null) {
      List<String> lines = headers.getAll(HttpHeaderNames.VIA); // rare: only then a list is made
      if (lines.size() > 1) {
        existing = String.join(", ", lines);
      }
    }
    return via(version, existing, settings);
  }

  /**
   * This proxy's Via element for a message of {@code version} after {@code existing} (the message's
   * own Via value, or null). Via must be on.
   */
  private static CharSequence via(HttpVersion version, String existing, ProxySettings settings) {
    CharSequence hop =
        HttpVersion.HTTP_1_1.equals(version)
            ? settings.viaHop()
            : version.majorVersion() > 1
                ? version.majorVersion() + " " + settings.forwarded().via() // HTTP/2: "2"
                : version.majorVersion()
                    + "."
                    + version.minorVersion()
                    + " "
                    + settings.forwarded().via();
    return existing == null ? hop : existing + ", " + hop;
  }

  private MessageHeads() {}
}
