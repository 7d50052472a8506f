package io.prescal.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client on a plain socket, for tests that must control the bytes: sends what it is given, reads
 * one response (content-length, chunked or until close).
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** One response. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  public RawHttp(int port) throws IOException {
    this(new Socket("127.0.0.1", port));
  }

  /** A client on a connected socket (a TLS one, say). */
  public RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  public RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads one response; HEAD-style responses (no body expected) with {@code bodyless}. */
  public Response read() throws IOException {
    return read(false);
  }

  public Response read(boolean bodyless) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a status line");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while (!(line = line()).isEmpty()) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
    if (bodyless || status < 200 || status == 204 || status == 304) {
      return new Response(status, headers, "");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (true) {
        int size = Integer.parseInt(line().split(";")[0].trim(), 16);
        if (size == 0) {
          while (!line().isEmpty()) {}
          break;
        }
        body.write(in.readNBytes(size));
        line();
      }
    } else if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  /**
   * Reads one response as {@link StrictFramer} frames it; its bytes as they came are in {@link
   * StrictFramer.Message#headEnd()} etc. of the returned message's own array.
   */
  public Framed readFramed(boolean toHead) throws IOException {
    byte[] buffer = new byte[1024];
    int length = 0;
    while (true) {
      StrictFramer.Result result = StrictFramer.response(buffer, 0, length, toHead);
      if (result instanceof StrictFramer.Message message) {
        return new Framed(
            message, new String(buffer, 0, message.end(), StandardCharsets.ISO_8859_1));
      }
      if (result instanceof StrictFramer.Invalid invalid) {
        throw new IOException(
            "not a valid response ("
                + invalid.reason()
                + "): "
                + new String(buffer, 0, length, StandardCharsets.ISO_8859_1));
      }
      if (length == buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
      }
      int c = in.read();
      if (c < 0) {
        throw new IOException(
            "connection closed mid-response: "
                + new String(buffer, 0, length, StandardCharsets.ISO_8859_1));
      }
      buffer[length++] = (byte) c;
    }
  }

  /** A response read strictly, with its bytes as they came (ISO-8859-1). */
  public record Framed(StrictFramer.Message message, String wire) {
    public int status() {
      return Integer.parseInt(message.startLine().substring(9, 12));
    }
  }

  /** Whether the server closed the connection (reads end of stream within the timeout). */
  public boolean closedByPeer() {
    try {
      return in.read() == -1;
    } catch (IOException e) {
      return true;
    }
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) c);
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  public Socket socket() {
    return socket;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
