package io.prescal.proxy.accesslog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access log lines from a bounded queue on its own thread. When the disk is slower than the
 * traffic, lines are dropped and counted instead of slowing requests down.
 */
public final class AsyncAccessLog implements AccessLog, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AsyncAccessLog.class);
  private final BlockingQueue<AccessEntry> queue;
  private final Writer out;
  private final Thread writer;
  private final LongAdder dropped = new LongAdder();
  private volatile boolean running = true;

  /** Opens {@code path} for appending ("stdout" writes to standard output). */
  public AsyncAccessLog(String path, int capacity) throws IOException {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.out =
        path.equals("stdout")
            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
            : Files.newBufferedWriter(
                Path.of(path),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    this.writer = Thread.ofPlatform().name("prescal-access-log").daemon().start(this::drain);
  }

  @Override
  public void log(AccessEntry entry) {
    if (!queue.offer(entry)) {
      dropped.increment();
    }
  }

  /** Lines dropped because the queue was full. */
  public long dropped() {
    return dropped.sum();
  }

  private void drain() {
    try {
      while (running || !queue.isEmpty()) {
        AccessEntry entry = queue.poll(200, TimeUnit.MILLISECONDS);
        if (entry != null) {
          out.write(format(entry));
        }
        if (queue.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException e) {
      log.warn("access log stopped: cannot write ({})", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One line: time client "method uri" status bytes micros service backend attempts. */
  static String format(AccessEntry e) {
    return Instant.ofEpochMilli(e.epochMillis())
        + " "
        + e.client()
        + " \""
        + e.method()
        + " "
        + e.uri().replace("\"", "%22")
        + "\" "
        + e.status()
        + " "
        + e.responseBytes()
        + " "
        + e.micros()
        + "us "
        + e.service()
        + " "
        + e.backend()
        + " "
        + e.attempts()
        + "\n";
  }

  @Override
  public void close() {
    running = false;
    try {
      writer.join(2000);
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("access log flush failed", e);
    }
  }
}
