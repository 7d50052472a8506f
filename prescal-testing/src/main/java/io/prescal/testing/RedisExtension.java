package io.prescal.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.GenericContainer;

/**
 * A throwaway Redis container for the tests of one class ({@link RedisContainers#redis()}, labeled
 * as this run's): started on first use, so that it is there whenever a test or a Spring property
 * source first asks, and stopped after the last test of the class. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final RedisExtension REDIS = new RedisExtension("pipeline");
 * }</pre>
 */
public final class RedisExtension implements AfterAllCallback {

  private final String run;
  private GenericContainer<?> container;

  /**
   * @param run names this test class's container in the {@value RedisContainers#RUN_LABEL} label
   */
  public RedisExtension(String run) {
    this.run = run;
  }

  /** The {@code redis://} URI on loopback, starting the container the first time. */
  public String uri() {
    return RedisContainers.uri(container());
  }

  /** The container, started the first time. */
  public synchronized GenericContainer<?> container() {
    if (container == null) {
      GenericContainer<?> started = RedisContainers.labeled(run);
      started.start();
      container = started;
    }
    return container;
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (container != null) {
      container.stop();
      container = null;
    }
  }
}
