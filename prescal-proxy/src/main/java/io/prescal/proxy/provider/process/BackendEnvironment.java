package io.prescal.proxy.provider.process;

import java.util.List;
import java.util.Map;

/**
 * The environment a process backend starts with: nothing of the proxy's own but {@link #INHERITED},
 * then the service's {@code environment:}. The proxy's environment holds its secrets (the command
 * secret, the admin token, the Redis URL with its password): a backend that saw them could sign its
 * own commands or read every channel.
 */
final class BackendEnvironment {

  /** The proxy's variables a backend inherits, when the proxy has them. */
  static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TZ");

  private BackendEnvironment() {}

  /**
   * Replaces {@code target} (a {@link ProcessBuilder#environment()}, which starts as a copy of the
   * proxy's) with the inherited variables of {@code proxy} and the service's {@code configured}
   * ones, {@code {port}} in their values replaced by {@code port}. The service's values win.
   */
  static void fill(
      Map<String, String> target,
      Map<String, String> proxy,
      Map<String, String> configured,
      int port) {
    target.clear();
    for (String name : INHERITED) {
      String value = proxy.get(name);
      if (value != null) {
        target.put(name, value);
      }
    }
    String portText = Integer.toString(port);
    configured.forEach(
        (name, value) -> target.put(name, value.replace(ProcessSettings.PORT, portText)));
  }
}
