package io.prescal.event.lifecycle;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A {@link SmartLifecycle} whose job runs on one named daemon thread of its own. The thread, the
 * running flag and the bounded wait at stop live here once; a subclass says what the thread does
 * ({@link #begin}) and what is left to do once it has finished ({@link #afterStop}).
 *
 * <p>{@link #stop()} clears the running flag, then either lets the job finish ({@link
 * AtStop#FINISH}: a loop that watches {@link #isRunning()} ends by itself, periodic tasks are not
 * run again) or interrupts it ({@link AtStop#INTERRUPT}: for a job that only waits and retries),
 * and waits at most {@value #STOP_WAIT_SECONDS} s for the thread.
 */
public abstract class BackgroundLifecycle implements SmartLifecycle {

  /** The longest {@link #stop()} waits for the thread to finish. */
  public static final int STOP_WAIT_SECONDS = 5;

  /** What {@link #stop()} does to the job in progress. */
  protected enum AtStop {
    /** Let it finish: it sees {@link #isRunning()} turn false and ends by itself. */
    FINISH,
    /** Interrupt it: it only waits (backoff, retries), so nothing is lost. */
    INTERRUPT
  }

  private final String threadName;
  private final AtStop atStop;
  private volatile boolean running;
  private ScheduledExecutorService thread;

  /**
   * @param threadName the name of the thread, as thread dumps and logs show it
   * @param atStop what {@link #stop()} does to the job in progress
   */
  protected BackgroundLifecycle(String threadName, AtStop atStop) {
    this.threadName = threadName;
    this.atStop = atStop;
  }

  /**
   * Starts the job: runs or schedules it on {@code thread}. Called once, on the caller's thread,
   * once {@link #isRunning()} is true.
   */
  protected abstract void begin(ScheduledExecutorService thread);

  /** What is left once the thread has finished or the wait ran out; nothing by default. */
  protected void afterStop() {}

  @Override
  public final void start() {
    running = true;
    thread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(threadName).daemon().factory());
    begin(thread);
  }

  @Override
  public final void stop() {
    running = false;
    if (atStop == AtStop.INTERRUPT) {
      thread.shutdownNow();
    } else {
      thread.shutdown();
    }
    try {
      thread.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    afterStop();
  }

  @Override
  public final boolean isRunning() {
    return running;
  }
}
