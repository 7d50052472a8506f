package io.prescal.proxy.provider.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and what it started: SIGTERM to all, then SIGKILL to whatever is left after the
 * grace. The children are collected first: once the parent is gone they no longer count as its
 * descendants.
 */
final class ProcessTermination {

  static CompletableFuture<Void> terminate(Process process, Duration grace) {
    List<ProcessHandle> family =
        java.util.stream.Stream.concat(
                process.descendants(), java.util.stream.Stream.of(process.toHandle()))
            .toList();
    family.forEach(ProcessHandle::destroy);
    return process
        .onExit()
        .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
        .thenCompose(
            exited -> {
              family.stream()
                  .filter(ProcessHandle::isAlive)
                  .forEach(ProcessHandle::destroyForcibly);
              return process.onExit();
            })
        .thenApply(done -> null);
  }

  private ProcessTermination() {}
}
