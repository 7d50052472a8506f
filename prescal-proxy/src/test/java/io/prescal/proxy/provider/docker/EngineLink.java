package io.prescal.proxy.provider.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP door on 127.0.0.1 to the real Docker engine that a test can shut and open again: an engine
 * outage without touching the engine other tests use.
 */
public final class EngineLink implements AutoCloseable {

  private final SocketAddress engine;
  private final int port;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocketChannel server;

  /** A link to the engine of {@code DOCKER_HOST} (a unix socket or tcp://), default the socket. */
  public EngineLink() throws IOException {
    String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    URI uri = URI.create(host);
    this.engine =
        "unix".equals(uri.getScheme())
            ? UnixDomainSocketAddress.of(uri.getPath())
            : new InetSocketAddress(uri.getHost(), uri.getPort());
    this.port = listen(0);
  }

  /** The engine's address through this link, for {@code DOCKER_HOST}. */
  public String host() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The outage: refuses new connections and breaks the open ones. */
  public void cut() throws IOException {
    server.close();
    for (SocketChannel channel : open) {
      channel.close();
    }
    open.clear();
  }

  /** The engine is back, on the same port. */
  public void restore() throws IOException {
    listen(port);
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private int listen(int onPort) throws IOException {
    var channel = ServerSocketChannel.open();
    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    server = channel;
    Thread.ofVirtual().name("engine-link-accept").start(() -> accept(channel));
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  private void accept(ServerSocketChannel channel) {
    while (channel.isOpen()) {
      try {
        SocketChannel client = channel.accept();
        SocketChannel upstream = SocketChannel.open(engine);
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to) {
    var buffer = ByteBuffer.allocate(16 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
      to.shutdownOutput();
    } catch (IOException broken) {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // both ends are going away
      }
    }
  }
}
