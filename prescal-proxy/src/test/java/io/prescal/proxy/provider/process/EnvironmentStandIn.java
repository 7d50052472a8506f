package io.prescal.proxy.provider.process;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in proxy for {@link BackendEnvironmentTest}, run in its own JVM with secrets in its
 * environment: starts one backend that writes its environment to a file, waits for it to exit.
 */
public final class EnvironmentStandIn {

  /** Arguments: the file the backend writes its environment to. */
  public static void main(String[] args) throws Exception {
    var provider =
        new ProcessProvider(
            "web",
            new ProcessSettings(
                List.of("sh", "-c", "env > \"$OUT\""),
                null,
                Map.of("OUT", args[0], "PORT", "{port}", "PRESCAL_LISTED", "by the service"),
                true,
                false));
    var exited = new CompletableFuture<Integer>();
    provider.onExit(exit -> exited.complete(exit.exitCode()));
    provider.start().get(30, TimeUnit.SECONDS);
    System.exit(exited.get(30, TimeUnit.SECONDS));
  }

  private EnvironmentStandIn() {}
}
