package io.prescal.proxy.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/2 client on a plain socket that writes and reads frames as they are, for tests that must
 * send what no well-behaved client would (floods, bad fields, resets): a real socket, frames
 * encoded by hand, header blocks by Netty's HPACK coder with validation off.
 */
public final class H2Wire implements AutoCloseable {
  public static final int DATA = 0x0;
  public static final int HEADERS = 0x1;
  public static final int RST_STREAM = 0x3;
  public static final int SETTINGS = 0x4;
  public static final int PING = 0x6;
  public static final int GOAWAY = 0x7;
  public static final int WINDOW_UPDATE = 0x8;
  public static final int CONTINUATION = 0x9;
  public static final int END_STREAM = 0x1;
  public static final int ACK = 0x1;
  public static final int END_HEADERS = 0x4;

  /** GOAWAY and RST_STREAM error codes (RFC 9113 7). */
  public static final int NO_ERROR = 0x0;

  public static final int PROTOCOL_ERROR = 0x1;
  public static final int CANCEL = 0x8;
  public static final int REFUSED_STREAM = 0x7;
  public static final int ENHANCE_YOUR_CALM = 0xb;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final DefaultHttp2HeadersEncoder encoder =
      new DefaultHttp2HeadersEncoder(
          DefaultHttp2HeadersEncoder.NEVER_SENSITIVE, false, 16, Integer.MAX_VALUE);
  private final DefaultHttp2HeadersDecoder decoder =
      new DefaultHttp2HeadersDecoder(false, false, 1 << 20);

  /**
   * A frame as read; a HEADERS frame's block is decoded at once (HPACK's table depends on the order
   * blocks arrive in), into {@code headers}.
   */
  public record Frame(int type, int flags, int stream, byte[] payload, Http2Headers headers) {
    /** The error code of a GOAWAY or RST_STREAM frame. */
    public int errorCode() {
      int at = type == GOAWAY ? 4 : 0;
      return ((payload[at] & 0xff) << 24)
          | ((payload[at + 1] & 0xff) << 16)
          | ((payload[at + 2] & 0xff) << 8)
          | (payload[at + 3] & 0xff);
    }

    public boolean endStream() {
      return (flags & END_STREAM) != 0;
    }
  }

  /** A response read off one stream: its head, body and trailers. */
  public record Response(Http2Headers headers, String body, Http2Headers trailers, Frame reset) {
    public int status() {
      return Integer.parseInt(headers.status().toString());
    }
  }

  /** Connects to a plain listener (h2c by prior knowledge) and sends the preface and SETTINGS. */
  public H2Wire(int port) throws IOException {
    this(new Socket("127.0.0.1", port));
  }

