package io.prescal.proxy.cli;

import io.prescal.proxy.Proxy;
import io.prescal.proxy.config.ConfigException;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.config.ProxyConfig;
import io.prescal.proxy.events.EventSink;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The proxy's command line. Exit codes: 0 stopped cleanly, 1 could not start, 2 bad input. */
@Command(
    name = "prescal-proxy",
    mixinStandardHelpOptions = true,
    versionProvider = ProxyCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "An HTTP/1.1 reverse proxy and load balancer, with TLS, that autoscales Docker containers",
      "or local processes (a service's provider: section) and publishes its events to Redis",
      "(events:).",
      "",
      "With no options it reads prescal-proxy/config.yml, or the file named in $PRESCAL_CONFIG.",
      "The file is reloaded when it changes and on SIGHUP; a bad file keeps the running one.",
      "Every key is documented in docs/proxy.md and docs/autoscaling.md; examples/proxy.yml is a"
          + " complete example."
    },
    footer = {
      "",
      "Examples:",
      "  Run from a file:      prescal-proxy --config examples/proxy.yml",
      "  Quick mode:           prescal-proxy --listen 127.0.0.1:8000 \\",
      "                          --backend 127.0.0.1:9001 --backend 127.0.0.1:9002 --balancer p2c",
      "  Quick mode, HTTPS:    prescal-proxy --listen 0.0.0.0:8443 --tls-cert chain.pem \\",
      "                          --tls-key key.pem --backend 127.0.0.1:9001",
      "  Check a file:         prescal-proxy --check-config examples/proxy.yml",
      "  Status and metrics:   curl localhost:9900/status; curl localhost:9900/metrics",
      "  Admin commands:       curl -X POST -H 'X-Prescal-Admin: 1' localhost:9900/reload",
      "",
      "Exit codes: 0 stopped cleanly, 1 could not start (e.g. port in use), 2 bad configuration."
    })
public final class ProxyCommand implements Callable<Integer> {
  static final Path DEFAULT_CONFIG = Path.of("prescal-proxy", "config.yml");

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Configuration file (YAML).")
  Path config;

  @Option(
      names = "--check-config",
      paramLabel = "FILE",
      description = "Validate FILE, list every problem, and exit (0: valid, 2: not).")
  Path check;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Quick mode: address to accept clients on (default 0.0.0.0:8000).")
  List<String> listen = new ArrayList<>();

  @Option(
      names = "--backend",
      paramLabel = "HOST:PORT",
      description = "Quick mode: a backend; repeat for several. No file is read.")
  List<String> backends = new ArrayList<>();

  @Option(
      names = "--balancer",
      paramLabel = "NAME",
      description =
          "Quick mode: round-robin, least-request, p2c (default), peak-ewma or hash"
              + " (by client address).")
  String balancer = "p2c";

  @Option(
      names = "--admin",
      paramLabel = "HOST:PORT",
      description = "Quick mode: admin API address (default 127.0.0.1:9900), or 'off'.")
  String admin = "127.0.0.1:9900";

  @Option(names = "--access-log", description = "Quick mode: log every request to stdout.")
  boolean accessLog;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "Quick mode: PEM certificate chain; with --tls-key, --listen serves HTTPS.")
  String tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "Quick mode: the certificate's unencrypted PKCS#8 PEM private key.")
  String tlsKey;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (check != null) {
      return check(check, out, err);
    }
    if (!backends.isEmpty() && config != null) {
      err.println("use either --config FILE or quick mode (--backend ...), not both");
      return 2;
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      err.println(
          "--tls-cert and --tls-key go together: pass the certificate chain and its key, or"
              + " neither for plain HTTP");
      return 2;
    }
    if (tlsCert != null && backends.isEmpty()) {
      err.println("--tls-cert and --tls-key are quick-mode flags: add --backend HOST:PORT");
      return 2;
    }
    ProxyConfig loaded;
    Path file = null;
    try {
      if (!backends.isEmpty()) {
        loaded =
            ConfigLoader.parse(
                QuickConfig.yaml(listen, backends, balancer, admin, accessLog, tlsCert, tlsKey),
                "quick mode");
      } else {
        file = configFile();
        if (!Files.exists(file)) {
          err.println(
              "no configuration: "
                  + file
                  + " does not exist; pass --config FILE, set"
                  + " PRESCAL_CONFIG, or run in quick mode with --backend HOST:PORT (see --help)");
          return 2;
        }
        loaded = ConfigLoader.load(file);
      }
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    return run(loaded, file, err);
  }

  private int run(ProxyConfig loaded, Path file, PrintWriter err) throws Exception {
    Proxy proxy;
    try {
      proxy = new Proxy(loaded, file, EventSink.NONE);
    } catch (IllegalArgumentException e) {
      err.println("prescal-proxy could not start: " + e.getMessage()); // e.g. -Dprescal.transport
      return 2;
    }
    try {
      proxy.start();
    } catch (IllegalStateException e) {
      err.println("prescal-proxy could not start: " + e.getMessage());
      proxy.close();
      return 1;
    }
    ConfigWatcher watcher = null;
    if (file != null) {
      watcher = new ConfigWatcher(file, proxy::reload);
      watcher.onSighup();
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  proxy.stop("SIGTERM");
                  stopped.countDown();
                },
                "prescal-shutdown"));
    stopped.await();
    if (watcher != null) {
      watcher.close();
    }
    return 0;
  }

  private Path configFile() {
    if (config != null) {
      return config;
    }
    String env = System.getenv("PRESCAL_CONFIG");
    return env != null && !env.isBlank() ? Path.of(env) : DEFAULT_CONFIG;
  }

  private static int check(Path file, PrintWriter out, PrintWriter err) {
    try {
      ProxyConfig valid = ConfigLoader.load(file);
      out.println(
          file
              + ": valid ("
              + valid.services().size()
              + " service(s), version "
              + valid.version()
              + ")");
      return 0;
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  /** The version from the jar manifest. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"prescal-proxy " + Proxy.version()};
    }
  }
}
