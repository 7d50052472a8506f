package io.prescal.proxy.provider.process;

import java.util.List;
import java.util.Map;

/**
 * A stand-in proxy for {@link StopOnExitTest}, run in its own JVM: starts one backend, prints its
 * pid and its child's, and exits normally.
 */
public final class ProxyStandIn {

  /** Arguments: stopOnExit (true or false), then the backend's command template. */
  public static void main(String[] args) throws Exception {
    boolean stopOnExit = Boolean.parseBoolean(args[0]);
    List<String> command = List.of(args).subList(1, args.length);
    var provider =
        new ProcessProvider("web", new ProcessSettings(command, null, Map.of(), stopOnExit, false));
    long pid = Long.parseLong(provider.start().get().container());
    // Exit once the backend runs its program (the shell has forked its sleep), as a proxy would.
    var backend = ProcessHandle.of(pid).orElseThrow();
    for (int i = 0; i < 100 && backend.descendants().findAny().isEmpty(); i++) {
      Thread.sleep(50);
    }
    System.out.println("pid " + pid);
    System.out.println("child " + backend.descendants().findFirst().orElseThrow().pid());
    System.out.flush();
    System.exit(0);
  }

  private ProxyStandIn() {}
}
