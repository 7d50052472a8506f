package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large bodies stream through with bounded memory: 1 GB each way, and a slow client throttles the
 * backend instead of filling the proxy's memory. Memory is the Netty allocator's direct memory in
 * use (proxy and test backend together), sampled during the transfer.
 */
class StreamingTest {
  private static final long GIB = Long.getLong("prescal.test.bigBody", 1L << 30);
  private static final long MEMORY_BOUND = 48L << 20;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong peakDirect = new AtomicLong();
  private TestBackend backend;
  private RunningProxy proxy;

  /**
   * Paranoid leak detection records a stack trace per buffer: at 1 GB that dominates the run, so
   * these transfers use the sampling level (leaks still show; every other test stays paranoid).
   */
  @BeforeAll
  static void sampleLeaks() {
    leakLevel = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
  }

  @AfterAll
  static void restoreLeaks() {
    ResourceLeakDetector.setLevel(leakLevel);
  }

  private static ResourceLeakDetector.Level leakLevel;

  @AfterEach
  void stop() {
    sampler.shutdownNow();
    if (proxy != null) {
      proxy.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  private void sampleMemory() {
    var metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
    sampler.scheduleAtFixedRate(
        () -> peakDirect.accumulateAndGet(metric.usedDirectMemory(), Math::max),
        0,
        5,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Streams {@code total} bytes as a chunked response, writing only while the channel is writable.
   */
  private static final class Streamer extends ChannelInboundHandlerAdapter {
    private final long total;
    private long sent;
    private boolean streaming;
    private boolean pumping;

    Streamer(long total) {
      this.total = total;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
      if (msg instanceof LastHttpContent) {
        DefaultHttpResponse head =
            new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.write(head);
        streaming = true;
        pump(ctx);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      pump(ctx);
    }

    private void pump(ChannelHandlerContext ctx) {
      if (pumping || !streaming) {
        return;
      }
      pumping = true;
      try {
        // A flush can make the channel writable again at once (its event is swallowed by the
        // guard above), so keep going until it stays unwritable.
        while (streaming && ctx.channel().isWritable()) {
          while (ctx.channel().isWritable() && sent < total) {
            int size = (int) Math.min(64 * 1024, total - sent);
            sent += size;
            ctx.write(new DefaultHttpContent(ctx.alloc().buffer(size).writeZero(size)));
          }
          if (sent == total) {
            streaming = false;
            ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
          }
          ctx.flush();
        }
      } finally {
        pumping = false;
      }
    }
  }

  /** Counts request body bytes and answers with the count. */
  private static final class Counter extends ChannelInboundHandlerAdapter {
    private long received;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpContent content) {
        received += content.content().readableBytes();
      }
      ReferenceCountUtil.release(msg);
      if (msg instanceof LastHttpContent) {
        var response = TestBackend.text(HttpResponseStatus.OK, Long.toString(received));
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.writeAndFlush(response);
        received = 0;
      }
    }
  }

  @Test
  void oneGigabyteDownloadStreamsWithBoundedMemory() throws Exception {
    backend = TestBackend.raw("stream", () -> new Streamer(GIB));
    proxy = RunningProxy.start(RunningProxy.service("", backend.address()));
    sampleMemory();
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.getOutputStream().write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      long body =
          readChunkedBodyLength(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
      assertThat(body).isEqualTo(GIB);
    }
    assertThat(peakDirect.get()).isLessThan(MEMORY_BOUND);
  }

  @Test
  void slowClientThrottlesTheBackend() throws Exception {
    backend = TestBackend.raw("stream", () -> new Streamer(64L << 20));
    proxy = RunningProxy.start(RunningProxy.service("", backend.address()));
    sampleMemory();
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setReceiveBufferSize(64 * 1024);
      socket.getOutputStream().write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[64 * 1024];
      long read = 0;
      int n;
      long pauseEvery = 0;
      // Read the first 16 MB slowly: without backpressure the whole 64 MB would pile up meanwhile.
      while (read < (16L << 20) && (n = in.read(buffer)) > 0) {
        read += n;
        if (++pauseEvery % 8 == 0) {
          Thread.sleep(5);
        }
      }
      assertThat(peakDirect.get()).isLessThan(24L << 20);
    }
  }

  @Test
  void oneGigabyteUploadStreamsWithBoundedMemory() throws Exception {
    backend = TestBackend.raw("count", Counter::new);
    proxy = RunningProxy.start(RunningProxy.service("", backend.address()));
    sampleMemory();
    try (RawHttp client = new RawHttp(proxy.port())) {
      OutputStream out = client.socket().getOutputStream();
      out.write(("PUT /up HTTP/1.1\r\nHost: x\r\nContent-Length: " + GIB + "\r\n\r\n").getBytes());
      byte[] block = new byte[256 * 1024];
      for (long sent = 0; sent < GIB; sent += block.length) {
        out.write(block);
      }
      out.flush();
      assertThat(client.read().body()).isEqualTo(Long.toString(GIB));
    }
    assertThat(peakDirect.get()).isLessThan(MEMORY_BOUND);
  }

  @Test
  void chunkedUploadAndCloseDelimitedDownloadAreReframed() throws Exception {
    backend = TestBackend.raw("count", Counter::new);
    proxy = RunningProxy.start(RunningProxy.service("", backend.address()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      StringBuilder chunks =
          new StringBuilder("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < 100; i++) {
        chunks.append("400\r\n").append("x".repeat(1024)).append("\r\n");
      }
      chunks.append("0\r\n\r\n");
      RawHttp.Response response = client.send(chunks.toString()).read();
      assertThat(response.body()).isEqualTo("102400");
    }
    backend.close();
    // A backend answering HTTP/1.0 without a length (close-delimited) is re-chunked for the client.
    backend =
        TestBackend.raw(
            "old",
            () ->
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                    if (msg instanceof LastHttpContent) {
                      ctx.write(
                          new DefaultHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.OK));
                      ctx.writeAndFlush(
                              new DefaultHttpContent(
                                  Unpooled.copiedBuffer("until close", StandardCharsets.UTF_8)))
                          .addListener(f -> ctx.close());
                    }
                  }
                });
    proxy.close();
    proxy = RunningProxy.start(RunningProxy.service("", backend.address()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Response response = client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
      assertThat(response.body()).isEqualTo("until close");
      // ...and the client connection stays usable.
      assertThat(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body())
          .isEqualTo("until close");
    }
  }

  /** Reads a chunked response, discarding the body, and returns its length. */
  private static long readChunkedBodyLength(InputStream in) throws Exception {
    String line;
    while (!(line = readLine(in)).isEmpty()) {
      assertThat(line).doesNotStartWithIgnoringCase("content-length");
    }
    long total = 0;
    byte[] buffer = new byte[256 * 1024];
    while (true) {
      long size = Long.parseLong(readLine(in).trim(), 16);
      if (size == 0) {
        readLine(in);
        return total;
      }
      long left = size;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new java.io.EOFException("body ended after " + (total + size - left));
        }
        left -= n;
      }
      total += size;
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws Exception {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new java.io.EOFException();
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
