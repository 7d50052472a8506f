package io.prescal.proxy.cli;

import java.util.List;

/**
 * Quick mode's configuration, written as YAML so that it goes through the same validation as a file
 * and its messages name the flags' values.
 */
final class QuickConfig {

  /**
   * @param tlsCert with {@code tlsKey}, the PEM files that make every listen address HTTPS (ALPN h2
   *     and http/1.1); null for plain HTTP
   */
  static String yaml(
      List<String> listen,
      List<String> backends,
      String balancer,
      String admin,
      boolean log,
      String tlsCert,
      String tlsKey) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("listen:\n");
    for (String address : listen.isEmpty() ? List.of("0.0.0.0:8000") : listen) {
      if (tlsCert == null) {
        yaml.append("  - ").append(quote(address)).append('\n');
      } else {
        yaml.append("  - address: ").append(quote(address)).append('\n');
        yaml.append("    tls:\n      certificates:\n");
        yaml.append("        - cert: ").append(quote(tlsCert)).append('\n');
        yaml.append("          key: ").append(quote(tlsKey)).append('\n');
      }
    }
    if (admin.equalsIgnoreCase("off")) {
      yaml.append("admin:\n  enabled: false\n");
    } else {
      yaml.append("admin:\n  address: ").append(quote(admin)).append('\n');
    }
    yaml.append("accessLog:\n  enabled: ").append(log).append('\n');
    yaml.append("services:\n  - name: default\n    balancer: ")
        .append(quote(balancer))
        .append('\n');
    yaml.append("    backends:\n");
    for (String backend : backends) {
      yaml.append("      - address: ").append(quote(backend)).append('\n');
    }
    return yaml.toString();
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private QuickConfig() {}
}
