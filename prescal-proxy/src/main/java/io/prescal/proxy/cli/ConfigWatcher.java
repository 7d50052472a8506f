package io.prescal.proxy.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Calls a reload when the configuration file changes (editors write in bursts: changes are
 * collected for a moment first) or when the process gets SIGHUP.
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
  private static final long SETTLE_MILLIS = 300;
  private final Path file;
  private final Runnable reload;
  private final WatchService watcher;
  private final Thread thread;

  public ConfigWatcher(Path file, Runnable reload) throws IOException {
    this.file = file.toAbsolutePath();
    this.reload = reload;
    this.watcher = FileSystems.getDefault().newWatchService();
    this.file
        .getParent()
        .register(
            watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
    this.thread = Thread.ofPlatform().name("prescal-config-watch").daemon().start(this::watch);
  }

  /** Also reloads on SIGHUP (where the platform has it). */
  public void onSighup() {
    try {
      Signal.handle(
          new Signal("HUP"),
          s -> {
            log.info("SIGHUP: reloading {}", file);
            reload.run();
          });
    } catch (IllegalArgumentException e) {
      log.debug("no SIGHUP on this platform", e);
    }
  }

  private void watch() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        boolean ours =
            key.pollEvents().stream().anyMatch(e -> file.getFileName().equals(e.context()));
        key.reset();
        if (ours) {
          // Let the writer finish, and fold the burst of events into one reload.
          WatchKey more;
          while ((more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
            more.pollEvents();
            more.reset();
          }
          log.info("{} changed: reloading", file);
          reload.run();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // Closed: stop watching.
    } catch (RuntimeException e) {
      log.warn("config watcher stopped", e);
    }
  }

  @Override
  public void close() throws IOException {
    watcher.close();
    thread.interrupt();
  }
}
