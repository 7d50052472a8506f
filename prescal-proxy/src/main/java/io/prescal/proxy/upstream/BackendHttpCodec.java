package io.prescal.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.List;

/**
 * The HTTP/1.1 codec of a backend connection. Like Netty's {@code HttpClientCodec}, it pairs each
 * response with the method of its request (a response to HEAD has no body); unlike it, it holds one
 * method rather than a queue, because the proxy sends a backend connection one request at a time,
 * and a response read by {@link ResponseFastPath} never reaches this decoder to take a queue entry.
 */
public final class BackendHttpCodec
    extends CombinedChannelDuplexHandler<HttpResponseDecoder, HttpRequestEncoder> {
  private HttpMethod method = HttpMethod.GET;
  private boolean upgraded;

  public BackendHttpCodec() {
    init(
        new Decoder(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(65536)
                .setMaxChunkSize(65536)
                .setValidateHeaders(false)),
        new Encoder());
  }

  /** The method of the request the backend is answering. */
  HttpMethod method() {
    return method;
  }

  /** The connection became a tunnel (101): bytes written from now on pass as they are. */
  public void upgraded() {
    upgraded = true;
  }

  private final class Encoder extends HttpRequestEncoder {
    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out)
        throws Exception {
      if (upgraded) {
        // HttpObjectEncoder does not release what encode() is given: pass it on as it is.
        out.add(msg);
        return;
      }
      if (msg instanceof HttpRequest request) {
        method = request.method();
      }
      super.encode(ctx, msg, out);
    }
  }

  private final class Decoder extends HttpResponseDecoder {
    Decoder(HttpDecoderConfig config) {
      super(config);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
      HttpResponse response = (HttpResponse) msg;
      if (response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
        if (HttpMethod.HEAD.equals(method)) {
          return true;
        }
        if (HttpMethod.CONNECT.equals(method)
            && response.status().codeClass() == HttpStatusClass.SUCCESS) {
          return true;
        }
      }
      return super.isContentAlwaysEmpty(msg);
    }
  }
}
