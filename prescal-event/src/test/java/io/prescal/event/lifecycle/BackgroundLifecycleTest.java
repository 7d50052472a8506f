package io.prescal.event.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start, the running flag, stop's two ways with the job in progress, and what comes after. */
class BackgroundLifecycleTest {

  /** Records what its thread saw; its job is given per test. */
  private static final class Job extends BackgroundLifecycle {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final CountDownLatch started = new CountDownLatch(1);
    private final Runnable work;

    Job(AtStop atStop, Runnable work) {
      super("test-job", atStop);
      this.work = work;
    }

    @Override
    protected void begin(ScheduledExecutorService thread) {
      seen.add("begin running=" + isRunning());
      thread.execute(
          () -> {
            seen.add("thread " + Thread.currentThread().getName());
            started.countDown();
            work.run();
          });
    }

    @Override
    protected void afterStop() {
      seen.add("after stop running=" + isRunning());
    }
  }

  @Test
  void finishLetsTheJobSeeTheFlagAndEndBeforeWhatComesAfter() throws Exception {
    Job[] job = new Job[1];
    job[0] =
        new Job(
            BackgroundLifecycle.AtStop.FINISH,
            () -> {
              while (job[0].isRunning()) {
                Thread.onSpinWait();
              }
              job[0].seen.add("job ended, interrupted=" + Thread.currentThread().isInterrupted());
            });
    assertThat(job[0].isRunning()).isFalse();
    job[0].start();
    assertThat(job[0].started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(job[0].isRunning()).isTrue();

    job[0].stop();

    assertThat(job[0].isRunning()).isFalse();
    assertThat(job[0].seen)
        .containsExactly(
            "begin running=true",
            "thread test-job",
            "job ended, interrupted=false",
            "after stop running=false");
  }

  @Test
  void interruptEndsAJobThatOnlyWaits() throws Exception {
    Job[] job = new Job[1];
    job[0] =
        new Job(
            BackgroundLifecycle.AtStop.INTERRUPT,
            () -> {
              try {
                Thread.sleep(60_000);
                job[0].seen.add("slept on");
              } catch (InterruptedException e) {
                job[0].seen.add("job interrupted");
              }
            });
    job[0].start();
    assertThat(job[0].started.await(10, TimeUnit.SECONDS)).isTrue();

    job[0].stop();

    assertThat(job[0].seen)
        .containsExactly(
            "begin running=true", "thread test-job", "job interrupted", "after stop running=false");
  }

  @Test
  void stopWaitsForAJobThatDoesNotEndUntilTheBoundAndGoesOn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Job job =
        new Job(
            BackgroundLifecycle.AtStop.FINISH,
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    job.start();
    assertThat(job.started.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      long start = System.nanoTime();
      job.stop();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(BackgroundLifecycle.STOP_WAIT_SECONDS * 1000L - 100);
      assertThat(job.seen).last().isEqualTo("after stop running=false");
    } finally {
      release.countDown();
    }
  }
}
