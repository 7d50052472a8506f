package io.prescal.proxy.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.prescal.proxy.http.CountedHeaders;
import io.prescal.proxy.http.FieldSyntax;
import io.prescal.proxy.http.HostLines;

/**
 * What a decoded request head must be before it is routed, on top of what Netty's decoder refuses
 * itself (bad lines and field syntax, a bad or doubled Content-Length, Transfer-Encoding with
 * Content-Length or on HTTP/1.0, a final coding other than chunked). One Host line (none allowed on
 * HTTP/1.0) with a valid value; one Content-Length line; no transfer coding but chunked; a target
 * the proxy can route as it forwards it ({@link RequestTarget}), which this normalises in place;
 * and a method that is a token.
 */
final class RequestChecks {

  /** Why a request is refused: its status and one sentence for the client. */
  record Refusal(HttpResponseStatus status, String detail) {}

  private static final Refusal BAD_METHOD = bad("the method is not a token (RFC 9110 9.1)");
  private static final Refusal NOT_HTTP = bad("the request line does not end in HTTP/1.x");
  private static final Refusal NO_HOST =
      bad("an HTTP/1.1 request needs a Host header (RFC 9112 3.2)");
  private static final Refusal SEVERAL_HOSTS =
      bad("a request may have only one Host header (RFC 9112 3.2)");
  private static final Refusal BAD_HOST = bad("the Host header is not a host[:port]");
  private static final Refusal SEVERAL_LENGTHS =
      bad("a request may have only one Content-Length header (RFC 9112 6.3)");
  private static final Refusal CODINGS =
      new Refusal(
          HttpResponseStatus.NOT_IMPLEMENTED,
          "transfer codings other than a single chunked are not supported");
  private static final Refusal BAD_TARGET = bad("the request target has control characters");
  private static final Refusal BAD_FORM =
      bad("the request target must be a path (/...) or an absolute http URI");
  private static final Refusal BAD_PATH =
      bad("the request path has a bad percent-encoding or climbs above the root (..)");

  /**
   * Checks {@code request}; normalises its target, and sets Host from an absolute-form target.
   *
   * @return why it is refused, or null when it may be routed and forwarded
   */
  static Refusal check(HttpRequest request) {
    if (!FieldSyntax.isToken(request.method().name())) {
      return BAD_METHOD; // Netty takes any word without spaces or controls
    }
    if (!"HTTP".equals(request.protocolVersion().protocolName())) {
      return NOT_HTTP; // Netty takes any name/1.1
    }
    HttpHeaders headers = request.headers();
    CountedHeaders counted = (CountedHeaders) headers;
    int hosts = counted.hostLines();
    switch (HostLines.judge(request.protocolVersion(), hosts)) {
      case SEVERAL -> {
        return SEVERAL_HOSTS;
      }
      case MISSING -> {
        return NO_HOST;
      }
      case FINE -> {}
    }
    if (hosts == 1 && !RequestTarget.validHost(headers.get(HttpHeaderNames.HOST))) {
      return BAD_HOST;
    }
    if (counted.lengthLines() > 1) {
      return SEVERAL_LENGTHS;
    }
    if (counted.codingLines() > 0
        && (counted.codingLines() > 1
            || !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(
                headers.get(HttpHeaderNames.TRANSFER_ENCODING)))) {
      // Netty let it through, so the last coding is chunked: another one comes before it.
      return CODINGS;
    }
    return target(request);
  }

  private static Refusal target(HttpRequest request) {
    String uri = request.uri();
    switch (RequestTarget.classify(uri)) {
      case RequestTarget.PLAIN -> {
        return null;
      }
      case RequestTarget.INVALID -> {
        return BAD_TARGET;
      }
      case RequestTarget.NORMALISE -> {
        return normalise(request, uri);
      }
      default -> {
        return otherForm(request, uri);
      }
    }
  }

  private static Refusal otherForm(HttpRequest request, String uri) {
    HttpMethod method = request.method();
    if (uri.equals("*") && method.equals(HttpMethod.OPTIONS) || method.equals(HttpMethod.CONNECT)) {
      return null;
    }
    String[] absolute = RequestTarget.fromAbsolute(uri);
    if (absolute == null) {
      return BAD_FORM;
    }
    request.headers().set(HttpHeaderNames.HOST, absolute[0]);
    request.setUri(absolute[1]);
    return RequestTarget.classify(absolute[1]) == RequestTarget.NORMALISE
        ? normalise(request, absolute[1])
        : null;
  }

  private static Refusal normalise(HttpRequest request, String uri) {
    int pathEnd = RequestTarget.pathEnd(uri);
    String path = RequestTarget.normalisedPath(uri.substring(0, pathEnd));
    if (path == null) {
      return BAD_PATH;
    }
    if (path.length() != pathEnd || !uri.startsWith(path)) {
      request.setUri(path + uri.substring(pathEnd));
    }
    return null;
  }

  private static Refusal bad(String detail) {
    return new Refusal(HttpResponseStatus.BAD_REQUEST, detail);
  }

  private RequestChecks() {}
}
