package io.prescal.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A backend on a plain socket that records exactly what reached it: every complete request as
 * {@link StrictFramer} reads it (its bytes as they arrived), and whatever bytes were left over when
 * a connection ended. Each request is answered with the bytes {@code answer} gives, written as they
 * are (so a test can send any response, well-formed or not).
 */
public final class RecordingBackend implements AutoCloseable {
  /** A request that reached the backend: the {@code connection}-th one, read strictly. */
  public record Received(int connection, StrictFramer.Message message, String wire) {
    public String head() {
      return wire.substring(0, message.headEnd());
    }
  }

  /** The usual answer: 200 with a two-byte body. */
  public static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  private final ServerSocket server;
  private final Function<Received, String> answer;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> leftOver = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private RecordingBackend(Function<Received, String> answer) throws IOException {
    this.answer = answer;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("recording-backend").start(this::accept);
  }

  /** A backend answering every request with {@link #OK}. */
  public static RecordingBackend ok() throws IOException {
    return answering(r -> OK);
  }

  /** A backend answering each request with the bytes (ISO-8859-1) {@code answer} gives. */
  public static RecordingBackend answering(Function<Received, String> answer) throws IOException {
    return new RecordingBackend(answer);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        int n = connections.incrementAndGet();
        Thread.ofVirtual().start(() -> serve(socket, n));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket, int connection) {
    byte[] buffer = new byte[4096];
    int length = 0;
    int start = 0;
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      while (true) {
        StrictFramer.Result result = StrictFramer.request(buffer, start, length);
        if (result instanceof StrictFramer.Message message) {
          Received r =
              new Received(
                  connection,
                  shifted(message, start),
                  new String(buffer, start, message.end() - start, StandardCharsets.ISO_8859_1));
          received.add(r);
          start = message.end();
          out.write(answer.apply(r).getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          continue;
        }
        if (result instanceof StrictFramer.Invalid invalid) {
          leftOver.add("invalid (" + invalid.reason() + "): " + text(buffer, start, length));
          return;
        }
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          if (length > start) {
            leftOver.add(text(buffer, start, length));
          }
          return;
        }
        length += n;
      }
    } catch (IOException e) {
      if (length > start) {
        leftOver.add(text(buffer, start, length));
      }
    }
  }

  /** The message with offsets relative to its own start. */
  private static StrictFramer.Message shifted(StrictFramer.Message m, int start) {
    return new StrictFramer.Message(
        m.headEnd() - start, m.end() - start, m.startLine(), m.fields(), m.body(), m.chunked());
  }

  private static String text(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  public int port() {
    return server.getLocalPort();
  }

  public String address() {
    return "127.0.0.1:" + port();
  }

  /** The complete requests received, in order. */
  public List<Received> received() {
    return received;
  }

  /** Bytes that did not make a complete valid request when their connection ended. */
  public List<String> leftOver() {
    return leftOver;
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
