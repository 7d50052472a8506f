package io.prescal.proxy.provider.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Freezes a backend process and everything it started (SIGSTOP), and thaws them (SIGCONT), for the
 * warm pool: a frozen process keeps its memory and uses no CPU. The JDK has no way to send either
 * signal, so {@code kill(1)} does. A freeze completes once Linux shows the process stopped ({@code
 * T} in {@code /proc/<pid>/stat}).
 */
final class ProcessFreezer {
  private static final long KILL_TIMEOUT_MILLIS = 5_000;
  private static final long STOPPED_TIMEOUT_MILLIS = 2_000;

  private final Path proc;

  /** Reads process states under {@code proc} (normally {@code /proc}). */
  ProcessFreezer(Path proc) {
    this.proc = proc;
  }

  /**
   * SIGSTOP to the process, then to what it started (so a parent that watches its children is
   * stopped before it could notice them stop); returns once the process shows stopped.
   */
  void freeze(Process process) {
    List<Long> family = new ArrayList<>();
    family.add(process.pid());
    process.descendants().forEach(d -> family.add(d.pid()));
    String failed = signal("STOP", family);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOPPED_TIMEOUT_MILLIS);
    char state;
    while ((state = state(process.pid())) != 'T') {
      if (state == '?' && failed == null) {
        return; // no /proc to check: kill said it was sent
      }
      if (state == '?' || System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "process "
                + process.pid()
                + " did not stop on SIGSTOP (state "
                + state
                + (failed == null ? "" : "; " + failed)
                + ")");
      }
      pause();
    }
  }

  /** SIGCONT to what the process started, then to the process. */
  void thaw(Process process) {
    List<Long> family = new ArrayList<>();
    process.descendants().forEach(d -> family.add(d.pid()));
    family.add(process.pid());
    String failed = signal("CONT", family);
    if (failed != null && state(process.pid()) == 'T') {
      throw new IllegalStateException("process " + process.pid() + " is still stopped: " + failed);
    }
  }

  /**
   * The state letter of {@code pid} in {@code /proc/<pid>/stat} ({@code R}, {@code S}, {@code T}
   * for stopped...), or {@code ?} when it cannot be read (no such process, no {@code /proc}).
   */
  char state(long pid) {
    try {
      String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
      int end = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
      return end < 0 || end + 2 >= stat.length() ? '?' : stat.charAt(end + 2);
    } catch (IOException | RuntimeException e) {
      return '?';
    }
  }

  /**
   * Sends SIG{@code signal} to {@code pids}.
   *
   * @return why kill failed for some of them (one may have exited meanwhile), or null
   */
  private static String signal(String signal, List<Long> pids) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!kill.waitFor(KILL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        kill.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not return");
      }
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return kill.exitValue() == 0
          ? null
          : String.join(" ", command)
              + " failed (exit "
              + kill.exitValue()
              + "): "
              + output.strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run kill -" + signal + " (" + e.getMessage() + "); is kill on the PATH?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + signal, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a process to stop", e);
    }
  }
}
