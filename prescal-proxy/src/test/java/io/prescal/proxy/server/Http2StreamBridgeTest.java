package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.prescal.proxy.http.CountedHeaders;
import org.junit.jupiter.api.Test;

/**
 * How a stream's HEADERS become the request the HTTP/1.1 rules judge. Netty's HTTP/2 decoder
 * already refuses most malformed fields; these hold even where it would not.
 */
class Http2StreamBridgeTest {

  private static Http2Headers get(String... extra) {
    Http2Headers headers =
        new DefaultHttp2Headers(false)
            .method("GET")
            .scheme("https")
            .authority("a.example")
            .path("/p");
    for (int i = 0; i < extra.length; i += 2) {
      headers.add(extra[i], extra[i + 1]);
    }
    return headers;
  }

  @Test
  void authorityBecomesTheOneHostAndCookiesAreJoined() {
    HttpRequest request =
        Http2StreamBridge.request(get("cookie", "a=1", "host", "A.example", "cookie", "b=2"), true);
    assertThat(request.decoderResult().isSuccess()).isTrue();
    assertThat(request.protocolVersion()).isSameAs(Http2StreamBridge.HTTP_2);
    assertThat(request.uri()).isEqualTo("/p");
    assertThat(request.headers().getAll("host")).containsExactly("a.example");
    assertThat(((CountedHeaders) request.headers()).hostLines()).isEqualTo(1);
    assertThat(request.headers().get("cookie")).isEqualTo("a=1; b=2");
    assertThat(request.headers().contains("transfer-encoding")).isFalse();
  }

  @Test
  void aDifferentHostMakesTwoHostLinesForTheChecksToRefuse() {
    HttpRequest request = Http2StreamBridge.request(get("host", "b.example"), true);
    assertThat(((CountedHeaders) request.headers()).hostLines()).isEqualTo(2);
    assertThat(RequestChecks.check(request).status().code()).isEqualTo(400);
  }

  @Test
  void aBodyOfUnknownLengthIsMarkedChunkedForTheBackend() {
    assertThat(Http2StreamBridge.request(get(), false).headers().get("transfer-encoding"))
        .isEqualTo("chunked");
    assertThat(
            Http2StreamBridge.request(get("content-length", "3"), false)
                .headers()
                .contains("transfer-encoding"))
        .isFalse();
  }

  @Test
  void fieldsAnHttp11BackendWouldReadTwoWaysMakeAFailedRequest() {
    for (Http2Headers bad :
        new Http2Headers[] {
          get("x-evil", "a\r\nx-injected: 1"),
          get("x-nul", "a\0b"),
          get("bad name", "v"),
          get().path("/a b"),
          new DefaultHttp2Headers(false).method("CONNECT").authority("a.example:443"),
          new DefaultHttp2Headers(false).method("GET").authority("a.example")
        }) {
      assertThat(Http2StreamBridge.request(bad, true).decoderResult().isFailure())
          .as(bad.toString())
          .isTrue();
    }
  }
}
