package io.prescal.traffic.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.prescal.traffic.plan.RateProfile;
import io.prescal.traffic.plan.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A started run: one worker per event loop. The caller collects an {@link Interval} whenever it
 * likes (once a second) and waits for the end; closing releases the event loops.
 */
public final class LoadRun implements AutoCloseable {

  private final LoadPlan plan;
  private final EventLoopGroup group;
  private final List<Worker> workers = new ArrayList<>();
  private final RunClock clock;
  private final BackendTally backends = new BackendTally();
  private final long[][] lastCounters;
  private final long[][] lastStatuses;
  private long lastCollect;
  private final Histogram[][] spares;
  // Reused by every collect: a run of hours makes no garbage of full-size histograms.
  private final Histogram corrected = WorkerStats.newHistogram();
  private final Histogram uncorrected = WorkerStats.newHistogram();
  private final Histogram lag = WorkerStats.newHistogram();
  private final AtomicReference<String> aborted = new AtomicReference<>();

  private LoadRun(LoadPlan plan) {
    this.plan = plan;
    this.group = plan.transport().newGroup(plan.threads(), "load");
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    this.clock = RunClock.of(start, plan.warmup().toNanos(), plan.sendNanos());
    RequestBudget budget = new RequestBudget(plan.requests());
    RateProfile profile = plan.open() ? scheduled(plan) : null;
    int n = plan.threads();
    int index = 0;
    for (EventExecutor executor : group) {
      EventLoop loop = (EventLoop) executor;
      int conns = share(plan.connections(), n, index);
      workers.add(
          plan.open()
              ? new OpenWorker(
                  loop,
                  plan,
                  clock,
                  budget,
                  backends,
                  this::abort,
                  profile.schedule(n, index),
                  conns,
                  share(plan.maxConnections(), n, index))
              : new ClosedWorker(loop, plan, clock, budget, backends, this::abort, conns));
      index++;
    }
    this.lastCounters = new long[n][Counter.values().length];
    this.lastStatuses = new long[n][WorkerStats.statusSlots()];
    this.spares = new Histogram[n][3];
    this.lastCollect = start;
  }

  /** Starts {@code plan}. */
  public static LoadRun start(LoadPlan plan) {
    LoadRun run = new LoadRun(plan);
    run.workers.forEach(Worker::start);
    return run;
  }

  private static int share(int total, int shares, int index) {
    return total / shares + (index < total % shares ? 1 : 0);
  }

  /**
   * The profile the workers follow: a warm-up before it that ramps from a tenth of the profile's
   * first non-zero rate to that rate over half the warm-up and holds it for the other half (a cold
   * JVM hit at full rate falls behind and carries the backlog into the measurement), and, when
   * {@code --duration} is longer than the profile, its last rate held to the end.
   */
  static RateProfile scheduled(LoadPlan plan) {
    RateProfile profile = plan.profile();
    List<Stage> stages = new ArrayList<>();
    if (!plan.warmup().isZero()) {
      Stage first = profile.stages().getFirst();
      double rate = first.fromRate() == 0 ? first.toRate() : first.fromRate();
      Duration half = plan.warmup().dividedBy(2);
      if (!half.isZero()) {
        stages.add(new Stage("warm-up", rate / 10, rate, half));
      }
      stages.add(new Stage("warm-up", rate, rate, plan.warmup().minus(half)));
    }
    stages.addAll(profile.stages());
    if (plan.duration() != null && plan.duration().compareTo(profile.duration()) > 0) {
      double last = profile.stages().getLast().toRate();
      stages.add(Stage.hold(last, plan.duration().minus(profile.duration())));
    }
    return new RateProfile(stages);
  }

  /** The workers, one per event loop. */
  List<Worker> workers() {
    return workers;
  }

  /** The run's time marks. */
  public RunClock clock() {
    return clock;
  }

  /** The plan this run follows. */
  public LoadPlan plan() {
    return plan;
  }

  /** Per-backend figures so far. */
  public BackendTally backends() {
    return backends;
  }

  /**
   * What was measured since the last call. Call from one thread; the interval's histograms are
   * reused by the next call, so copy what you keep.
   */
  public Interval collect() {
    long now = System.nanoTime();
    corrected.reset();
    uncorrected.reset();
    lag.reset();
    long[] counters = new long[Counter.values().length];
    long[] statuses = new long[WorkerStats.statusSlots()];
    int inFlight = 0;
    int connections = 0;
    for (int w = 0; w < workers.size(); w++) {
      WorkerStats s = workers.get(w).stats();
      // Each recorder takes back only the histograms it handed out.
      Histogram[] spare = spares[w];
      spare[0] = s.correctedInterval(spare[0]);
      corrected.add(spare[0]);
      spare[1] = s.uncorrectedInterval(spare[1]);
      uncorrected.add(spare[1]);
      spare[2] = s.lagInterval(spare[2]);
      lag.add(spare[2]);
      for (Counter c : Counter.values()) {
        long v = s.count(c);
        counters[c.ordinal()] += v - lastCounters[w][c.ordinal()];
        lastCounters[w][c.ordinal()] = v;
      }
      for (int code = 0; code < statuses.length; code++) {
        long v = s.status(code);
        statuses[code] += v - lastStatuses[w][code];
        lastStatuses[w][code] = v;
      }
      inFlight += s.inFlight();
      connections += s.connections();
    }
    Interval interval =
        new Interval(
            lastCollect,
            now,
            corrected,
            uncorrected,
            lag,
            counters,
            statuses,
            inFlight,
            connections);
    lastCollect = now;
    return interval;
  }

  /**
   * Ends the run for a failure no retry can fix (an untrusted certificate, a server that does not
   * speak the protocol asked for): every worker stops; the first message is kept.
   */
  private void abort(String message) {
    if (aborted.compareAndSet(null, message)) {
      workers.forEach(w -> w.loop.execute(w::stop));
    }
  }

  /** Why the run was ended early, or null. */
  public String aborted() {
    return aborted.get();
  }

  /** How the run's connections were made; call once, at the end. */
  public ConnectFigures connectFigures() {
    Histogram connect = WorkerStats.newHistogram();
    Histogram handshake = WorkerStats.newHistogram();
    long opened = 0;
    String tls = null;
    String error = null;
    for (Worker w : workers) {
      WorkerStats s = w.stats();
      connect.add(s.connectInterval(null));
      handshake.add(s.handshakeInterval(null));
      opened += s.count(Counter.CONNECTIONS);
      tls = tls == null ? s.tlsSession() : tls;
      error = error == null ? s.connectError() : error;
    }
    return new ConnectFigures(opened, connect, handshake, tls, error);
  }

  /** Whether every worker finished, waiting at most {@code wait}. */
  public boolean awaitFinished(Duration wait) throws InterruptedException {
    CompletableFuture<?> all =
        CompletableFuture.allOf(
            workers.stream().map(Worker::done).toArray(CompletableFuture[]::new));
    try {
      all.get(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a worker failed", e.getCause());
    }
  }

  /** Whether every worker finished. */
  public boolean finished() {
    return workers.stream().allMatch(w -> w.done().isDone());
  }

  @Override
  public void close() {
    workers.forEach(w -> w.loop.execute(w::stop));
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