  /** Speaks HTTP/2 on {@code socket} (a TLS one that agreed on h2, say). */
  public H2Wire(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(20_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    out.write(io.netty.buffer.ByteBufUtil.getBytes(Http2CodecUtil.connectionPrefaceBuf()));
    frame(SETTINGS, 0, 0, new byte[0]);
  }

  public Socket socket() {
    return socket;
  }

  /** Writes one frame. */
  public void frame(int type, int flags, int stream, byte[] payload) throws IOException {
    byte[] head = {
      (byte) (payload.length >>> 16),
      (byte) (payload.length >>> 8),
      (byte) payload.length,
      (byte) type,
      (byte) flags,
      (byte) (stream >>> 24),
      (byte) (stream >>> 16),
      (byte) (stream >>> 8),
      (byte) stream
    };
    out.write(head);
    out.write(payload);
  }

  public void flush() throws IOException {
    out.flush();
  }

  /** A header block for {@code headers}, HPACK-encoded with this connection's encoder. */
  public byte[] block(Http2Headers headers) throws Http2Exception {
    ByteBuf buf = Unpooled.buffer();
    try {
      encoder.encodeHeaders(0, headers, buf);
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      return bytes;
    } finally {
      buf.release();
    }
  }

  /** A GET's headers for {@code path} on {@code authority}, plus {@code extra} name/value pairs. */
  public static Http2Headers get(String authority, String path, String... extra) {
    return request("GET", authority, path, extra);
  }

  public static Http2Headers request(
      String method, String authority, String path, String... extra) {
    Http2Headers headers =
        new DefaultHttp2Headers(false)
            .method(method)
            .scheme("http")
            .authority(authority)
            .path(path);
    for (int i = 0; i < extra.length; i += 2) {
      headers.add(extra[i], extra[i + 1]);
    }
    return headers;
  }

  /** Sends a whole request on {@code stream}: HEADERS, then the body in one DATA frame if any. */
  public void send(int stream, Http2Headers headers, String body) throws IOException {
    try {
      frame(HEADERS, END_HEADERS | (body == null ? END_STREAM : 0), stream, block(headers));
    } catch (Http2Exception e) {
      throw new IOException(e);
    }
    if (body != null) {
      frame(DATA, END_STREAM, stream, body.getBytes(StandardCharsets.UTF_8));
    }
    flush();
  }

  /** The next frame; null when the connection ended (closed or reset by the proxy). */
  public Frame read() throws IOException {
    byte[] head = new byte[9];
    try {
      in.readFully(head);
    } catch (EOFException | SocketException e) {
      return null;
    }
    int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
    int stream =
        ((head[5] & 0x7f) << 24)
            | ((head[6] & 0xff) << 16)
            | ((head[7] & 0xff) << 8)
            | (head[8] & 0xff);
    byte[] payload = new byte[length];
    try {
      in.readFully(payload);
    } catch (EOFException | SocketException e) {
      return null;
    }
    int type = head[3] & 0xff;
    Frame frame =
        new Frame(
            type,
            head[4] & 0xff,
            stream,
            payload,
            type == HEADERS ? decode(stream, payload) : null);
    if (frame.type() == SETTINGS && (frame.flags() & ACK) == 0) {
      try {
        frame(SETTINGS, ACK, 0, new byte[0]);
        flush();
      } catch (IOException e) {
        // the proxy closed its side already: what it sent is still read
      }
    }
    return frame;
  }

  /** Reads until a GOAWAY arrives (returns it) or the connection ends (returns null). */
  public Frame readUntilGoAway() throws IOException {
    Frame frame;
    while ((frame = read()) != null) {
      if (frame.type() == GOAWAY) {
        return frame;
      }
    }
    return null;
  }

  /** Whether the proxy closed the connection: the stream of bytes ends (after any left). */
  public boolean closedByPeer() throws IOException {
    while (read() != null) {
      // drain what was sent before the close
    }
    return true;
  }

  /** Reads frames until {@code stream} ends (END_STREAM or RST_STREAM); others are skipped. */
  public Response response(int stream) throws IOException {
    Http2Headers headers = null;
    Http2Headers trailers = null;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<Frame> skipped = new ArrayList<>();
    while (true) {
      Frame frame = read();
      if (frame == null) {
        throw new IOException("the connection ended before stream " + stream + " did: " + skipped);
      }
      if (frame.stream() != stream) {
        skipped.add(frame);
        continue;
      }
      switch (frame.type()) {
        case HEADERS -> {
          Http2Headers decoded = frame.headers();
          if (headers == null || decoded.status() != null && decoded.status().charAt(0) == '1') {
            headers = decoded; // an interim 1xx is replaced by the final head
          } else {
            trailers = decoded;
          }
        }
        case DATA -> body.write(frame.payload());
        case RST_STREAM -> {
          return new Response(headers, body.toString(StandardCharsets.UTF_8), trailers, frame);
        }
        default -> {}
      }
      if (frame.endStream()) {
        return new Response(headers, body.toString(StandardCharsets.UTF_8), trailers, null);
      }
    }
  }

  private Http2Headers decode(int stream, byte[] payload) throws IOException {
    try {
      return decoder.decodeHeaders(stream, Unpooled.wrappedBuffer(payload));
    } catch (Http2Exception e) {
      throw new IOException(e);
    }
  }

  /** The header block's fields as text pairs, for messages. */
  public static String text(Http2Headers headers) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<CharSequence, CharSequence> e : headers) {
      sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
