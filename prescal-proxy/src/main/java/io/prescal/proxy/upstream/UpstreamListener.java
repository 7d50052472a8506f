package io.prescal.proxy.upstream;

/**
 * Who currently holds a backend connection: an exchange while a request is in progress, the pool
 * while the connection idles. Called on the connection's event loop.
 */
public interface UpstreamListener {

  /** A decoded response part (ownership passes to the listener) or raw bytes after an upgrade. */
  void onUpstreamRead(Object msg);

  /** The batch of reads ended: a good moment to flush. */
  default void onUpstreamReadComplete() {}

  /** The connection's writability changed (backpressure towards the backend). */
  default void onUpstreamWritable() {}

  /** The connection closed or failed. */
  void onUpstreamClosed(Throwable cause);
}
